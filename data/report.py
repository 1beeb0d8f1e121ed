"""The printable report: the dashboard's pages as one self-contained, print-styled HTML document.

Pure (no Dash import): it takes each page's rendered content in Dash's JSON wire form (what
the content callback sends the browser, and what its memo stores) and writes it out as HTML —
the same cards, tables and KPI values, in the app's own CSS plus ``assets/print.css``. Charts
stay Plotly figures drawn by the app's own plotly.js bundle, inlined, so the document needs
no network at all (its Content-Security-Policy forbids any fetch). ``data.report_pdf`` prints it.

Every piece of user data is escaped: text is text, never markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from data.texts import N_

ASSETS: Final = Path(__file__).resolve().parent.parent / "assets"
#: Printable width of an A4 page with the report's 12 mm margins, in CSS pixels.
PAGE_WIDTH_PX: Final = 703
#: Height of a chart in the report (a pair of half-width charts fits beside a table).
CHART_HEIGHT_PX: Final = 250
#: Rows of a table printed (the first page of it, as on screen); the export has them all.
TABLE_ROWS: Final = 15
#: The report's own words (catalogue ids; ``ReportMeta.words`` maps them to the reader's language).
TEXTS: Final = (N_("CRM Dashboard"), N_("CRM Dashboard report"),
                N_("Analysis date {date} · generated {time}"),
                N_("… {n} more row(s): download the table for all."))

_CSP: Final = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
               "img-src data:; font-src data:")
#: HTML components written as themselves; any other becomes a ``div`` (or is dropped).
_TAGS: Final = frozenset({"div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong",
                          "em", "b", "i", "small", "ul", "ol", "li", "table", "thead", "tbody",
                          "tr", "th", "td", "dl", "dt", "dd", "br", "hr", "section", "label"})
_DROPPED: Final = frozenset({"Button", "ButtonGroup", "Store", "Download", "Location",
                             "Interval", "Dropdown", "Input", "Upload", "Modal", "Tooltip",
                             "Nav", "Offcanvas", "DatePickerRange", "DatePickerSingle",
                             "RadioItems", "Checklist", "Textarea", "Collapse", "Popover"})
_DBC_CLASSES: Final = {"Row": "row", "Card": "card", "CardHeader": "card-header",
                       "CardBody": "card-body", "CardFooter": "card-footer", "Badge": "badge",
                       "Table": "table table-sm", "Container": "container-fluid",
                       "ListGroup": "list-group", "ListGroupItem": "list-group-item"}


#: Draws every chart into its container at the container's (A4) size, then marks the page.
_DRAW: Final = (
    "for(var i=0;i<F.length;i++){var f=F[i]||{};"
    "Plotly.newPlot('report-chart-'+i,f.data||[],Object.assign({},f.layout||{},"
    "{autosize:true,width:null,height:null}),{staticPlot:true,displayModeBar:false});}"
    "document.body.setAttribute('data-ready','1');"
)


@dataclass(frozen=True)
class Section:
    """One dashboard page in the report: its title, explanation and rendered content."""

    title: str
    subtitle: str
    #: The page's content in Dash's JSON wire form (components as ``{type, namespace, props}``).
    content: Any


@dataclass(frozen=True)
class ReportMeta:
    """What the report's first lines say: analysis date, filters, when it was made."""

    as_of: str
    generated: str
    filters: Sequence[tuple[str, str]]
    #: Language of the document (``<html lang>``) and :data:`TEXTS` in it (English when absent).
    lang: str = "en"
    words: Mapping[str, str] = field(default_factory=dict)

    def say(self, text: str, **values: object) -> str:
        """``text`` (one of :data:`TEXTS`) in the report's language, its fields filled."""
        return self.words.get(text, text).format(**values)


def document(sections: Sequence[Section], meta: ReportMeta, css: Sequence[str],
             plotly_js: str) -> str:
    """The whole report as one HTML document: a section per page, each from a new page."""
    charts: list[tuple[str, Any]] = []
    body = []
    filters = "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in meta.filters)
    more = meta.say("… {n} more row(s): download the table for all.", n="\x00")
    stamp = meta.say("Analysis date {date} · generated {time}", date=meta.as_of,
                     time=meta.generated)
    for number, section in enumerate(sections):
        content = _MORE.sub(lambda m: _text(more).replace("\x00", m[1]),
                            _node(section.content, charts))
        body.append(
            f'<section class="report-page" data-page="{number}">'
            f'<header class="report-header"><div class="report-brand">'
            f'{_text(meta.say("CRM Dashboard"))}</div>'
            f'<h2 class="page-title">{_text(section.title)}</h2>'
            f'<p class="page-subtitle text-muted">{_text(section.subtitle)}</p>'
            f'<div class="report-meta">'
            f'{_text(stamp)}</div>'
            f'<dl class="print-filters">{filters}</dl></header>'
            f'<div class="page-content">{content}</div></section>'
        )
    figures = _script_json([figure for _, figure in charts])
    styles = "\n".join(_style(c) for c in css)
    return (
        f"<!doctype html><html lang=\"{_text(meta.lang)}\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>{_text(meta.say('CRM Dashboard report'))}</title>"
        f"<style>{styles}</style>"
        f"<script>{_script_safe(plotly_js)}</script></head>"
        f'<body class="report"><main class="report-body">{"".join(body)}</main>'
        f"<script>var F={figures};{_DRAW}</script>"
        "</body></html>"
    )


