"""Our Home built the usual way in Vizro 1.0 (issue #16 peer): ``python vizro_home.py PORT``.

Same generated deals (``DEALS_CSV``), same figures (``_home.py``): a Dashboard with one Page,
KPI cards and the period table as ``vm.Figure`` of ``@capture("figure")`` functions, the
forecast as ``vm.Graph`` of a ``@capture("graph")`` function, and a ``vm.Filter`` on the stage
column (a multi-select dropdown) that targets them all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dash_bootstrap_components as dbc
import pandas as pd
import vizro.models as vm
from dash import html
from vizro import Vizro
from vizro.managers import data_manager
from vizro.models.types import capture

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _home  # noqa: E402

data_manager["deals"] = lambda: _home.load_deals(_home.deals_path())


@capture("figure")
def kpi_cards(data_frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    """The eight KPIs and four alert counts."""
    items = _home.metric_items(_home.kpis(data_frame))
    return dbc.Row([dbc.Col(dbc.Card(dbc.CardBody([
        html.P(label, className="card-kpi-title"),
        html.H3(value, className="kpi-value")])), width=3, className="mb-2")
        for label, value in items])


@capture("graph")
def forecast(data_frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    """The 30/60/90-day forecast chart."""
    return _home.forecast_figure(_home.kpis(data_frame))


@capture("figure")
def period_table(data_frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    """The period comparison."""
    return dbc.Table.from_dataframe(_home.period_rows(_home.kpis(data_frame)), size="sm")


page = vm.Page(
    title="Accueil",
    layout=vm.Grid(grid=[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]] * 3
                   + [[1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]] * 2),
    components=[
        vm.Figure(id="kpis", figure=kpi_cards("deals")),
        vm.Graph(id="forecast", figure=forecast("deals")),
        vm.Figure(id="period", figure=period_table("deals")),
    ],
    controls=[vm.Filter(column="stage", selector=vm.Dropdown(id="filter-stage", multi=True))],
)
app = Vizro().build(vm.Dashboard(pages=[page], title="CRM"))

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]) if len(sys.argv) > 1 else 8050,
            debug=False)
