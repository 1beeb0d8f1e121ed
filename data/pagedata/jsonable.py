"""Page data ↔ JSON: ``to_jsonable`` and its inverse ``from_jsonable``.

Page data are frozen dataclasses (typed, so a mistyped field is a mypy error, not a blank on
screen). A memo that stores JSON (the aggregate memo of the read side) turns them into plain
lists and dicts with :func:`to_jsonable` and back with :func:`from_jsonable`; the round trip is
exact (tested), so the memo may keep aggregates or only rendered output.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

_T = TypeVar("_T")


def to_jsonable(value: object) -> Any:
    """Dataclasses become dicts and tuples lists, recursively (``json.dumps`` takes the result)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def from_jsonable(cls: type[_T], data: Any) -> _T:
    """Rebuild a ``cls`` instance from :func:`to_jsonable` output (or a record with its fields).

    Unknown keys raise ``TypeError`` (the dataclass constructor's), so a renamed field is caught
    by the round-trip test rather than silently dropped.
    """
    return _convert(cls, data)  # type: ignore[no-any-return]


def _convert(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in data)
        return tuple(_convert(a, v) for a, v in zip(args, data, strict=True))
    if origin is dict:
        _, value_kind = get_args(kind)
        return {k: _convert(value_kind, v) for k, v in data.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{k: _convert(hints[k], v) if k in hints else v for k, v in data.items()})
    if kind is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data
