"""Forecast-page indicators (METRICS.md, "Forecast").

Windows are cumulative: window N holds the open deals expected to close between ``as_of`` and
``as_of + N`` days (both included). Sums skip unknown amounts; a deal whose ``p`` is unknown
counts in ``deals`` and ``gross`` but adds 0 to ``likely`` and never wins in the scenarios.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from data.metrics.codes import codes_with_none, status_masks
from data.metrics.days import day_number, day_numbers, days_array, days_value, time_to_win_days
from data.metrics.groups import group_mean_median, take_sorted
from data.metrics.numbers import amounts, money, probabilities

DEFAULT_WINDOWS: Final = (30, 60, 90)
DEFAULT_SEED: Final = 20261123
#: Number of simulated outcomes of the Monte Carlo scenarios.
DEFAULT_DRAWS: Final = 20_000
#: Largest window (in deals) simulated; larger ones use the normal approximation.
MAX_SIMULATED_DEALS: Final = 2_000
#: z-score of the 90th percentile of the standard normal distribution.
Z90: Final = 1.2815515655446004
#: Cells (draws × deals) per chunk: its words and outcomes (2 MB each) stay in the CPU's caches
#: between the generator, the comparison and the product (4 M cells, 16 MB each, did not:
#: a quarter slower).
_CELLS_PER_CHUNK: Final = 1 << 19


def forecast_windows(
    deals: pd.DataFrame,
    as_of: date,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    seed: int = DEFAULT_SEED,
    *,
    draws: int = DEFAULT_DRAWS,
    max_simulated_deals: int = MAX_SIMULATED_DEALS,
) -> pd.DataFrame:
    """Likely, worst and best won revenue of the deals expected to close in each window.

    METRICS.md, Forecast: "window N (N = 30, 60, 90): open deals with as_of ≤
    expected_close_date ≤ as_of + N days (windows are cumulative) ... likely: Σ amount × p over
    the window's deals. worst / best: the 10th and 90th percentiles of won revenue in the window
    when each deal is won independently with probability p (simulation with a fixed seed for
    small sets, a normal approximation for large ones — document which). Always worst ≤ likely
    ≤ best ≤ Σ amount."

    Method, given in the ``method`` column: ``"monte_carlo"`` when the window holds at most
    ``max_simulated_deals`` deals (``draws`` outcomes drawn with ``numpy.random.default_rng(seed)``,
    one simulation shared by the nested windows so that they stay consistent); ``"normal"``
    above that (mean Σa·p, variance Σa²·p(1−p), P10/P90 = mean ∓ 1.2816·sd); ``"exact"`` when no
    deal of the window is uncertain (every p is 0 or 1, or amounts unknown). Percentiles are
    then clipped so that 0 ≤ worst ≤ likely ≤ best ≤ gross (a skewed distribution can put a
    percentile on the other side of the mean).

    Returns:
        Columns ``window, deals, gross, likely, worst, best, method``, one row per window in
        the order given.
    """
    wins = sorted({int(w) for w in windows})
    n_w = len(wins)
    start = day_number(as_of)
    offset = day_numbers(deals, "expected_close_date") - start
    eligible = status_masks(deals).open & (offset >= 0)
    if n_w:
        eligible &= offset <= wins[-1]
    band = np.searchsorted(np.asarray(wins, dtype=np.float64), offset[eligible], side="left")
    a = np.nan_to_num(amounts(deals)[eligible])
    p = np.clip(np.nan_to_num(probabilities(deals)[eligible]), 0.0, 1.0)

    def cumulative(weights: np.ndarray | None, mask: np.ndarray | None = None) -> np.ndarray:
        b = band if mask is None else band[mask]
        w = weights if weights is None or mask is None else weights[mask]
        return np.cumsum(np.bincount(b, weights=w, minlength=n_w)[:n_w])

    count = cumulative(None).astype(np.int64)
    gross = cumulative(a)
    likely = cumulative(a * p)
    variance = cumulative(a * a * p * (1.0 - p))
    uncertain = (a > 0) & (p > 0) & (p < 1)
    n_uncertain = cumulative(None, uncertain)

    worst = likely - Z90 * np.sqrt(variance)
    best = likely + Z90 * np.sqrt(variance)
    method = np.where(n_uncertain == 0, "exact", "normal").astype(object)
    simulated = [i for i in range(n_w) if count[i] <= max_simulated_deals and n_uncertain[i] > 0]
    if simulated:
        last = simulated[-1]  # windows are nested, so the simulated ones are a prefix
        lo, hi = _simulate(a, p, band, last + 1, uncertain, draws, seed)
        for i in simulated:
            worst[i], best[i] = lo[i], hi[i]
            method[i] = "monte_carlo"

    rows = []
    for w in windows:
        i = wins.index(int(w))
        g, lk = money(gross[i]), money(likely[i])
        wo = min(max(money(worst[i]), 0.0), lk)
        be = min(max(money(best[i]), lk), g)
        rows.append((int(w), int(count[i]), g, lk, wo, be, str(method[i])))
    out = pd.DataFrame(
        rows, columns=["window", "deals", "gross", "likely", "worst", "best", "method"]
    )
    return out.astype(
        {"window": np.int64, "deals": np.int64, "gross": "float64", "likely": "float64"}
        | {"worst": "float64", "best": "float64", "method": object}
    )


def _simulate(
    a: np.ndarray,
    p: np.ndarray,
    band: np.ndarray,
    n_bands: int,
    uncertain: np.ndarray,
    draws: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """P10 and P90 of the won revenue of the first ``n_bands`` nested windows (Monte Carlo)."""
    revenue = simulated_revenue(a, p, band, n_bands, uncertain, draws, seed)
    lo, hi = np.quantile(revenue, [0.1, 0.9], axis=0)
    return lo, hi


def simulated_revenue(
    a: np.ndarray,
    p: np.ndarray,
    band: np.ndarray,
    n_bands: int,
    uncertain: np.ndarray,
    draws: int,
    seed: int,
) -> np.ndarray:
    """Won revenue per draw (rows) of the first ``n_bands`` nested windows (columns).

    Deals with p = 1 always win (a constant); uncertain deals win when a uniform draw is below
    p: draw ``k`` of deal ``j`` is the ``k * n + j``-th value of
    ``numpy.random.default_rng(seed).random(dtype=np.float32)`` (``n`` uncertain deals, p cast
    to float32). Draws are made in chunks of at most ~0.5 M cells (memory, cache), on two threads
    (``_pool``). The forecast's
    worst and best (P10, P90) and the fan's P50 (``data.metrics.fan``) are quantiles of these
    same draws.

    Uncertain amounts are summed in whole cents, exactly (see below), so the figures are the
    same on every machine whatever BLAS's thread count.

    The uniforms are not made as floats: the loop compares the generator's raw 32-bit
    words against per-deal integer limits, which gives the very same outcomes at a
    fraction of the cost (the float draws were most of a cold Home view).
    """
    in_sim = band < n_bands
    certain = in_sim & (p >= 1)
    sure = np.cumsum(np.bincount(band[certain], weights=a[certain], minlength=n_bands)[:n_bands])
    pick = in_sim & uncertain
    au, pu, bu = a[pick], p[pick].astype(np.float32), band[pick]
    n = len(au)
    threshold = _thresholds(pu)
    # u < p  <=>  (word >> 8) < threshold  <=>  word <= 256 * threshold - 1; a deal whose p
    # rounds to float32 0 never wins (its limit would be -1): it weighs 0 cents instead.
    limit = (np.maximum(threshold.astype(np.uint64) * 256, 1) - 1).astype(np.uint32)
    cents = np.where(threshold > 0, np.round(au * 100.0), 0.0)
    weights, scale = _cent_digits(cents, bu, n_bands)
    rows = max(int(draws), 1)
    chunk = max(1, _CELLS_PER_CHUNK // max(n, 1))
    revenue = np.empty((rows, n_bands))
    stream = _Stream(seed)

    def run(first: int) -> None:
        size = min(chunk, rows - first)
        block = stream.words(first * n, size * n).reshape(size, n)
        # bool, then 1.0 / 0.0: two plain loops, faster than one comparison casting its output
        won = np.less_equal(block, limit).astype(weights.dtype)
        sums = (won @ weights).astype(np.float64)
        revenue[first : first + size] = sums.reshape(size, n_bands, len(scale)) @ scale

    firsts = range(0, rows, chunk)
    threads = min(_threads(), len(firsts)) if n else 1
    if threads <= 1:
        for first in firsts:
            run(first)
    else:  # each chunk reads its own part of the one stream: any order gives the same sums
        with ThreadPoolExecutor(threads, thread_name_prefix="forecast") as pool:
            list(pool.map(run, firsts))
    return np.cumsum(revenue, axis=1) / 100.0 + sure


def _cent_digits(cents: np.ndarray, band: np.ndarray, n_bands: int) -> tuple[np.ndarray,
                                                                              np.ndarray]:
    """Per deal, its amount in cents split into base-``2**bits`` digits, one column per
    (band, digit); and the digits' place values (``scale``).

    Why digits: the outcomes (0 or 1) times a digit, summed over all ``n`` deals, stay below
    ``2**24`` when each digit is below ``2**24 / n``, so a ``float32`` product of the outcomes
    with these columns is exact whatever the order of BLAS's additions — and ``float32``
    outcomes are half the memory traffic of ``float64`` ones, which is what the product
    costs. The sums are then recombined exactly in ``float64`` (integers below ``2**53``).
    Above ``2**23`` deals, the columns are ``float64`` (53 bits) instead.
    """
    n = len(cents)
    dtype = np.float32 if n < 2**23 else np.float64
    precision = 24 if dtype is np.float32 else 53
    bits = max(1, int(np.floor(np.log2((2.0**precision - 1) / max(n, 1) + 1))))
    top = float(cents.max()) if n else 0.0
    digits = max(1, int(np.ceil(np.log2(top + 1) / bits)))
    base = 2.0**bits
    weights = np.zeros((n, n_bands * digits), dtype=dtype)
    rest = cents.astype(np.float64)
    rows = np.arange(n)
    for place in range(digits):
        digit = np.mod(rest, base)
        rest = (rest - digit) / base
        weights[rows, band * digits + place] = digit
    return weights, base ** np.arange(digits)


def _thresholds(p32: np.ndarray) -> np.ndarray:
    """Per deal, the number of 24-bit values ``k`` with ``k / 2**24 < p`` (float32 ``p``).

    numpy's float32 uniform is ``(w >> 8) * 2**-24`` for the generator's next 32-bit word ``w``
    (``next_float`` in numpy's ``distributions.c``), an exact float32 since ``w >> 8 < 2**24``.
    So ``u < p`` holds exactly when the integer ``w >> 8`` is below ``ceil(p * 2**24)`` (the
    product is exact in float64).
    """
    return np.ceil(p32.astype(np.float64) * 2.0**24).astype(np.uint32)


class _Stream:
    """The generator's stream of 32-bit words, as ``Generator.random(dtype=np.float32)`` reads it,
    from any position (so the chunks of a simulation can be drawn in any order, or at once).

    PCG64 hands out 32-bit words as the low then the high half of each 64-bit output, keeping
    the high half for the next call (``pcg64_next32``): word ``i`` of a fresh generator is half
    ``i % 2`` (low first) of its 64-bit output ``i // 2``. ``PCG64.advance`` jumps to an output
    in a few multiplications, so a chunk reads its words without drawing the ones before it.
    """

    def __init__(self, seed: int) -> None:
        """The stream of ``numpy.random.default_rng(seed)`` from its start."""
        self.state: dict[str, Any] = dict(np.random.default_rng(seed).bit_generator.state)

    def words(self, start: int, count: int) -> np.ndarray:
        """Words ``start`` to ``start + count - 1`` of the stream (a fresh, writable array)."""
        if count <= 0:
            return np.empty(0, dtype=np.uint32)
        bits = np.random.PCG64(0)
        bits.state = self.state  # type: ignore[assignment]  # numpy types it as a TypedDict
        if start // 2:
            bits.advance(start // 2)
        skip = start % 2
        raw = bits.random_raw((skip + count + 1) // 2)
        return _halves(raw)[skip : skip + count]


def _threads() -> int:
    """Threads for the chunks of one simulation (1: in line).

    Drawing the words, comparing them and the product release the GIL (numpy's generator
    loop, ufuncs, BLAS), so the chunks of one simulation run on ``FORECAST_THREADS`` cores at
    once (default 2, at most the machine's): the same work and figures in less time when a
    core is idle — a cold Home or Forecast view at 10k deals is mostly this simulation. The
    threads are made for the simulation and end with it (~0.1 ms): no pool outlives a
    request, so none can be left with dead threads (a test server stopped by raising in its
    threads did that to a shared pool, and the next simulation waited forever) or be
    inherited by a forked worker.
    """
    try:
        wanted = int(os.environ.get("FORECAST_THREADS", "2"))
    except ValueError:  # a typo must not break every forecast: the default
        wanted = 2
    return max(1, min(wanted, os.cpu_count() or 1))


def _halves(raw: np.ndarray) -> np.ndarray:
    """64-bit outputs as 32-bit words, low half first."""
    if sys.byteorder == "little":
        return raw.view(np.uint32)
    halves = np.empty(2 * len(raw), dtype=np.uint32)  # a big-endian machine
    halves[0::2] = raw & 0xFFFFFFFF
    halves[1::2] = raw >> 32
    return halves


def _window_offsets(deals: pd.DataFrame, as_of: date) -> tuple[np.ndarray, np.ndarray]:
    """Open-deal mask and days from ``as_of`` to every expected close date (NaN if unknown)."""
    return status_masks(deals).open, day_numbers(deals, "expected_close_date") - day_number(as_of)


def window_counts(
    deals: pd.DataFrame, as_of: date, windows: Sequence[int] = DEFAULT_WINDOWS
) -> np.ndarray:
    """Number of deals of each forecast window (as the ``deals`` column of the forecast)."""
    open_, offset = _window_offsets(deals, as_of)
    dated = offset[open_ & (offset >= 0)]
    return np.array([int((dated <= w).sum()) for w in windows], dtype=np.int64)


def overdue_mask(deals: pd.DataFrame, as_of: date) -> tuple[np.ndarray, np.ndarray]:
    """Mask of overdue deals and days since every deal's expected close date."""
    open_, offset = _window_offsets(deals, as_of)
    return open_ & (offset < 0), -offset


def overdue(deals: pd.DataFrame, as_of: date, *, limit: int | None = None) -> pd.DataFrame:
    """Open deals whose expected close date has passed, most overdue first.

    METRICS.md: "overdue: open and expected_close_date < as_of (red)." They are in no forecast
    window and are shown beside the forecast with their count and value.

    Returns:
        The deals' rows plus ``days_overdue`` (as_of − expected_close_date, days), sorted by it
        descending (at most ``limit`` rows).
    """
    mask, late = overdue_mask(deals, as_of)
    return take_sorted(deals, mask, late, "days_overdue", late, descending=True, limit=limit)


def undated(deals: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """Open deals with no expected close date (in no forecast window), in file order.

    METRICS.md, Forecast: "Overdue open deals (expected_close_date < as_of) and undated ones
    are not in any window; they are shown beside the forecast with their count and value."
    """
    mask = status_masks(deals).open & np.isnan(day_numbers(deals, "expected_close_date"))
    rows = np.flatnonzero(mask)
    return deals.iloc[rows if limit is None else rows[: max(int(limit), 0)]]


def time_to_win(deals: pd.DataFrame) -> pd.Series:
    """Time-to-win of every won deal that can be measured.

    METRICS.md, velocity (time-to-win): "for won deals, (closed_date, else expected_close_date)
    − created_date in days". Won deals with an unknown date are left out, and so are negative
    durations (closed before created: a data error, not a fast win).

    Returns:
        Float series of days named ``time_to_win_days``, indexed like ``deals``.
    """
    ttw = time_to_win_days(deals)
    known = ~np.isnan(ttw)
    return pd.Series(ttw[known], index=deals.index[known], name="time_to_win_days")


def velocity(deals: pd.DataFrame) -> dict[str, float | int | None]:
    """Mean and median time-to-win.

    METRICS.md, velocity (time-to-win): "for won deals, (closed_date, else expected_close_date)
    − created_date in days; mean and median". See :func:`time_to_win` for the deals measured.

    Returns:
        ``{"mean", "median"}`` in days (2 decimals, None when no won deal is measurable) and
        ``"count"``, the number of won deals measured.
    """
    ttw = time_to_win_days(deals)
    ttw = ttw[~np.isnan(ttw)]
    if len(ttw) == 0:
        return {"mean": None, "median": None, "count": 0}
    return {
        "mean": days_value(ttw.mean()),
        "median": days_value(np.median(ttw)),
        "count": len(ttw),
    }


def velocity_by(deals: pd.DataFrame, column: str) -> pd.DataFrame:
    """Time-to-win per value of ``column`` (e.g. source or owner).

    METRICS.md, velocity (time-to-win): "... mean and median; by source and by owner." Only
    measurable won deals count (see :func:`time_to_win`); a missing value is ``"(none)"``;
    values without any measurable won deal have no row.

    Returns:
        Columns ``<column>, count, mean_days, median_days``, by count descending then value.
    """
    codes, labels = codes_with_none(deals, column)
    n = len(labels)
    count, mean, median = group_mean_median(time_to_win_days(deals), codes, n)
    out = pd.DataFrame(
        {
            column: pd.Series(labels, dtype=object).astype(str).astype(object),
            "count": count.astype(np.int64),
            "mean_days": days_array(mean),
            "median_days": days_array(median),
        }
    )
    out = out[count > 0]
    return out.sort_values(["count", column], ascending=[False, True]).reset_index(drop=True)
