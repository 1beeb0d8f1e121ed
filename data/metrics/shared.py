"""A per-frame memo of derived arrays, so a page computes each of them once.

Derived arrays (status masks, codes, day numbers, time-to-win) are recomputed by every metric,
which is what keeps them pure. Inside :func:`shared_computations` they are computed once per
frame instead: a page builder that draws several aggregates of the same filtered frame wraps
them in that block (the frames must not be modified inside it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import numpy as np
import pandas as pd

_T = TypeVar("_T")
_CACHE: ContextVar[dict[tuple[Any, ...], tuple[pd.DataFrame, Any]] | None] = ContextVar(
    "metrics_shared_computations", default=None
)


@contextmanager
def shared_computations() -> Iterator[None]:
    """Compute the derived arrays of each frame once within the block (nested blocks share).

    The cache holds the frames it saw (so their ids cannot be reused) and is dropped at the end
    of the outermost block; results are identical with or without it.
    """
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def memo(deals: pd.DataFrame, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, reused for the same frame and key inside :func:`shared_computations`."""
    cache = _CACHE.get()
    if cache is None:
        return compute()
    full_key = (id(deals), *key)
    hit = cache.get(full_key)
    if hit is not None and hit[0] is deals:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    for arr in value if isinstance(value, tuple) else (value,):
        if isinstance(arr, np.ndarray):
            arr.flags.writeable = False  # shared: a caller writing into it would be a bug
    cache[full_key] = (deals, value)
    return value
