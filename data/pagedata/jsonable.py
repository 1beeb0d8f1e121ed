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
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

_T = TypeVar("_T")


def to_jsonable(value: object) -> Any:
    """Dataclasses become dicts and tuples lists, recursively (``json.dumps`` takes the result)."""
    kind = type(value)
    if kind in _PLAIN or value is None:
        return value
    if dataclasses.is_dataclass(kind):
        return {name: to_jsonable(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(cls: type[_T], data: Any) -> _T:
    """Rebuild a ``cls`` instance from :func:`to_jsonable` output (or a record with its fields).

    Unknown keys raise ``TypeError`` (the dataclass constructor's), so a renamed field is caught
    by the round-trip test rather than silently dropped.
    """
    built: _T = _converter(cast(Hashable, cls))(data)
    return built


_PLAIN = frozenset({str, int, float, bool})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _same(value: Any) -> Any:
    return value


def _to_float(value: Any) -> Any:
    return float(value) if type(value) is int else value  # JSON writes 2.0 as 2 sometimes


@functools.cache
def _converter(kind: Any) -> Callable[[Any], Any]:
    """A function turning JSON data into ``kind`` (built once per type: rows are many)."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else _same
        return inner if inner is _same else lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            if item is _same:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple(item(x) for x in v)
        items = [_converter(a) for a in args]
        return lambda v: tuple(f(x) for f, x in zip(items, v, strict=True))
    if origin is dict:
        value_of = _converter(get_args(kind)[1])
        return lambda v: {k: value_of(x) for k, x in v.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = {name: _converter(hint) for name, hint in get_type_hints(kind).items()}

        def build(data: Any) -> Any:
            if data is None:
                return None
            return kind(**{k: fields[k](v) if k in fields else v for k, v in data.items()})

        return build
    return _to_float if kind is float else _same
