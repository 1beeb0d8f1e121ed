"""Issue #2 acceptance: after loading the sample, the Home KPIs equal an independent pandas
computation over the sample CSV (written here from METRICS.md, not from data.metrics)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd

from app import create_app
from callbacks.pages import render_page
from data.importer import import_file
from data.sample import sample_csv_bytes
from layouts.formatting import Formatter

AS_OF = date(2026, 11, 23)


def _by_id(component: Any, wanted: str) -> Any:
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    if isinstance(component, dict):  # rendered output served from the cache (wire form)
        if component.get("props", {}).get("id") == wanted:
            return component
        children = component.get("props", {}).get("children")
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _by_id(child, wanted)
            if found is not None:
                return found
    return None


def _text(component: Any) -> str:
    if isinstance(component, dict):
        return str(component["props"].get("children"))
    return str(component.children)


def _expected() -> dict[str, Any]:
    raw = pd.read_csv(io.BytesIO(sample_csv_bytes(AS_OF)), dtype=str, keep_default_na=False)
    raw["amount"] = pd.to_numeric(raw["amount"].replace("", None))
    main = raw["currency"].value_counts().idxmax()
    money = raw[raw["currency"] == main]
    p_stage = {"Prospect": 0.10, "Qualifié": 0.30, "Proposition": 0.50, "Négociation": 0.70}
    own = pd.to_numeric(money["probability"].str.rstrip("%").replace("", None)) / 100
    p = own.fillna(money["stage"].map(p_stage))
    open_money = money["status"] == "open"
    won, lost = (raw["status"] == "won").sum(), (raw["status"] == "lost").sum()
    return {
        "deals": len(raw),
        "gross": money.loc[open_money, "amount"].sum(),
        "weighted": (money.loc[open_money, "amount"] * p[open_money]).sum(),
        "win_rate": won / (won + lost),
        "conversion": won / len(raw),
        "average": money["amount"].mean(),
        "won_revenue": money.loc[money["status"] == "won", "amount"].sum(),
        "currency": main,
    }


def test_home_kpis_equal_pandas_on_the_sample(app_settings) -> None:
    app = create_app(app_settings)
    engine = app.server.extensions["crm"]["engine"]
    import_file(engine, sample_csv_bytes(AS_OF), "sample.csv")
    expected = _expected()
    fmt = Formatter("fr")
    cur = expected["currency"]
    wanted = {
        "kpi-deals": fmt.number(expected["deals"]),
        "kpi-gross": fmt.money(round(expected["gross"], 2), cur),
        "kpi-weighted": fmt.money(round(expected["weighted"], 2), cur),
        "kpi-win-rate": fmt.percent(expected["win_rate"]),
        "kpi-conversion": fmt.percent(expected["conversion"]),
        "kpi-average": fmt.money(round(expected["average"], 2), cur),
        "kpi-won-revenue": fmt.money(round(expected["won_revenue"], 2), cur),
    }
    with app.server.test_request_context():
        for attempt in ("computed", "from the rendered-output cache"):
            page = render_page("/", f"?as_of={AS_OF.isoformat()}")
            for card, text in wanted.items():
                found = _by_id(page, card)
                assert found is not None, (card, attempt)
                assert _text(found) == text, (card, attempt)


def _texts(component: Any) -> list[str]:
    """Every string in a component tree."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, dict):
        children = component.get("props", {}).get("children")
    else:
        children = getattr(component, "children", None)
    if children is None or isinstance(children, int | float):
        return []
    items = children if isinstance(children, list | tuple) else [children]
    return [text for child in items for text in _texts(child)]


def test_home_shows_the_pipeline_change_since_the_previous_import(app_settings) -> None:
    from data.__main__ import kpi_json

    app = create_app(app_settings)
    engine = app.server.extensions["crm"]["engine"]
    import_file(engine, sample_csv_bytes(AS_OF, n=300, seed=1), "before.csv")
    before = kpi_json(engine, AS_OF)
    import_file(engine, sample_csv_bytes(AS_OF, n=400, seed=2), "after.csv")
    after = kpi_json(engine, AS_OF)
    assert before is not None and after is not None and before["currency"] == after["currency"]
    fmt = Formatter("fr")
    delta = round(after["pipeline_gross"] - before["pipeline_gross"], 2)
    change = ("+" if delta > 0 else "") + fmt.money(delta, after["currency"], cents=False)
    # the page speaks the default language (French): the catalogue's sentence, up to its date
    wanted = fmt._("{change} since import #{id} ({date})", change=change, id=1,
                   date="DATE").split(" (DATE")[0]
    with app.server.test_request_context():
        texts = _texts(render_page("/", f"?as_of={AS_OF.isoformat()}"))
    assert any(t.startswith(wanted) for t in texts), (wanted, [t for t in texts if "#1" in t])
    with app.server.test_request_context():  # the first import has nothing before it
        first = _texts(render_page("/", f"?as_of={AS_OF.isoformat()}&import=1"))
    assert not any("since import" in t for t in first)
