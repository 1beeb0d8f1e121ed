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


def content_body(app: Any, path: str, search: str) -> dict[str, Any]:
    """The request of the callback that fills ``page-content`` (from the app's callback map)."""
    key = next(k for k in app.callback_map if k.split("@")[0] == "page-content.children")
    spec = app.callback_map[key]
    values = {"pathname": path, "search": search, "data": 1}
    inputs, state = ([{"id": i["id"], "property": i["property"], "value": values.get(i["property"])}
                      for i in spec[part]] for part in ("inputs", "state"))
    return {"output": key, "outputs": {"id": "page-content", "property": "children"},
            "inputs": inputs, "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
            "state": state}
