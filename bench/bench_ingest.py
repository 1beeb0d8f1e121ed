"""Time parse_upload on a clean canonical CSV of N rows (default 1,000,000).

Usage: python bench/bench_ingest.py [rows]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.ingest import parse_upload  # noqa: E402


def make_csv(rows: int) -> bytes:
    """A clean canonical snake_case CSV with realistic value shapes."""
    rng = np.random.default_rng(0)
    stages = np.array(["Prospect", "Qualifié", "Négociation", "Gagné", "Perdu", "Demo"])
    day0 = np.datetime64("2023-01-01")
    created = day0 + rng.integers(0, 900, rows).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "deal_id": [f"D{i:07d}" for i in range(rows)],
            "name": [f"Deal number {i}" for i in range(rows)],
            "account": [f"Account {i % 5000}" for i in range(rows)],
            "stage": stages[rng.integers(0, len(stages), rows)],
            "amount": np.round(rng.uniform(100, 100000, rows), 2).astype(str),
            "currency": "EUR",
            "probability": rng.integers(0, 101, rows).astype(str),
            "source": np.array(["Web", "Salon", "Referral"])[rng.integers(0, 3, rows)],
            "sector": np.array(["IT", "Retail", "Industry", "Health"])[rng.integers(0, 4, rows)],
            "owner": np.array(["Alice Martin", "Bob Durand", "Chloé Petit"])[
                rng.integers(0, 3, rows)
            ],
            "created_date": pd.Series(created).dt.strftime("%Y-%m-%d"),
            "expected_close_date": pd.Series(created + 60).dt.strftime("%Y-%m-%d"),
            "closed_date": "",
            "last_activity_date": pd.Series(created + 5).dt.strftime("%Y-%m-%d"),
            "notes": "Called the buyer, sent the proposal",
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


def main() -> None:
    """Build the file, then time one parse."""
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    content = make_csv(rows)
    start = time.perf_counter()
    parsed = parse_upload(content, "bench.csv")
    elapsed = time.perf_counter() - start
    print(
        f"{rows} rows, {len(content) / 1e6:.0f} MB: parsed in {elapsed:.2f} s "
        f"({parsed.rows_imported} imported, {parsed.rows_rejected} rejected)"
    )


if __name__ == "__main__":
    main()