def _node(node: Any, charts: list[tuple[str, Any]]) -> str:
    """One wire-form node (component, list, text) as HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return _text(str(node))
    if isinstance(node, list | tuple):
        return "".join(_node(child, charts) for child in node)
    if not isinstance(node, dict) or "type" not in node:
        return ""
    kind, namespace = str(node["type"]), str(node.get("namespace", ""))
    props = node.get("props") or {}
    if kind in _DROPPED:
        return ""
    children = props.get("children")
    if namespace == "dash_core_components":
        if kind == "Graph":
            return _graph(props, charts)
        if kind == "Markdown":
            return f"<div>{_text(str(children or ''))}</div>"
        return _node(children, charts)  # Loading, Link: their content
    if namespace == "dash_ag_grid" and kind == "AgGrid":
        if props.get("rowData") is None:
            return ""  # a server-paged grid its page did not fill in: nothing to print
        return _table(props.get("columnDefs"), props.get("rowData"), "field", "headerName")
    if namespace == "dash_html_components":
        tag = kind.lower()
        tag = tag if tag in _TAGS else "div"
        return _element(tag, props, _node(children, charts))
    if kind == "Col":
        width = props.get("lg") or props.get("md") or props.get("sm") or props.get("xs") or 12
        width = width.get("size", 12) if isinstance(width, dict) else width
        return _element("div", props, _node(children, charts), f"col-{int(width)}")
    if kind == "Alert":
        color = props.get("color") or "secondary"
        return _element("div", props, _node(children, charts), f"alert alert-{color}")
    if kind == "Table":
        return _element("table", props, _node(children, charts), "table table-sm")
    return _element("div", props, _node(children, charts), _DBC_CLASSES.get(kind, ""))


def _element(tag: str, props: dict[str, Any], inner: str, extra_class: str = "") -> str:
    classes = " ".join(c for c in (extra_class, str(props.get("className") or "")) if c)
    attributes = f' class="{_text(classes)}"' if classes else ""
    style = props.get("style")
    if isinstance(style, dict) and style.get("display") == "none":
        return ""
    if tag in ("br", "hr"):
        return f"<{tag}>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _graph(props: dict[str, Any], charts: list[tuple[str, Any]]) -> str:
    figure = props.get("figure")
    if not isinstance(figure, dict):
        return ""
    chart_id = f"report-chart-{len(charts)}"
    charts.append((chart_id, figure))
    return f'<div class="report-chart" id="{chart_id}" style="height:{CHART_HEIGHT_PX}px"></div>'


_MORE_TEXT: Final = "… {n} more row(s): download the table for all."
_MORE: Final = re.compile(r'(?<=<div class="report-more">)… (\d+) more row\(s\): download the '
                          r"table for all\.(?=</div>)")


def _table(column_list: Any, row_list: Any, key: str, name: str) -> str:
    """An AG Grid's first rows as a plain table (``columnDefs``: field, headerName)."""
    columns = [c for c in column_list or [] if isinstance(c, dict) and c.get(key)]
    data = [r for r in row_list or [] if isinstance(r, dict)]
    if not columns:
        return ""
    head = "".join(f"<th>{_text(_label(c.get(name, c.get(key))))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_text(_cell(row.get(str(c.get(key)))))}</td>"
                         for c in columns) + "</tr>"
        for row in data[:TABLE_ROWS]
    )
    more = len(data) - TABLE_ROWS
    note = (f'<div class="report-more">{_text(_MORE_TEXT.format(n=more))}</div>'
            if more > 0 else "")
    return (f'<table class="table table-sm report-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{note}")


def _label(name: object) -> str:
    if isinstance(name, list):
        return " ".join(str(n) for n in name)
    return "" if name is None else str(name)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _style(css: str) -> str:
    """A stylesheet safe inside ``<style>`` (it cannot close the element)."""
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _script_safe(code: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _script_json(value: Any) -> str:
    """JSON for an inline script: ``<``, ``>`` and ``&`` escaped, so user text cannot end it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def stylesheets() -> list[str]:
    """The app's own CSS (Bootstrap, app, print), read from ``assets/``."""
    return [(ASSETS / name).read_text(encoding="utf-8")
            for name in ("00_bootstrap.min.css", "app.css", "print.css")]


def plotly_bundle() -> str:
    """The plotly.js bundle the app serves (``assets/vendor``), inlined into the report."""
    found = sorted((ASSETS / "vendor").glob("plotly*.js"))
    if not found:
        raise FileNotFoundError("no plotly.js bundle under assets/vendor")
    return found[0].read_text(encoding="utf-8")
