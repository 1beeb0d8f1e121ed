"""Pure-presentation parts of a page as HTML in one component (issue 16, fewer components).

Dash pays per component it draws: a wrapper, a store subscription that every later store
update runs again, its paths, its callbacks checked; on Home that was most of the browser's
work for a first view and a filter change. A KPI card (a column, a card, its body and three
texts) needs none of it: nothing reads it, nothing writes it. ``freeze`` turns each such part
of a page's content into one ``crm_static.Html`` holding the same DOM — same elements, same
classes, same ids, same styles — so the page looks the same and browser tests see the same
nodes, at a fraction of the components.

What is frozen: ``html`` elements of a short list (no link, button, form, media or script:
no behaviour is lost and no URL is written) and the Bootstrap containers whose markup is
plain (card, its body, header and footer, row, column), with props that only shape the
markup (``className``, ``style``, ``title``, a string ``id`` no callback names, ``aria-*``).
Anything else — a component with a callback, a dict id, a link, a graph, a grid — stays a
component, and its own children are frozen where they can be. Every text and attribute is
escaped (``markupsafe``): user data stays text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any, NamedTuple

from dash.development.base_component import Component
from markupsafe import escape

#: Plain HTML elements written as markup (by Dash type); none with behaviour or a URL.
HTML_TAGS = frozenset({
    "Div", "Span", "P", "Strong", "Small", "Em", "B", "I", "U", "Sup", "Sub", "Abbr", "Code",
    "Pre", "Br", "Hr", "H1", "H2", "H3", "H4", "H5", "H6", "Ul", "Ol", "Li", "Dl", "Dt", "Dd",
    "Table", "Thead", "Tbody", "Tfoot", "Tr", "Th", "Td", "Caption", "Label", "Mark", "Del",
    "Ins", "Blockquote", "Section", "Article", "Header", "Footer", "Figure", "Figcaption",
})
#: Bootstrap containers (dash-bootstrap-components) and the class each writes.
BOOTSTRAP_CLASSES = {"Card": "card", "CardBody": "card-body", "CardHeader": "card-header",
                     "CardFooter": "card-footer", "Row": "row"}
#: dbc.Col's width props and the breakpoint each names (``width`` is the smallest).
COL_SIZES = {"width": "", "xs": "", "sm": "sm", "md": "md", "lg": "lg", "xl": "xl",
             "xxl": "xxl"}
#: Props that only shape the markup; any other prop keeps a component as it is.
MARKUP_PROPS = frozenset({"children", "id", "className", "class_name", "style", "title",
                          "colSpan", "rowSpan", "role", "lang", "dir", "hidden"})
#: React's style properties given as bare numbers (others get "px", as React does).
UNITLESS = frozenset({"opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow",
                      "flexShrink", "order", "zoom", "columnCount", "tabSize", "orphans",
                      "widows"})
#: HTML attribute names of the React props above.
ATTRIBUTES = {"className": "class", "class_name": "class", "colSpan": "colspan",
              "rowSpan": "rowspan"}
VOID = frozenset({"br", "hr"})
#: What a frozen part's root may carry (the props of ``crm_static.Html``'s element).
ROOT_PROPS = frozenset({"children", "id", "className", "style", "title"})
_UPPER = re.compile(r"([A-Z])")


#: The component a frozen part becomes, drawn by ``assets/static_html.js``: an element
#: (``tag`` with ``className``, ``style``, ``id``, ``title``) holding markup ``html``. The
#: element is the part's own root, so a frozen column is still a direct child of its row.
NAMESPACE, TYPE = "crm_static", "Html"


def static_html(tag: str, html: str, **root: Any) -> dict[str, Any]:
    """A frozen part in Dash's wire form (root props given as None are left out)."""
    props = {"tag": tag, "html": html, **{k: v for k, v in root.items() if v is not None}}
    return {"type": TYPE, "namespace": NAMESPACE, "props": props}


def _view(node: Any) -> tuple[str, str, dict[str, Any]] | None:
    """Namespace, type and set props of a component, given as an object or in wire form
    (a memoised page comes back from the cache as JSON); None for anything else.
    """
    if isinstance(node, Component):
        props = {name: getattr(node, name) for name in node._prop_names
                 if getattr(node, name, None) is not None}
        return node._namespace, node._type, props
    if isinstance(node, dict) and isinstance(node.get("props"), dict) \
            and isinstance(node.get("type"), str) and isinstance(node.get("namespace"), str):
        return node["namespace"], node["type"], dict(node["props"])
    return None


def _col_class(props: dict[str, Any]) -> str | None:
    """dbc.Col's classes (react-bootstrap's), or None for a width this does not write."""
    classes = []
    for prop, breakpoint in COL_SIZES.items():
        size = props.get(prop)
        if size is None:
            continue
        infix = f"-{breakpoint}" if breakpoint else ""
        if size is True:
            classes.append(f"col{infix}")
        elif isinstance(size, int | str) and not isinstance(size, bool) and str(size):
            classes.append(f"col{infix}-{size}")
        else:
            return None  # a dict (order, offset) or False: left to dbc
    return " ".join(classes) or "col"


