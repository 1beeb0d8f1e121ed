"""A realistic sample dataset: about 2,000 deals over two years, dated relative to ``today``.

Fixed seed, so two runs on the same day give the same file; dates are placed relative to the
day it is generated so that forecast windows, cold deals, overdue closings and untreated leads
are populated whenever someone tries the app. Sources differ in volume *and* quality (LinkedIn
brings many small, rarely won deals; referrals few, large, often won) so the Marketing page has
something to say.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
import pandas as pd

STAGES = ("Prospect", "Qualifié", "Proposition", "Négociation")
#: source → (share of deals, win odds multiplier, amount multiplier)
SOURCES = {
    "LinkedIn": (0.30, 0.55, 0.7),
    "Site web": (0.22, 0.9, 0.9),
    "Salon": (0.12, 1.1, 1.3),
    "Recommandation": (0.10, 2.0, 1.6),
    "Google Ads": (0.16, 0.7, 0.8),
    "Emailing": (0.10, 0.8, 0.75),
}
SECTORS = ("Tech", "Santé", "Industrie", "Retail", "Finance", "Sport", "Éducation")
SECTOR_AMOUNT = (1.3, 1.1, 1.5, 0.7, 1.6, 0.6, 0.5)
OWNERS = ("Camille Martin", "Hugo Bernard", "Léa Dubois", "Nathan Petit", "Sarah Moreau")
ACCOUNT_PREFIX = ("Groupe", "Société", "Atelier", "Studio", "Maison", "Cabinet", "Labo")
ACCOUNT_ROOT = (
    "Azur", "Boréal", "Cobalt", "Delta", "Éole", "Fusion", "Granit", "Helios", "Iris", "Jade",
    "Kairos", "Lumen", "Mistral", "Nova", "Orion", "Pixel", "Quartz", "Rivage", "Sirius", "Titan",
)


def generate_sample(today: date, n: int = 2000, seed: int = 20261123) -> pd.DataFrame:
    """The sample deals as a canonical frame of text cells (what a clean CSV export holds)."""
    rng = np.random.default_rng(seed)
    source_names = list(SOURCES)
    shares = np.array([SOURCES[s][0] for s in source_names])
    source_idx = rng.choice(len(source_names), size=n, p=shares / shares.sum())
    sector_idx = rng.integers(0, len(SECTORS), size=n)
    owner_idx = rng.integers(0, len(OWNERS), size=n)
    # Days before today, oldest first; skewed to recent months like a growing business.
    age = np.sort((1 + 729 * rng.random(n) ** 1.5).astype(int))[::-1]
    created = np.array([today - timedelta(days=int(a)) for a in age])

    base = rng.lognormal(mean=9.3, sigma=0.7, size=n)
    amount_mult = np.array([SOURCES[source_names[i]][2] for i in source_idx])
    amount = np.round(base * amount_mult * np.array(SECTOR_AMOUNT)[sector_idx], 2)

    win_mult = np.array([SOURCES[source_names[i]][1] for i in source_idx])
    cycle = np.clip(rng.lognormal(mean=3.9, sigma=0.5, size=n), 7, 300).astype(int)
    closed_by_now = (age > cycle) & (rng.random(n) < 0.92)
    won = closed_by_now & (rng.random(n) < np.clip(0.33 * win_mult, 0.05, 0.9))

    rows = []
    for i in range(n):
        c = created[i]
        if closed_by_now[i]:
            status = "won" if won[i] else "lost"
            stage = "Gagné" if won[i] else "Perdu"
            closed = c + timedelta(days=int(cycle[i]))
            expected = closed + timedelta(days=int(rng.integers(-10, 11)))
            last = closed - timedelta(days=int(rng.integers(0, 5)))
        else:
            status = "open"
            closed = None
            progress = age[i] / max(cycle[i], 1)
            if progress >= 1:  # stale: stuck somewhere in the pipeline
                stage = STAGES[int(rng.integers(0, len(STAGES)))]
            else:
                stage = STAGES[min(int(progress * len(STAGES) + rng.random() * 0.5), 3)]
            expected = today + timedelta(days=int(rng.integers(-25, 110)))
            if expected <= c:
                expected = c + timedelta(days=int(rng.integers(15, 60)))
            if stage == "Prospect" and rng.random() < 0.35:
                last = None  # never touched: an untreated lead once it is 48 h old
            else:
                quiet = int(rng.choice([rng.integers(0, 10), rng.integers(14, 60)], p=[0.7, 0.3]))
                last = max(c, today - timedelta(days=quiet))
        currency = "USD" if rng.random() < 0.03 else "EUR"
        blank_amount = rng.random() < 0.01
        own_probability = ""
        if status == "open" and rng.random() < 0.05:
            own_probability = f"{int(rng.choice([20, 40, 60, 80]))}%"
        account = (
            f"{ACCOUNT_PREFIX[int(rng.integers(0, len(ACCOUNT_PREFIX)))]} "
            f"{ACCOUNT_ROOT[int(rng.integers(0, len(ACCOUNT_ROOT)))]}"
        )
        rows.append(
            {
                "deal_id": f"D-{10001 + i}",
                "name": f"{account} — {SECTORS[sector_idx[i]]} {i % 7 + 1}",
                "account": account,
                "stage": stage,
                "status": status,
                "amount": "" if blank_amount else f"{amount[i]:.2f}",
                "currency": currency,
                "probability": own_probability,
                "source": source_names[source_idx[i]],
                "sector": SECTORS[sector_idx[i]],
                "owner": OWNERS[owner_idx[i]],
                "created_date": c.isoformat(),
                "expected_close_date": expected.isoformat(),
                "closed_date": closed.isoformat() if closed else "",
                "last_activity_date": last.isoformat() if last else "",
                "notes": "Relancer après la démo" if rng.random() < 0.1 else "",
            }
        )
    return pd.DataFrame(rows)


def sample_csv_bytes(today: date, n: int = 2000, seed: int = 20261123) -> bytes:
    """The sample as UTF-8 CSV bytes, ready for the import engine."""
    buffer = io.StringIO()
    generate_sample(today, n=n, seed=seed).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")
