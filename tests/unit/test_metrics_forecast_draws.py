"""The Monte Carlo draws (``data.metrics.forecast.simulated_revenue``) are those of the float
implementation they replaced: same generator stream, same outcomes, bit for bit.

The reference below is the former implementation (float32 uniforms compared with p), kept here
so that a change of the fast path that moves a single outcome fails.
"""

from __future__ import annotations

import numpy as np
import pytest

from data.metrics import forecast
from data.metrics.forecast import simulated_revenue


def reference_revenue(a: np.ndarray, p: np.ndarray, band: np.ndarray, n_bands: int,
                      uncertain: np.ndarray, draws: int, seed: int,
                      cells: int = forecast._CELLS_PER_CHUNK) -> np.ndarray:
    """The former ``simulated_revenue`` (float32 uniforms, chunks of at most ``cells``), summing
    the amounts in whole cents with exact integers."""
    in_sim = band < n_bands
    certain = in_sim & (p >= 1)
    sure = np.cumsum(np.bincount(band[certain], weights=a[certain], minlength=n_bands)[:n_bands])
    pick = in_sim & uncertain
    au, pu, bu = a[pick], p[pick].astype(np.float32), band[pick]
    cents = np.zeros((len(au), n_bands), dtype=np.int64)
    cents[np.arange(len(au)), bu] = np.round(au * 100.0).astype(np.int64)
    rng = np.random.default_rng(seed)
    chunk = max(1, cells // max(len(au), 1))
    revenue = np.empty((max(int(draws), 1), n_bands))
    for first in range(0, len(revenue), chunk):
        size = min(chunk, len(revenue) - first)
        won = rng.random((size, len(au)), dtype=np.float32) < pu
        # integer arithmetic: exact, no BLAS, whatever the order of the additions
        revenue[first : first + size] = won.astype(np.int64) @ cents
    return np.cumsum(revenue, axis=1) / 100.0 + sure


def deals(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Amounts (some unknown → 0), probabilities (some 0, 1 or at float32 edges), bands."""
    rng = np.random.default_rng(seed)
    a = np.round(rng.uniform(0, 90_000, n), 2)
    a[rng.random(n) < 0.05] = 0.0
    p = rng.uniform(0, 1, n)
    edges = np.array([0.0, 1.0, 0.5, 0.9999999999, 1e-50, 2.0**-24, 1 - 2.0**-24, 0.1, 0.7])
    chosen = rng.random(n) < 0.3
    p[chosen] = rng.choice(edges, int(chosen.sum()))
    band = rng.integers(0, 3, n)
    uncertain = (a > 0) & (p > 0) & (p < 1)
    return a, p, band, uncertain


@pytest.mark.parametrize("n", [0, 1, 2, 7, 300, 1001, 2000])
def test_draws_match_the_float_uniforms_bit_for_bit(n: int) -> None:
    a, p, band, uncertain = deals(n, seed=n)
    for n_bands in (1, 3):
        fast = simulated_revenue(a, p, band, n_bands, uncertain, 3_001, 20261123)
        slow = reference_revenue(a, p, band, n_bands, uncertain, 3_001, 20261123)
        assert fast.shape == slow.shape
        assert np.array_equal(fast, slow)


@pytest.mark.parametrize(("n", "scale"), [(2000, 1e5), (50, 1e7), (1, 1e9)])
def test_large_amounts_sum_exactly(n: int, scale: float) -> None:
    # Amounts up to ~10**14 cents: several float32 digit columns per band, recombined exactly.
    a, p, band, uncertain = deals(n, seed=7 * n)
    a = np.round(a * scale, 2)
    for n_bands in (1, 3):
        fast = simulated_revenue(a, p, band, n_bands, uncertain, 1_001, 20261123)
        slow = reference_revenue(a, p, band, n_bands, uncertain, 1_001, 20261123)
        assert np.array_equal(fast, slow)


@pytest.mark.parametrize("n", [3, 8, 999])
def test_chunked_draws_follow_one_stream(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks of an odd number of cells (5 draws of an odd number of deals): the stream must
    # not skip or repeat the half word left over at a chunk boundary.
    monkeypatch.setattr(forecast, "_CELLS_PER_CHUNK", 5 * n)
    a, p, band, uncertain = deals(n, seed=100 + n)
    fast = simulated_revenue(a, p, band, 3, uncertain, 777, 5)
    slow = reference_revenue(a, p, band, 3, uncertain, 777, 5, cells=5 * n)
    assert np.array_equal(fast, slow)


def test_float32_edges_win_as_the_float_comparison_does() -> None:
    # p rounding to float32 1.0 always wins, to 0.0 never; 2**-24 wins only on a zero word
    p32 = np.array([0.9999999999, 1e-50, 2.0**-24, 0.5, 1 - 2.0**-24], dtype=np.float32)
    assert forecast._thresholds(p32).tolist() == [2**24, 0, 1, 2**23, 2**24 - 1]
