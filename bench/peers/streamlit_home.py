"""Our Home built the usual way in Streamlit 1.67 (issue #16 peer): ``streamlit run`` this file.

Same generated deals (``DEALS_CSV``), same figures (``_home.py``): ``st.metric`` per KPI and
alert, ``st.plotly_chart`` for the forecast, ``st.dataframe`` for the period comparison, a stage
``st.multiselect``; the file is read once (``st.cache_data``), the figures recomputed per run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _home  # noqa: E402


@st.cache_data
def deals(path: str):  # type: ignore[no-untyped-def]
    return _home.load_deals(path)


st.set_page_config(page_title="Accueil", layout="wide")
frame = deals(_home.deals_path())
stages = st.multiselect("Étape", options=_home.STAGE_ORDER, key="filter-stage")
shown = frame[frame["stage"].isin(stages)] if stages else frame
k = _home.kpis(shown)
items = _home.metric_items(k)
for row in range(0, len(items), 4):
    for column, (label, value) in zip(st.columns(4), items[row:row + 4], strict=False):
        column.metric(label, value)
left, right = st.columns([7, 5])
left.plotly_chart(_home.forecast_figure(k), width="stretch")
right.subheader("Comparaison de période")
right.dataframe(_home.period_rows(k), hide_index=True)
