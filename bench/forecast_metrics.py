"""Cost of the issue 12 metric functions at 100k deals (three snapshots), in memory.

    python bench/forecast_metrics.py [--rows 100000] [--repeat 3]

Prints the best of ``--repeat`` runs per function, in milliseconds. The snapshots are the
generator's deals (``bench/_common.py``) then two later exports where a share of the open deals
advance, move back, slip, win, lose or disappear and new deals appear. No database: this is the
cost of the pure functions (the loaders are the pages' own).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import deals_table  # noqa: E402
from data.canonical import coerce_types  # noqa: E402
from data.metrics.backtest import backtest  # noqa: E402
from data.metrics.calibration import calibrated_probabilities  # noqa: E402
from data.metrics.codes import optimize_text_columns  # noqa: E402
from data.metrics.fan import forecast_fan  # noqa: E402
from data.metrics.forecast import forecast_windows  # noqa: E402
from data.metrics.health import deal_health  # noqa: E402
from data.metrics.history import (  # noqa: E402
    SnapshotFrame,
    movement,
    movement_summary,
    pipeline_evolution,
    stage_spells,
    time_in_stage,
)
from data.metrics.segments import size_band_performance  # noqa: E402
from data.metrics.whatif import Scenario, what_if  # noqa: E402
from data.snapshots import prepare  # noqa: E402
from data.stages import default_stage_table  # noqa: E402

OPEN = ["Prospect", "Qualifié", "Proposition", "Négociation"]


def _later(deals: pd.DataFrame, rng: np.random.Generator, new_ids: int) -> pd.DataFrame:
    """The next weekly export: open deals move, some close or vanish, new ones arrive."""
    out = deals.copy()
    is_open = (out["status"] == "open").to_numpy()
    roll = rng.random(len(out))
    stage_idx = out["stage"].map({s: i for i, s in enumerate(OPEN)}).to_numpy()
    adv = is_open & (roll < 0.15) & (stage_idx < 3)
    back = is_open & (roll >= 0.15) & (roll < 0.18) & (stage_idx > 0)
    won = is_open & (roll >= 0.18) & (roll < 0.23)
    lost = is_open & (roll >= 0.23) & (roll < 0.27)
    slip = is_open & (roll >= 0.27) & (roll < 0.35)
    stage = out["stage"].to_numpy(dtype=object).copy()
    stage[adv] = np.array(OPEN, dtype=object)[(stage_idx[adv] + 1).astype(int)]
    stage[back] = np.array(OPEN, dtype=object)[(stage_idx[back] - 1).astype(int)]
    stage[won], stage[lost] = "Gagné", "Perdu"
    status = out["status"].to_numpy(dtype=object).copy()
    status[won], status[lost] = "won", "lost"
    out["stage"], out["status"] = stage, status
    close = out["expected_close_date"].to_numpy().copy()
    close[slip] = close[slip] + np.timedelta64(21, "D")
    out["expected_close_date"] = close
    keep = rng.random(len(out)) > 0.01
    fresh = out.sample(new_ids, random_state=1).copy()
    fresh["deal_id"] = [f"N{rng.integers(1 << 40)}-{i}" for i in range(new_ids)]
    fresh["stage"], fresh["status"] = "Prospect", "open"
    return pd.concat([out[keep], fresh], ignore_index=True)


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    """Build the snapshots and print the timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    today = date(2026, 11, 23)
    rng = np.random.default_rng(3)
    base = coerce_types(deals_table(args.rows, today).to_pandas())
    stages = default_stage_table(["Prospect", "Qualifié", "Proposition", "Négociation",
                                  "Gagné", "Perdu"])
    frames = [base]
    for _ in range(2):
        frames.append(_later(frames[-1], rng, args.rows // 50))
    dates = [today - timedelta(days=14), today - timedelta(days=7), today]
    # as the app loads them: grouping columns as category (SnapshotManager)
    frames = [prepare(optimize_text_columns(coerce_types(f)), stages) for f in frames]
    eur = [f[f["currency"] == "EUR"] for f in frames]
    snaps = [SnapshotFrame(i + 1, d, f) for i, (d, f) in enumerate(zip(dates, eur, strict=True))]
    latest = eur[-1]
    print(f"{len(frames[-1]):,} deals in the newest snapshot ({len(latest):,} EUR), 3 snapshots")
    runs: list[tuple[str, Callable[[], Any]]] = [
        ("forecast_windows (today's forecast, for scale)",
         lambda: forecast_windows(latest, today)),
        ("forecast_fan", lambda: forecast_fan(latest, today)),
        ("calibrated_probabilities", lambda: calibrated_probabilities(latest, stages)),
        ("movement + movement_summary",
         lambda: movement_summary(movement(frames[1], frames[2], stages), "EUR")),
        ("pipeline_evolution (3 snapshots)", lambda: pipeline_evolution(snaps, stages)),
        ("stage_spells + time_in_stage by source",
         lambda: time_in_stage(stage_spells(snaps, stages), stages, "source")),
        ("backtest (3 snapshots, 2 methods, 3 windows)", lambda: backtest(snaps, stages)),
        ("what_if", lambda: what_if(latest, today, Scenario(1.2, 1.1, 1.5, 0.8))),
        ("deal_health (+ next action)", lambda: deal_health(latest, today)),
        ("size_band_performance", lambda: size_band_performance(latest)),
    ]
    for name, fn in runs:
        print(f"{name:<50} {_best(fn, args.repeat):8.1f} ms")


if __name__ == "__main__":
    main()
