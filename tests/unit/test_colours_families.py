"""One chart never shows two tones of one hue while a family is free (issue 13: LinkedIn's
orange and Recommandation's light orange read as one source in the stacked inflow)."""

from __future__ import annotations

from layouts import colours

SOURCES = ["Emailing", "Google Ads", "LinkedIn", "Recommandation", "Salon", "Site web"]


def _family(colour: str) -> str:
    return colours.FAMILY[colours.PALETTE.index(colour)]


def test_every_palette_colour_has_a_family() -> None:
    assert len(colours.FAMILY) == len(colours.PALETTE)


def test_labels_of_one_chart_get_distinct_hue_families() -> None:
    # these two share a family by their own hash: the later one by name moves
    assert _family(colours.colour("LinkedIn")) == _family(colours.colour("Recommandation"))
    chart = colours.colours(SOURCES)
    assert len({_family(c) for c in chart.values()}) == len(SOURCES)
    assert chart["LinkedIn"] == colours.colour("LinkedIn")  # the first by name keeps its own
    for many in (11, 20):  # beyond the families: still no two labels with one colour
        names = [f"Segment {i}" for i in range(many)]
        assert len(set(colours.colours(names).values())) == many
