"""Figures as plain dicts (``layouts.figures``): the same JSON for the browser as the
``go.Figure`` builders they replaced, and figures Plotly's own validation accepts unchanged.

``figures_golden.json`` was written by the graph_objects builders (``fig.to_plotly_json()``
through Plotly's JSON encoder, as Dash sends a figure) for every case of
``figure_cases.CASES``. When a figure changes on purpose, rewrite it with
``PYTHONPATH=.:tests/unit python tests/unit/test_layouts_figures_json.py`` and review its diff.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import pytest
from figure_cases import CASES, GOLDEN
from plotly.io.json import to_json_plotly

from layouts import figures


def wire(figure: Any) -> Any:
    """The figure as the browser receives it (Plotly's JSON encoder, as Dash uses it)."""
    return json.loads(to_json_plotly(figure))


def golden() -> dict[str, Any]:
    """The golden figures, by case."""
    return dict(json.loads(GOLDEN.read_text(encoding="utf-8")))


def test_every_case_has_a_golden_figure() -> None:
    assert sorted(golden()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_figure_json_is_what_the_graph_objects_builders_sent(case: str) -> None:
    figure = CASES[case](figures)
    assert isinstance(figure, dict) and sorted(figure) == ["data", "layout"]
    expected = golden()[case]
    got = wire(figure)
    assert got["layout"] == expected["layout"]
    assert len(got["data"]) == len(expected["data"])
    for trace, old in zip(got["data"], expected["data"], strict=True):
        assert trace == old


@pytest.mark.parametrize("case", sorted(CASES))
def test_plotly_validation_accepts_every_figure_unchanged(case: str) -> None:
    # go.Figure raises on an unknown property or a bad value; its JSON is the dict's own
    # (Plotly fills an empty template with its defaults, the one difference)
    figure = CASES[case](figures)
    validated = wire(go.Figure(figure).to_plotly_json())
    sent = wire(figure)
    assert sent["layout"].pop("template") == {}
    validated["layout"].pop("template")
    assert validated == sent


def test_a_figure_is_plain_json() -> None:
    # no Plotly object and no numpy value left for the encoder: json.dumps takes it as is
    figure = CASES["source_revenue"](figures)
    assert json.loads(json.dumps(figure)) == wire(figure)


if __name__ == "__main__":  # rewrite the golden file from the current builders
    GOLDEN.write_text(json.dumps({name: wire(case(figures)) for name, case in CASES.items()},
                                 ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")
