"""Forecast fan: P10 / P50 / P90 and likely won revenue per forecast window.

Built on :func:`data.metrics.forecast.forecast_windows` (METRICS.md, Forecast: windows,
likely, worst = P10, best = P90, same seed, same draws, same normal approximation above
``MAX_SIMULATED_DEALS`` deals). This module only adds the median (P50) of the same distribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from data.metrics.codes import status_masks
from data.metrics.days import day_number, day_numbers
from data.metrics.forecast import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_WINDOWS,
    MAX_SIMULATED_DEALS,
    forecast_windows,
    simulated_revenue,
)
from data.metrics.numbers import amounts, money, probabilities


def forecast_fan(
    deals: pd.DataFrame,
    as_of: date,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    seed: int = DEFAULT_SEED,
    *,
    draws: int = DEFAULT_DRAWS,
    max_simulated_deals: int = MAX_SIMULATED_DEALS,
) -> pd.DataFrame:
    """P10, P50, P90 and likely won revenue of each cumulative forecast window.

    ``p10`` / ``p90`` / ``likely`` / ``method`` are those of :func:`forecast_windows` (its
    ``worst`` / ``best``, clipped so that 0 ≤ P10 ≤ likely ≤ P90 ≤ gross). ``p50`` is the median
    of the same distribution: with ``method == "monte_carlo"`` the median of the ``draws``
    simulated outcomes drawn exactly as the forecast draws them (``numpy.random.default_rng(seed)``,
    uniform < p per deal, one simulation shared by the nested windows); with ``"normal"`` the
    mean (the normal median); with ``"exact"`` the certain total. P50 is then clipped into
    [P10, P90].

    Returns:
        Columns ``window, deals, gross, p10, p50, p90, likely, method, draws`` (``draws`` = the
        number of simulated outcomes, 0 when not simulated), one row per window in the order given.
    """
    # One simulation for P10, P50 and P90: the windows are first computed without simulating
    # (cheap: counts, likely, normal bounds), then the windows forecast_windows would simulate
    # get the quantiles of the very draws it would make (same deals, order, seed).
    base = forecast_windows(deals, as_of, windows, seed, draws=draws, max_simulated_deals=-1)
    simulated = ((base["deals"] <= max_simulated_deals) & (base["method"] != "exact")).to_numpy()
    p10 = base["worst"].to_numpy(dtype=np.float64).copy()
    p90 = base["best"].to_numpy(dtype=np.float64).copy()
    p50 = base["likely"].to_numpy(dtype=np.float64).copy()
    likely = base["likely"].to_numpy(dtype=np.float64)
    gross = base["gross"].to_numpy(dtype=np.float64)
    method = base["method"].to_numpy(dtype=object).copy()
    if simulated.any():
        sim_windows = base.loc[simulated, "window"].astype(int).tolist()
        quantiles = _simulated_quantiles(deals, as_of, windows, seed, draws, sim_windows)
        for i in np.flatnonzero(simulated):
            lo, mid, hi = quantiles[int(base["window"].iloc[i])]
            # the clipping of forecast_windows: 0 <= P10 <= likely <= P90 <= gross
            p10[i] = min(max(money(lo), 0.0), likely[i])
            p90[i] = min(max(money(hi), likely[i]), gross[i])
            p50[i] = mid
            method[i] = "monte_carlo"
    p50 = np.array([money(v) for v in np.clip(p50, p10, p90)])
    return pd.DataFrame(
        {
            "window": base["window"].astype(np.int64),
            "deals": base["deals"].astype(np.int64),
            "gross": base["gross"],
            "p10": p10,
            "p50": p50,
            "p90": p90,
            "likely": base["likely"],
            "method": pd.Series(method, dtype=object),
            "draws": np.where(simulated, int(max(draws, 1)), 0).astype(np.int64),
        }
    )


def _simulated_quantiles(
    deals: pd.DataFrame,
    as_of: date,
    windows: Sequence[int],
    seed: int,
    draws: int,
    sim_windows: Sequence[int],
) -> dict[int, tuple[float, float, float]]:
    """P10, P50 and P90 won revenue of the simulated windows (the draws of ``forecast_windows``).

    The draws of ``data.metrics.forecast.simulated_revenue`` (same deals, same order, same
    seed), so P10 and P90 of this simulation are the forecast's.
    """
    wins = sorted({int(w) for w in windows})
    offset = day_numbers(deals, "expected_close_date") - day_number(as_of)
    eligible = status_masks(deals).open & (offset >= 0) & (offset <= wins[-1])
    band = np.searchsorted(np.asarray(wins, dtype=np.float64), offset[eligible], side="left")
    a = np.nan_to_num(amounts(deals)[eligible])
    p = np.clip(np.nan_to_num(probabilities(deals)[eligible]), 0.0, 1.0)
    uncertain = (a > 0) & (p > 0) & (p < 1)
    n_bands = max(wins.index(w) for w in sim_windows) + 1
    revenue = simulated_revenue(a, p, band, n_bands, uncertain, draws, seed)
    q = np.quantile(revenue, [0.1, 0.5, 0.9], axis=0)
    return {w: (float(q[0, wins.index(w)]), float(q[1, wins.index(w)]),
                float(q[2, wins.index(w)])) for w in sim_windows}


def fan_json(fan: pd.DataFrame) -> dict[str, dict[str, object]]:
    """The CLI/JSON form: ``{"30": {p10, p50, p90, likely, deals, gross, method, draws}, …}``."""
    return {
        str(int(r.window)): {
            "p10": float(r.p10), "p50": float(r.p50), "p90": float(r.p90),
            "likely": float(r.likely), "deals": int(r.deals), "gross": float(r.gross),
            "method": str(r.method), "draws": int(r.draws),
        }
        for r in fan.itertuples(index=False)
    }
