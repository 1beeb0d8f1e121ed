"""Home's figures computed the usual way, with pandas, for the peer apps (issue #16).

The peers (``streamlit_home.py``, ``vizro_home.py``) show what our Home shows for the same
generated deals file (``DEALS_CSV``, written by ``bench/browser.py``): the eight KPIs, the four
priority-alert counts, the 30/60/90-day revenue forecast chart (worst → best bar, likely marker)
and the period comparison, for the most frequent currency, with a stage filter. Definitions
follow ../shared/METRICS.md; worst/best use the normal approximation (as our data layer does
for large sets). Runs in the peers' own venv (pandas, numpy, plotly only).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

#: Built-in stage probabilities (METRICS.md seed spec; Proposition as our stage defaults).
STAGE_P = {"Prospect": 0.1, "Qualifié": 0.3, "Proposition": 0.5, "Négociation": 0.7,
           "Gagné": 1.0, "Perdu": 0.0}
STAGE_ORDER = list(STAGE_P)
DATES = ("created_date", "expected_close_date", "closed_date", "last_activity_date")


def deals_path() -> str:
    """The generated deals file the benchmark wrote."""
    return os.environ.get("DEALS_CSV", "deals.csv")


def load_deals(path: str) -> pd.DataFrame:
    """The deals file as a frame: dates parsed, probability per METRICS.md."""
    frame = pd.read_csv(path, parse_dates=list(DATES), dtype={"stage": "category"})
    stage_p = frame["stage"].astype(str).map(STAGE_P).astype(float)
    p = frame["probability"].fillna(stage_p)
    p = p.where(frame["status"] == "open", (frame["status"] == "won").astype(float))
    frame["p"] = p
    return frame


def kpis(frame: pd.DataFrame, today: date | None = None) -> dict[str, Any]:
    """The Home figures of ``frame`` (already filtered): counts over every deal, amounts in
    the most frequent currency (as our Home: amounts in different currencies never added).
    """
    as_of = pd.Timestamp(today or date.today())
    currency = frame["currency"].mode().iat[0] if len(frame) else "EUR"
    d = frame
    status = d["status"]
    open_, won, lost = d[status == "open"], d[status == "won"], d[status == "lost"]
    closed = len(won) + len(lost)
    in_currency = d["currency"] == currency
    m_open, m_won = open_[in_currency[status == "open"]], won[in_currency[status == "won"]]
    start, prev = as_of - timedelta(days=30), as_of - timedelta(days=60)

    def period(lo: pd.Timestamp, hi: pd.Timestamp) -> dict[str, float | None]:
        created = d["created_date"].between(lo, hi, inclusive="right")
        closing = d["closed_date"].between(lo, hi, inclusive="right")
        w = d[closing & (status == "won")]
        n_closed = int((closing & status.isin(["won", "lost"])).sum())
        return {"created": int(created.sum()), "won": len(w),
                "won_revenue": float(w.loc[w["currency"] == currency, "amount"].sum()),
                "win_rate": len(w) / n_closed if n_closed else None}

    windows = []
    for days in (30, 60, 90):
        inside = m_open[m_open["expected_close_date"].between(as_of,
                                                                as_of + timedelta(days=days))]
        amount, p = inside["amount"].fillna(0), inside["p"]
        likely = float((amount * p).sum())
        sd = float(np.sqrt((amount ** 2 * p * (1 - p)).sum()))
        windows.append({"window": days, "likely": likely,
                        "worst": max(0.0, likely - 1.2816 * sd),
                        "best": min(float(amount.sum()), likely + 1.2816 * sd)})
    first_stage = STAGE_ORDER[0]
    untreated = open_[(open_["stage"].astype(str) == first_stage)
                      & (open_["created_date"] <= as_of - timedelta(days=2))
                      & ~(open_["last_activity_date"] > open_["created_date"])]
    return {
        "currency": currency,
        "deals": len(d), "open": len(open_), "won": len(won), "lost": len(lost),
        "gross": float(m_open["amount"].sum()),
        "weighted": float((m_open["amount"] * m_open["p"]).sum()),
        "win_rate": len(won) / closed if closed else None,
        "conversion": len(won) / len(d) if len(d) else None,
        "average": float(d.loc[in_currency, "amount"].mean()) if in_currency.any() else None,
        "won_revenue": float(m_won["amount"].sum()),
        "current": period(start, as_of), "previous": period(prev, start),
        "cold": int((as_of - open_["last_activity_date"] >= timedelta(days=14)).sum()),
        "overdue": int((open_["expected_close_date"] < as_of).sum()),
        "untreated": len(untreated),
        "quick_wins": int(((open_["p"] >= 0.5)
                           & open_["expected_close_date"].between(
                               as_of, as_of + timedelta(days=30))).sum()),
        "forecast": windows,
    }


def money(value: float | None, currency: str) -> str:
    """``1 234 567 €`` style."""
    if value is None:
        return "—"
    return f"{value:,.0f} {currency}".replace(",", "\u202f")


def percent(value: float | None) -> str:
    """``42,1 %`` style."""
    return "—" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def metric_items(k: dict[str, Any]) -> list[tuple[str, str]]:
    """The eight KPIs and four alert counts as (label, value) pairs, in Home's order."""
    cur = k["currency"]
    return [
        ("Affaires", f"{k['deals']:,}".replace(",", "\u202f")),
        ("Pipeline brut", money(k["gross"], cur)),
        ("Pipeline pondéré", money(k["weighted"], cur)),
        ("Taux de réussite", percent(k["win_rate"])),
        ("Taux de conversion", percent(k["conversion"])),
        ("Panier moyen", money(k["average"], cur)),
        ("CA gagné", money(k["won_revenue"], cur)),
        ("Affaires gagnées (30 j)", str(k["current"]["won"])),
        ("Affaires froides", str(k["cold"])),
        ("Clôtures en retard", str(k["overdue"])),
        ("Leads non traités", str(k["untreated"])),
        ("Gains rapides", str(k["quick_wins"])),
    ]


def period_rows(k: dict[str, Any]) -> pd.DataFrame:
    """The period comparison as a small table."""
    cur, now, before = k["currency"], k["current"], k["previous"]
    return pd.DataFrame({
        "": ["Affaires créées", "Affaires gagnées", "CA gagné", "Taux de réussite"],
        "Précédent": [str(before["created"]), str(before["won"]),
                      money(before["won_revenue"], cur), percent(before["win_rate"])],
        "30 derniers jours": [str(now["created"]), str(now["won"]),
                              money(now["won_revenue"], cur), percent(now["win_rate"])],
    })


def forecast_figure(k: dict[str, Any]) -> go.Figure:
    """Worst–best bar and likely marker per window (as Home's forecast chart)."""
    rows = k["forecast"]
    labels = [f"{r['window']} jours" for r in rows]
    fig = go.Figure()
    fig.add_bar(name="Pire → meilleur", x=labels, y=[r["best"] - r["worst"] for r in rows],
                base=[r["worst"] for r in rows], marker={"color": "#4c78a8"})
    fig.add_scatter(name="Probable", x=labels, y=[r["likely"] for r in rows],
                    mode="markers", marker={"color": "#f58518", "size": 14,
                                            "symbol": "line-ew-open", "line": {"width": 4}})
    fig.update_layout(title="Prévision 30/60/90", height=300,
                      margin={"l": 40, "r": 10, "t": 40, "b": 30})
    return fig
