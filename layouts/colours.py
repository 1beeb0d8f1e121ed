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

    Only when two labels of the chart share a palette slot does the later one (by name) take
    the nearest slot no label of the chart owns, so no two bars or bubbles side by side look
    alike; every other label keeps its colour whatever else the chart shows.
    """
    unique = sorted(set(names), key=lambda n: (fold(n), n))
    owner: dict[int, str] = {}
    for name in unique:
        owner.setdefault(slot(name), name)
    out = {name: PALETTE[position] for position, name in owner.items()}
    taken = set(owner)
    for name in unique:
        if name in out:
            continue
        position = slot(name)
        for step in range(1, len(PALETTE)):
            candidate = (position + step) % len(PALETTE)
            if candidate not in taken:
                break
        taken.add(candidate)
        out[name] = PALETTE[candidate]
    return out


def status_colour(status: str) -> str:
    """Open, won, lost: blue, green, red everywhere (charts, tables, badges)."""
    return STATUS.get(status, NEUTRAL)