def _element(node: Any, keep_ids: Collection[str]) -> tuple[str, dict[str, Any]] | None:
    """The tag and markup props of a node that can be written as markup, else None."""
    view = _view(node)
    if view is None:
        return None
    namespace, kind, props = view
    node_id = props.get("id")
    if node_id is not None and (not isinstance(node_id, str) or node_id in keep_ids):
        return None
    markup = {k: v for k, v in props.items() if not k.startswith("aria-")}
    if namespace == "dash_html_components" and kind in HTML_TAGS:
        if set(markup) - MARKUP_PROPS:
            return None
        return kind.lower(), props
    if namespace != "dash_bootstrap_components":
        return None
    own = _col_class(props) if kind == "Col" else BOOTSTRAP_CLASSES.get(kind)
    props = {k: v for k, v in props.items() if k not in COL_SIZES or kind != "Col"}
    if own is None or {k for k in props if not k.startswith("aria-")} - MARKUP_PROPS:
        return None
    given = [props.pop(name) for name in ("className", "class_name") if name in props]
    props["className"] = " ".join([*[str(g) for g in given if g], own])
    return "div", props


def _style(style: dict[str, Any]) -> str:
    parts = []
    for name, value in style.items():
        if value is None or value == "":
            continue
        css = _UPPER.sub(r"-\1", name).lower()
        if css.startswith(("webkit-", "moz-", "ms-")):
            css = "-" + css
        if isinstance(value, int | float) and not isinstance(value, bool) and value != 0 \
                and name not in UNITLESS:
            value = f"{value}px"
        parts.append(f"{css}:{value}")
    return ";".join(parts)


def _attributes(props: dict[str, Any]) -> str:
    out = []
    for name, value in props.items():
        if name == "children" or value is None or value is False:
            continue
        attribute = ATTRIBUTES.get(name, name)
        if name == "style":
            if not isinstance(value, dict):
                continue
            value = _style(value)
        if value is True:
            out.append(f" {attribute}")
        else:
            out.append(f' {attribute}="{escape(value)}"')
    return "".join(out)


class _Walked(NamedTuple):
    """A (piece of a) layout walked once, bottom up."""

    #: What stands in the page when the parent is not markup itself: a frozen part, or the
    #: node with its frozen parts.
    shown: Any
    #: The whole piece as markup, or None when some part of it must stay a component.
    markup: str | None
    #: Components in the piece.
    size: int


def _walk(node: Any, keep_ids: Collection[str]) -> _Walked:
    """Each node's markup is written once, and reused by every ancestor that is markup too."""
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        return _Walked(node, str(escape(node)), 0)
    if node is None or node is False:
        return _Walked(node, "", 0)
    if isinstance(node, list | tuple):
        items = [_walk(item, keep_ids) for item in node]
        markups = [item.markup for item in items]
        return _Walked([item.shown for item in items],
                       None if None in markups else "".join(m or "" for m in markups),
                       sum(item.size for item in items))
    view = _view(node)
    if view is None:
        return _Walked(node, None, 0)
    children = view[2].get("children")
    inside = _walk(children, keep_ids)
    element = _element(node, keep_ids)
    markup = None
    if element is not None and inside.markup is not None:
        tag, props = element
        markup = (f"<{tag}{_attributes(props)}>" if tag in VOID
                  else f"<{tag}{_attributes(props)}>{inside.markup}</{tag}>")
        # a part of two components or more, whose root's own attributes the frozen element
        # carries, becomes one component
        if inside.size >= 1 and set(props) <= ROOT_PROPS:
            frozen = static_html(tag, inside.markup, id=props.get("id"),
                                 className=props.get("className"), style=props.get("style"),
                                 title=props.get("title"))
            return _Walked(frozen, markup, 1 + inside.size)
    if children is None or isinstance(children, str | int | float) or inside.size == 0:
        shown = node
    elif isinstance(node, Component):
        shown = type(node).__new__(type(node))
        shown.__dict__.update(node.__dict__)
        shown.children = inside.shown
    else:
        shown = {**node, "props": {**node["props"], "children": inside.shown}}
    return _Walked(shown, markup, 1 + inside.size)


def freeze(node: Any, keep_ids: Collection[str] = ()) -> Any:
    """``node`` with each part that is only markup (two components or more) as one
    ``crm_static.Html`` in wire form; components with ids in ``keep_ids`` (those callbacks
    name) stay. Takes component objects and wire form alike (a memoised page is JSON).

    The tree given is not changed: frozen parts are new, the others copies.
    """
    return _walk(node, keep_ids).shown
