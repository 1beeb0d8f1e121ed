"""Former grab bag of metric helpers, split by purpose; re-exported for code written against it.

New code imports from the module that says what it is: ``shared`` (per-frame memo), ``codes``
(text codes, deal status), ``numbers`` (amounts, money, ratios), ``days`` (calendar days,
time-to-win), ``groups`` (per-group statistics, top-N lists).
"""

from __future__ import annotations

from data.metrics.codes import (
    GROUPING_COLUMNS,
    LOST,
    NONE_LABEL,
    OPEN,
    OTHER,
    WON,
    StatusMasks,
    codes_of,
    codes_with_none,
    optimize_text_columns,
    status_counts_by,
    status_index,
    status_masks,
)
from data.metrics.days import (
    close_days,
    day_number,
    day_numbers,
    day_to_iso,
    days_array,
    days_value,
    time_to_win_days,
)
from data.metrics.groups import group_mean_median, take_sorted
from data.metrics.numbers import (
    amounts,
    known_amounts,
    known_sum,
    known_weighted,
    money,
    money_array,
    probabilities,
    ratio,
    ratio_array,
)
from data.metrics.shared import memo, shared_computations

__all__ = [
    "GROUPING_COLUMNS", "LOST", "NONE_LABEL", "OPEN", "OTHER", "WON", "StatusMasks", "amounts",
    "close_days", "codes_of", "codes_with_none", "day_number", "day_numbers", "day_to_iso",
    "days_array", "days_value", "group_mean_median", "known_amounts", "known_sum",
    "known_weighted", "memo", "money", "money_array", "optimize_text_columns", "probabilities",
    "ratio", "ratio_array", "shared_computations", "status_counts_by", "status_index",
    "status_masks", "take_sorted", "time_to_win_days",
]
