"""Helpers the data-layer tests share to build the app and read its serialised Dash output."""

from __future__ import annotations

from typing import Any


def make_app(settings: Any) -> Any:
    """The app for ``settings`` (imported late: building it must not happen at collection)."""
    from app import create_app

    return create_app(settings)


def find_text(node: Any, wanted_id: str) -> str | None:
    """Text of the component with ``wanted_id`` in a serialised Dash tree."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props, dict) and props.get("id") == wanted_id:
            return str(props.get("children"))
        for value in node.values():
            found = find_text(value, wanted_id)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = find_text(value, wanted_id)
            if found is not None:
                return found
    return None
