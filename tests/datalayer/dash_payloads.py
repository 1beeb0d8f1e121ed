"""Helpers the data-layer tests share to build the app and read its serialised Dash output."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


def make_app(settings: Any) -> Any:
    """The app for ``settings`` (imported late: building it must not happen at collection)."""
    from app import create_app

    return create_app(settings)


class _TextOf(HTMLParser):
    """The text of the element with a given id in markup (void elements have no text)."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})

    def __init__(self, wanted_id: str | None) -> None:
        super().__init__()
        self.wanted, self.depth, self.parts = wanted_id, 0 if wanted_id else 1, []
        self.found = wanted_id is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.wanted:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.depth and self.wanted is not None:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def markup_text(markup: str, wanted_id: str | None = None) -> str | None:
    """Text of the element ``wanted_id`` in ``markup`` (all of it without an id), or None."""
    parser = _TextOf(wanted_id)
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts) if parser.found else None


def find_text(node: Any, wanted_id: str) -> str | None:
    """Text of the component with ``wanted_id`` in a serialised Dash tree, inside the markup of
    a part sent as HTML (``layouts.static_html``) too."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props, dict) and props.get("id") == wanted_id:
            if node.get("namespace") == "crm_static":
                return markup_text(str(props.get("html", "")))
            return str(props.get("children"))
        if node.get("namespace") == "crm_static" and isinstance(props, dict):
            return markup_text(str(props.get("html", "")), wanted_id)
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
