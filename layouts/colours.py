"""One colour per category, the same on every chart and page (issue 13, point 5).

The one owner of colours: figures, tables and badges ask here. A stage, a source or any other
label gets its colour from a stable hash of its folded name (``data.stages.fold``: case,
accents and spaces do not matter), so "LinkedIn" is the same blue on the bubble chart, the
inflow chart and the revenue bars, whatever the filters and whichever page. Statuses and the
measures (gross, weighted, good, bad) have fixed colours.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Final

from data.stages import fold

#: Twenty qualitative colours far enough apart to tell side by side (Tableau 20 order,
#: strong tones first). None of them is a status colour.
PALETTE: Final = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f",
    "#e15759", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8",
    "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94",
)
#: The hue family of each palette colour (Tableau 20 pairs a strong and a light tone of one
#: hue): orange beside light orange read as one category in a stacked bar (issue 13).
FAMILY: Final = (
    "blue", "orange", "green", "purple", "yellow", "teal", "pink", "brown",
    "red", "grey", "blue", "brown", "teal", "olive", "grey", "blue",
    "orange", "green", "purple", "brown",
)
STATUS: Final = {"open": "#2f6fdf", "won": "#1aa179", "lost": "#d1495b"}
#: Measures (not categories): gross vs weighted, good vs bad news, neutral.
GROSS: Final = "#9db8ef"
WEIGHTED: Final = "#2f6fdf"
GOOD: Final = "#1aa179"
BAD: Final = "#d1495b"
NEUTRAL: Final = "#8a8f98"
ACCENT: Final = "#f0a202"


def slot(name: str) -> int:
    """The palette position of a label: a CRC of its folded name (the same in every process)."""
    return zlib.crc32(fold(name).encode("utf-8")) % len(PALETTE)


def colour(name: str) -> str:
    """The colour of one category label (stage, source, sector, owner)."""
    return PALETTE[slot(name)]


def colours(names: Iterable[str]) -> dict[str, str]:
    """Colours of the labels one chart shows together: each label its own :func:`colour`.

    Only when a label's slot, or its hue family, is already owned by an earlier label of the
    chart (by name) does it take the nearest slot of a family no label owns (of a free slot
    once every family is used), so no two bars or bubbles side by side look alike; every
    other label keeps its colour whatever else the chart shows.
    """
    unique = sorted(set(names), key=lambda n: (fold(n), n))
    out: dict[str, str] = {}
    taken: set[int] = set()
    families: set[str] = set()
    spare = len(unique) <= len(set(FAMILY))  # room for one family per label
    for name in unique:
        position = slot(name)
        for step in range(len(PALETTE)):
            candidate = (position + step) % len(PALETTE)
            if candidate not in taken and (not spare or FAMILY[candidate] not in families):
                break
        else:  # more labels than families: any free slot
            candidate = next((position + step) % len(PALETTE) for step in range(len(PALETTE))
                             if (position + step) % len(PALETTE) not in taken)
        taken.add(candidate)
        families.add(FAMILY[candidate])
        out[name] = PALETTE[candidate]
    return out


def status_colour(status: str) -> str:
    """Open, won, lost: blue, green, red everywhere (charts, tables, badges)."""
    return STATUS.get(status, NEUTRAL)
