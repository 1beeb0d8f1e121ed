"""Pure figure builders: aggregate rows in, a Plotly figure out as the plain dict plotly.js reads.

Built from aggregates only, never from one point per deal, so a figure stays a few kilobytes
whatever the number of deals. Every chart has axis titles and hover text formatted in the
user's locale; its card header titles it. Colours come from ``layouts.colours`` (the same
category, the same colour on every chart); a bar's ``customdata`` is the Deals view of its
deals, opened on click (``callbacks.shell``).

Figures are plain dicts (``{"data": [...], "layout": {...}}``), not ``go.Figure`` objects:
building and validating graph_objects cost ~100 ms of CPU per cold Home view at 100k deals,
more than any aggregate, for the very JSON these dicts hold. ``test_layouts_figures_json``
checks them against what the graph_objects builders produced, and that Plotly's validation
leaves every figure unchanged.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from data.metrics.codes import NONE_LABEL
from data.pagedata.forecast import FanWindow, GroupVelocity
from data.pagedata.home import ForecastWindow
from data.pagedata.marketing import Inflow, SourcePerformance
from data.pagedata.pipeline import FunnelStep, StageAge, StageValue
from data.pagedata.segments import Segment
from data.pagedata.trends import EvolutionPoint, MovementCount, StageTime
from data.pagedata.whatif import WhatIfRow
from layouts import colours
from layouts.formatting import Formatter

#: A figure as plotly.js reads it: ``{"data": [trace, ...], "layout": {...}}``.
Figure = dict[str, Any]
#: One trace: its ``type`` and its properties.
Trace = dict[str, Any]

#: Where a click on a bar leads, from its category (a Deals view URL), or None.
Link = Callable[[str], str]

#: Colours come from one owner (``layouts.colours``); kept here under their old names.
PALETTE = colours.PALETTE
GROSS, WEIGHTED, GOOD, BAD, NEUTRAL = (
    colours.GROSS, colours.WEIGHTED, colours.GOOD, colours.BAD, colours.NEUTRAL
)


def esc(value: object) -> str:
    """User text for a chart: escaped, because Plotly renders tags such as <a> and <b>."""
    return html.escape(str(value), quote=False)


#: The look of every axis (grid and lines in the page's light blue-grey).
AXIS = {
    "automargin": True,
    "gridcolor": "#ebf0f8",
    "linecolor": "#ebf0f8",
    "zerolinecolor": "#ebf0f8",
    "zerolinewidth": 2,
}


def _trace(kind: str, props: dict[str, Any]) -> Trace:
    """A trace of type ``kind`` with the properties given (one given as None is not set)."""
    return {"type": kind, **{k: v for k, v in props.items() if v is not None}}


def bar(**props: Any) -> Trace:
    """A bar trace (plotly.js ``bar``)."""
    return _trace("bar", props)


def scatter(**props: Any) -> Trace:
    """A scatter trace (plotly.js ``scatter``: markers, lines, text)."""
    return _trace("scatter", props)


def hline(y: float, color: str, text: str) -> dict[str, list[dict[str, Any]]]:
    """A dashed horizontal line across the plot at ``y``, labelled above its left end.

    The shape and annotation ``go.Figure.add_hline(..., annotation_position="top left")``
    makes, as layout properties.
    """
    return {
        "shapes": [{"type": "line", "line": {"color": color, "dash": "dash"},
                    "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}],
        "annotations": [{"showarrow": False, "text": text, "x": 0, "xanchor": "left",
                         "xref": "x domain", "y": y, "yanchor": "bottom", "yref": "y",
                         # readable where it crosses a bar
                         "bgcolor": "rgba(255,255,255,0.85)"}],
    }


#: Month steps a time axis may use (every month, two, a quarter, half a year, a year).
MONTH_STEPS = (1, 2, 3, 6, 12)


def month_ticks(days: Sequence[str], fmt: Formatter, most: int = 6) -> dict[str, Any]:
    """Ticks of a date axis on first days of months, named in the page's language.

    plotly.js names months in English whatever the page says ("Jan 2025" on a French page);
    Babel names them here. At most ``most`` ticks, so they fit a 390 px phone chart too.
    """
    if not days:
        return {}
    first, last = date.fromisoformat(min(days)[:10]), date.fromisoformat(max(days)[:10])
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in MONTH_STEPS if span / s <= most), 12 * -(-span // (12 * most)))
    ticks: list[date] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if (month - 1) % min(step, 12) == 0 and (step <= 12 or year % (step // 12) == 0):
            ticks.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {"tickmode": "array", "tickvals": [d.isoformat() for d in ticks],
            "ticktext": [fmt.month(d) for d in ticks]}


def _layout(
    data: list[Trace],
    title: str,
    fmt: Formatter,
    *,
    x: str = "",
    y: str = "",
    height: int = 340,
    legend: bool = True,
    layout: dict[str, Any] | None = None,
) -> Figure:
    """The figure: ``data`` and the common look, over a chart's own ``layout`` properties.

    Every axis the chart sets (e.g. a second y axis) gets the common look under its own
    properties; ``x`` and ``y`` title the first axes; the legend keeps the chart's own keys.
    """
    own = layout or {}
    axes = {name: {**AXIS, **value} for name, value in own.items()
            if name.startswith(("xaxis", "yaxis"))}
    axes["xaxis"] = {**axes.get("xaxis", AXIS), "title": {"text": x}}
    axes["yaxis"] = {**axes.get("yaxis", AXIS), "title": {"text": y}}
    return {
        "data": data,
        "layout": {
            **own,
            # The card header names the chart; the figure keeps its title in ``meta``
            # (exports) but does not draw it: a drawn title ran under the toolbar and into
            # the legend (issue 13).
            "meta": {"title": title},
            "separators": ", " if fmt.lang == "fr" else ".,",
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "height": height,
            # No Plotly template (``{}`` is how Plotly writes ``template=None``): applying
            # one costs ~6 KB per figure. These few properties give the same light look.
            "template": {},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "colorway": list(colours.PALETTE),
            "font": {
                "family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                "size": 12,
                "color": "#2a3f5f",
            },
            "showlegend": legend,
            # Above the plot: below it, it met rotated tick labels and axis titles. Outside
            # the plot area Plotly grows the top margin to fit it (several lines on a phone).
            "legend": {**own.get("legend", {}), "orientation": "h", "yanchor": "bottom",
                       "y": 1.02, "xanchor": "left", "x": 0},
            "hoverlabel": {"bgcolor": "white"},
            **axes,
        },
    }


def stage_value_bars(
    rows: Sequence[StageValue], fmt: Formatter, currency: str, link: Link | None = None
) -> Figure:
    """Gross and weighted value of open deals per stage as grouped horizontal bars, the first
    stage on top (METRICS.md: gross and weighted pipeline, per stage).

    Two bars per stage on one value axis read at a glance, where two interleaved funnels did
    not (issue 13). ``link(stage)`` is where a click leads (the Deals view of those deals).
    """
    open_rows = list(reversed([r for r in rows if r.status == "open"]))
    stages = [esc(r.stage) for r in open_rows]
    targets = [link(r.stage) for r in open_rows] if link else None
    data: list[Trace] = []
    series = (
        (fmt._("Weighted"), WEIGHTED, [r.weighted or 0 for r in open_rows]),
        (fmt._("Gross"), GROSS, [r.gross or 0 for r in open_rows]),
    )
    for label, color, values in series:
        data.append(
            bar(
                name=label,
                orientation="h",
                y=stages,
                x=values,
                marker={"color": color},
                text=[fmt.compact_money(v, currency) for v in values],
                textposition="auto",
                customdata=targets,
                hovertext=[
                    f"{s} · {label.lower()}: {fmt.money(v, currency)} · "
                    + fmt.ngettext("{n} deal", "{n} deals", r.count)
                    for s, v, r in zip(stages, values, open_rows, strict=True)
                ],
                hoverinfo="text",
            )
        )
    height = max(300, 46 * len(stages) + 90)
    return _layout(data, fmt._("Open pipeline by stage ({currency})", currency=currency), fmt,
                   y="", x=fmt._("Value ({currency})", currency=currency), height=height,
                   layout={"barmode": "group", "bargap": 0.25, "bargroupgap": 0.05,
                           "legend": {"traceorder": "reversed"}})


def funnel_conversion(rows: Sequence[FunnelStep], fmt: Formatter) -> Figure:
    """Deals that reached each stage, with the stage-to-stage conversion on each bar."""
    stages = [esc(r.stage) for r in rows]
    reached = [r.reached for r in rows]
    labels = [
        fmt.number(n) + ("" if r.conversion is None else f" · {fmt.percent(r.conversion, 0)}")
        for n, r in zip(reached, rows, strict=True)
    ]
    palette = colours.colours(r.stage for r in rows)
    data = [
        bar(
            orientation="h",
            y=stages,
            x=reached,
            marker={"color": [palette[r.stage] for r in rows]},
            text=labels,
            textposition="auto",
            hovertext=[
                f"{s}: " + fmt.ngettext("{n} deal reached it", "{n} deals reached it", n)
                + (
                    ""
                    if r.conversion is None
                    else "<br>" + fmt._("conversion from previous stage: {rate}",
                                        rate=fmt.percent(r.conversion))
                )
                for s, n, r in zip(stages, reached, rows, strict=True)
            ],
            hoverinfo="text",
            cliponaxis=False,
        )
    ]
    # Horizontal, the first stage on top (a funnel read downwards): "count · rate" keeps its
    # size inside or beside each bar, where above narrow columns it shrank on a phone.
    return _layout(
        data, fmt._("Stage-to-stage conversion"), fmt, x=fmt._("Deals that reached it"),
        legend=False, height=max(300, 46 * len(rows) + 90),
        layout={"yaxis": {"autorange": "reversed"}},
    )


def age_by_stage(
    rows: Sequence[StageAge], threshold: float | None, fmt: Formatter, link: Link | None = None
) -> Figure:
    """Mean and median age of open deals per stage, with the rotting threshold as a line."""
    stages = [esc(r.stage) for r in rows]
    targets = [link(r.stage) for r in rows] if link else None
    data: list[Trace] = []
    series = (
        (fmt._("Mean age"), GROSS, [r.mean_days for r in rows]),
        (fmt._("Median age"), WEIGHTED, [r.median_days for r in rows]),
    )
    for label, color, values in series:
        data.append(
            bar(
                name=label,
                x=stages,
                y=values,
                marker={"color": color},
                customdata=targets,
                hovertext=[
                    f"{s} · {label.lower()}: {fmt.days(v)} · "
                    + fmt.ngettext("{n} open deal", "{n} open deals", r.count)
                    + (" · " + fmt._("{n} rotting", n=r.rotting) if r.rotting else "")
                    for s, v, r in zip(stages, values, rows, strict=True)
                ],
                hoverinfo="text",
            )
        )
    layout: dict[str, Any] = {"barmode": "group"}
    if threshold:
        layout |= hline(threshold, BAD, fmt._("rotting after {days}", days=fmt.days(threshold)))
    return _layout(data, fmt._("Age of open deals by stage"), fmt, x=fmt._("Stage"),
                   y=fmt._("Days since creation"), layout=layout)


def horizontal_amounts(
    bars: Sequence[tuple[str, float | None, int]],
    title: str,
    fmt: Formatter,
    currency: str,
    *,
    color: str | None = WEIGHTED,
    link: Link | None = None,
) -> Figure:
    """A horizontal bar per (category, amount, deal count), the first one on top; one colour
    (a measure), or each bar in its category's colour (``layouts.colours``) when ``color`` is
    None.
    """
    ordered = list(reversed(bars))
    labels = [esc(label) for label, _, _ in ordered]
    palette = colours.colours(label for label, _, _ in ordered)
    fill = [color or palette[label] for label, _, _ in ordered]
    values = [value or 0 for _, value, _ in ordered]
    counts = [count for _, _, count in ordered]
    data = [
        bar(
            orientation="h",
            y=labels,
            x=values,
            marker={"color": fill},
            customdata=[link(label) for label, _, _ in ordered] if link else None,
            text=[fmt.money(v, currency, cents=False) for v in values],
            textposition="auto",
            hovertext=[
                f"{lab}: {fmt.money(v, currency)} · " + fmt.ngettext("{n} deal", "{n} deals", n)
                for lab, v, n in zip(labels, values, counts, strict=True)
            ],
            hoverinfo="text",
        )
    ]
    height = max(260, 34 * len(labels) + 80)
    return _layout(data, title, fmt, x=fmt._("Amount ({currency})", currency=currency), y="",
                   height=height, legend=False)


def source_quality(
    rows: Sequence[SourcePerformance], fmt: Formatter, currency: str, link: Link | None = None
) -> Figure:
    """Volume (x) against conversion (y), bubble size = mean won deal size (quality).

    A source bringing many poor leads sits bottom-right with a small bubble.
    """
    sizes = [r.mean_won_deal_size or 0 for r in rows]
    biggest = max(sizes) if sizes and max(sizes) > 0 else 1
    palette = colours.colours(r.source for r in rows)
    data: list[Trace] = []
    for i, r in enumerate(rows):
        data.append(
            scatter(
                x=[r.deals],
                y=[r.conversion_rate or 0],
                name=esc(r.source),
                mode="markers+text",
                text=[esc(r.source)],
                textposition="top center",
                customdata=[link(r.source)] if link else None,
                marker={
                    "size": 14 + 46 * (sizes[i] / biggest),
                    "color": palette[r.source],
                    "opacity": 0.75,
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[
                    f"{esc(r.source)}<br>"
                    + fmt._("{deals} deals · {won} won<br>conversion {conversion} · win rate "
                            "{win_rate}<br>mean won deal {mean}", deals=fmt.number(r.deals),
                            won=fmt.number(r.won), conversion=fmt.percent(r.conversion_rate),
                            win_rate=fmt.percent(r.win_rate),
                            mean=fmt.money(r.mean_won_deal_size, currency))
                ],
                hoverinfo="text",
            )
        )
    return _layout(
        data,
        fmt._("Volume vs conversion (bubble = mean won deal size)"),
        fmt,
        x=fmt._("Deals (leads)"),
        y=fmt._("Conversion rate (won / deals)"),
        legend=False,
        height=380,
        layout={"xaxis": {"rangemode": "tozero"},
                "yaxis": {"tickformat": ".0%", "rangemode": "tozero"}},
    )


def source_revenue(
    rows: Sequence[SourcePerformance], fmt: Formatter, currency: str, link: Link | None = None
) -> Figure:
    """Won revenue (bars in each source's colour) and mean won deal size per source."""
    sources = [esc(r.source) for r in rows]
    palette = colours.colours(r.source for r in rows)
    targets = [link(r.source) for r in rows] if link else None
    data: list[Trace] = []
    data.append(
        bar(
            name=fmt._("Won revenue"),
            x=sources,
            y=[r.won_revenue or 0 for r in rows],
            marker={"color": [palette[r.source] for r in rows]},
            customdata=targets,
            hovertext=[
                f"{s}: " + fmt._("{amount} won", amount=fmt.money(r.won_revenue, currency))
                for s, r in zip(sources, rows, strict=True)
            ],
            hoverinfo="text",
        )
    )
    data.append(
        scatter(
            name=fmt._("Mean won deal size"),
            x=sources,
            y=[r.mean_won_deal_size for r in rows],
            mode="markers",
            yaxis="y2",
            marker={"color": colours.NEUTRAL, "size": 11, "symbol": "diamond",
                    "line": {"width": 1, "color": "white"}},
            customdata=targets,
            hovertext=[
                f"{s}: " + fmt._("mean won deal {amount}",
                                 amount=fmt.money(r.mean_won_deal_size, currency))
                for s, r in zip(sources, rows, strict=True)
            ],
            hoverinfo="text",
        )
    )
    return _layout(
        data,
        fmt._("Won revenue and deal quality by source"),
        fmt,
        x=fmt._("Source"),
        y=fmt._("Won revenue ({currency})", currency=currency),
        height=380,
        layout={
            "yaxis2": {
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "tickmode": "auto",
                "title": {"text": fmt._("Mean won deal ({currency})", currency=currency)},
                "rangemode": "tozero",
            }
        },
    )


def inflow(
    rows: Sequence[Inflow], fmt: Formatter, link: Callable[[str, str], str] | None = None
) -> Figure:
    """New deals per ISO week, stacked by source (one series when no deal has a source:
    a "(none)" category would stand for a column the file does not have).

    ``link(source, week)`` opens the deals of that source created that week.
    """
    weeks = sorted({r.week for r in rows})
    split = any(r.source != NONE_LABEL for r in rows)
    names = sorted({r.source for r in rows}) if split else [NONE_LABEL]
    table: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r.week, r.source if split else NONE_LABEL)
        table[key] = table.get(key, 0) + r.deals
    palette = colours.colours(names)
    data: list[Trace] = []
    for raw in names:
        source = esc(raw)
        counts = [table.get((w, raw), 0) for w in weeks]
        data.append(
            bar(
                name=source if split else fmt._("New deals"),
                x=weeks,
                y=counts,
                marker={"color": palette[raw] if split else WEIGHTED},
                customdata=[link(raw if split else "", str(w)) for w in weeks] if link else None,
                hovertext=[
                    fmt._("week of {date}", date=fmt.date(w)) + f" · {source}: "
                    + fmt.ngettext("{n} new deal", "{n} new deals", c)
                    for w, c in zip(weeks, counts, strict=True)
                ],
                hoverinfo="text",
            )
        )
    return _layout(
        data, fmt._("New deals per week by source"), fmt, x=fmt._("Week (ISO, Monday)"),
        y=fmt._("New deals"),
        # taller than the other charts: on a phone its legend takes a row per source
        height=420 if split else 360, legend=split,
        layout={"barmode": "stack", "bargap": 0.1,
                "xaxis": month_ticks([str(w) for w in weeks], fmt)},
    )


def forecast_range(
    rows: Sequence[ForecastWindow],
    fmt: Formatter,
    currency: str,
    *,
    height: int = 340,
    compact: bool = False,
    link: Callable[[int], str] | None = None,
) -> Figure:
    """Worst–best range per window as a floating bar, likely as a marker (METRICS.md forecast).

    ``link(days)`` opens the open deals expected to close in that window.
    """
    targets = [link(r.window) for r in rows] if link else None
    labels = [fmt._("{n} days", n=r.window) for r in rows]
    worst = [r.worst or 0 for r in rows]
    best = [r.best or 0 for r in rows]
    likely = [r.likely or 0 for r in rows]
    data: list[Trace] = []
    data.append(
        bar(
            name=fmt._("Worst → best"),
            x=labels,
            y=[b - w for w, b in zip(worst, best, strict=True)],
            base=worst,
            marker={"color": GROSS},
            customdata=targets,
            hovertext=[
                f"{lab}: " + fmt._("worst {worst} · best {best}", worst=fmt.money(w, currency),
                                   best=fmt.money(b, currency))
                for lab, w, b in zip(labels, worst, best, strict=True)
            ],
            hoverinfo="text",
        )
    )
    data.append(
        scatter(
            name=fmt._("Likely"),
            x=labels,
            y=likely,
            mode="markers+text",
            marker={"color": WEIGHTED, "size": 14, "symbol": "line-ew-open", "line": {"width": 4}},
            text=[fmt.compact_money(v, currency) for v in likely],
            textposition="middle right",
            cliponaxis=False,
            customdata=targets,
            hovertext=[
                f"{lab}: " + fmt._("likely {amount}", amount=fmt.money(v, currency)) + " · "
                + fmt.ngettext("{n} deal", "{n} deals", r.deals)
                for lab, v, r in zip(labels, likely, rows, strict=True)
            ],
            hoverinfo="text",
        )
    )
    title = (fmt._("Revenue forecast (worst / likely / best)") if not compact
             else fmt._("Forecast 30/60/90"))
    return _layout(
        data, title, fmt, x=fmt._("Window from today"),
        y=fmt._("Won revenue ({currency})", currency=currency), height=height,
        layout={"yaxis": {"rangemode": "tozero"}},
    )


def velocity_bars(
    rows: Sequence[GroupVelocity], axis: str, title: str, fmt: Formatter,
    link: Link | None = None,
) -> Figure:
    """Mean and median time-to-win per group (``axis`` names the groups: source, owner)."""
    groups = [esc(r.group) for r in rows]
    data: list[Trace] = []
    series = (
        (fmt._("Mean"), GROSS, [r.mean_days for r in rows]),
        (fmt._("Median"), WEIGHTED, [r.median_days for r in rows]),
    )
    for label, color, values in series:
        data.append(
            bar(
                name=label,
                x=groups,
                y=values,
                marker={"color": color},
                customdata=[link(r.group) for r in rows] if link else None,
                hovertext=[
                    f"{g} · " + fmt._("{measure} time-to-win {days}", measure=label.lower(),
                                      days=fmt.days(v))
                    + " · " + fmt._("{n} won", n=r.count)
                    for g, v, r in zip(groups, values, rows, strict=True)
                ],
                hoverinfo="text",
            )
        )
    return _layout(data, title, fmt, x=axis, y=fmt._("Days from creation to win"),
                   layout={"barmode": "group"})


# -- issue 12: forecast fan, what-if, movement, evolution, time in stage, segments ------------
def fan_chart(rows: Sequence[FanWindow], fmt: Formatter, currency: str) -> Figure:
    """Forecast fan: the P10–P90 band, the median (P50) and likely per window.

    METRICS.md, Forecast (windows, likely, worst = P10, best = P90) plus the median of the same
    simulation (``data.metrics.fan``).
    """
    labels = [fmt._("{n} days", n=r.window) for r in rows]
    data: list[Trace] = []
    data.append(scatter(name="P10", x=labels, y=[r.p10 for r in rows], mode="lines",
                             line={"color": GROSS, "width": 1}, hoverinfo="skip"))
    data.append(
        scatter(
            name="P10 – P90",
            x=labels,
            y=[r.p90 for r in rows],
            mode="lines",
            fill="tonexty",
            fillcolor="rgba(47,111,223,0.18)",
            line={"color": GROSS, "width": 1},
            hovertext=[f"{lab}: P10 {fmt.money(r.p10, currency)} · P90 "
                       f"{fmt.money(r.p90, currency)}"
                       for lab, r in zip(labels, rows, strict=True)],
            hoverinfo="text",
        )
    )
    data.append(
        scatter(
            name=fmt._("P50 (median)"), x=labels, y=[r.p50 for r in rows], mode="lines+markers",
            line={"color": WEIGHTED, "width": 3},
            hovertext=[f"{lab}: " + fmt._("median {amount}", amount=fmt.money(r.p50, currency))
                       for lab, r in zip(labels, rows, strict=True)],
            hoverinfo="text",
        )
    )
    data.append(
        scatter(
            name=fmt._("Likely (Σ amount × p)"), x=labels, y=[r.likely for r in rows],
            mode="markers+text",
            marker={"color": GOOD, "size": 12, "symbol": "diamond"},
            text=[fmt.money(r.likely, currency, cents=False) for r in rows],
            # the end labels lean inwards: centred, they were cut at a phone's plot edges
            textposition=["top right" if k == 0 and len(rows) > 1 else
                          "top left" if k == len(rows) - 1 and len(rows) > 1 else "top center"
                          for k in range(len(rows))],
            cliponaxis=False,
            hovertext=[f"{lab}: " + fmt._("likely {amount}", amount=fmt.money(r.likely, currency))
                       + " · " + fmt.ngettext("{n} deal", "{n} deals", r.deals)
                       for lab, r in zip(labels, rows, strict=True)],
            hoverinfo="text",
        )
    )
    # no x-axis title: the window labels say it, and the legend sits where it would go
    return _layout(data, fmt._("Forecast fan (P10 / P50 / P90, likely)"), fmt,
                   y=fmt._("Won revenue ({currency})", currency=currency),
                   layout={"yaxis": {"rangemode": "tozero"}})


def whatif_bars(rows: Sequence[WhatIfRow], fmt: Formatter, currency: str) -> Figure:
    """Baseline against scenario revenue per horizon (``data.metrics.whatif``).

    Horizontal bars, the first horizon on top: an amount beside each bar has the chart's
    width to itself, where above two side-by-side columns it shrank to an unreadable size
    and touched its neighbour on a phone (issue 13).
    """
    labels = [fmt._("{n} days", n=r.horizon) if r.horizon.isdigit() else fmt._("This quarter")
              for r in rows]
    data: list[Trace] = []
    for name, color, values in ((fmt._("Baseline"), GROSS, [r.baseline for r in rows]),
                                (fmt._("Scenario"), WEIGHTED, [r.scenario for r in rows])):
        data.append(
            bar(
                name=name, orientation="h", y=labels, x=values, marker={"color": color},
                text=[fmt.compact_money(v, currency) for v in values], textposition="auto",
                hovertext=[f"{lab} · {name}: {fmt.money(v, currency)}"
                           for lab, v in zip(labels, values, strict=True)],
                hoverinfo="text", cliponaxis=False,
            )
        )
    return _layout(data, fmt._("Revenue: baseline against scenario"), fmt,
                   x=fmt._("Revenue ({currency})", currency=currency),
                   height=max(300, 62 * len(rows) + 100),
                   layout={"barmode": "group", "bargap": 0.25, "bargroupgap": 0.05,
                           "yaxis": {"autorange": "reversed"}})


def movement_bars(rows: Sequence[MovementCount], labels: dict[str, str], fmt: Formatter,
                  currency: str) -> Figure:
    """Deals per movement category, their amount on each bar (METRICS.md, movement)."""
    tone = {"won": GOOD, "lost": BAD, "advanced": WEIGHTED, "moved_back": "#f0a202",
            "pushed": "#6f42c1", "new": "#20a4c7", "removed": NEUTRAL}
    names = [labels.get(r.category, r.category) for r in rows]
    data = [
        bar(
            orientation="h", y=names, x=[r.count for r in rows],
            marker={"color": [tone.get(r.category, NEUTRAL) for r in rows]},
            text=[f"{fmt.number(r.count)} · {fmt.compact_money(r.amount, currency)}" for r in rows],
            # inside a long bar, beside a short one: beside the longest it ran off the figure
            textposition="auto", cliponaxis=False,
            hovertext=[f"{n}: {fmt.ngettext('{n} deal', '{n} deals', r.count)} · "
                       f"{fmt.money(r.amount, currency)}"
                       for n, r in zip(names, rows, strict=True)],
            hoverinfo="text",
        )
    ]
    # Horizontal, first category on top: "count · amount" beside a bar keeps a readable size
    # on a phone, where above seven narrow columns it shrank to a few pixels (issue 13).
    return _layout(data, fmt._("Pipeline movement"), fmt, x=fmt._("Deals"), legend=False,
                   height=max(300, 34 * len(rows) + 90),
                   layout={"yaxis": {"autorange": "reversed"}})


def evolution_chart(points: Sequence[EvolutionPoint], fmt: Formatter, currency: str) -> Figure:
    """Weekly open pipeline by stage (stacked, gross) and the weighted total (line).

    METRICS.md gross and weighted pipeline, per stage, in the latest snapshot of each week.
    """
    weeks = sorted({p.week for p in points})
    stages = list(dict.fromkeys(p.stage for p in points))
    by_key = {(p.week, p.stage): p for p in points}
    palette = colours.colours(stages)
    data: list[Trace] = []
    for stage in stages:
        values = [by_key[(w, stage)].gross if (w, stage) in by_key else 0.0 for w in weeks]
        data.append(
            bar(
                name=esc(stage), x=weeks, y=values, marker={"color": palette[stage]},
                hovertext=[f"{fmt._('week of {date}', date=fmt.date(w))} · {esc(stage)}: "
                           f"{fmt.money(v, currency)}"
                           for w, v in zip(weeks, values, strict=True)],
                hoverinfo="text",
            )
        )
    weighted = [sum(by_key[(w, s)].weighted for s in stages if (w, s) in by_key) for w in weeks]
    data.append(
        scatter(
            name=fmt._("Weighted (total)"), x=weeks, y=weighted, mode="lines+markers",
            line={"color": "#2a3f5f", "width": 2, "dash": "dot"},
            hovertext=[f"{fmt._('week of {date}', date=fmt.date(w))} · "
                       f"{fmt._('Weighted (total)')} {fmt.money(v, currency)}"
                       for w, v in zip(weeks, weighted, strict=True)],
            hoverinfo="text",
        )
    )
    # no x-axis title (the week's Monday is in the hover): the legend sits below the axis
    return _layout(data, fmt._("Open pipeline by stage, week by week"), fmt,
                   y=fmt._("Open pipeline ({currency})", currency=currency),
                   layout={"barmode": "stack",
                           "xaxis": {"type": "category", "tickvals": weeks,
                                     "ticktext": [fmt.date(w) for w in weeks]}})


def stage_time_bars(rows: Sequence[StageTime], fmt: Formatter,
                    title: str | None = None) -> Figure:
    """Mean and median days in each stage (METRICS.md, time in stage); lower bounds marked."""
    stages = [esc(r.stage) + (" ≥" if r.is_lower_bound else "") for r in rows]
    data: list[Trace] = []
    for name, color, values in ((fmt._("Mean"), GROSS, [r.mean_days for r in rows]),
                                (fmt._("Median"), WEIGHTED, [r.median_days for r in rows])):
        data.append(
            bar(
                name=name, x=stages, y=values, marker={"color": color},
                hovertext=[
                    f"{s} · {name} {fmt.days(v)} · {fmt.ngettext('{n} deal', '{n} deals', r.count)}"
                    + (" · " + fmt.ngettext(
                        "{n} entered before the first snapshot (lower bound)",
                        "{n} entered before the first snapshot (lower bound)", r.lower_bounds)
                       if r.is_lower_bound else "")
                    for s, v, r in zip(stages, values, rows, strict=True)
                ],
                hoverinfo="text",
            )
        )
    title = fmt._("Time in stage") if title is None else title
    return _layout(data, title + fmt._(" (≥: lower bound)"), fmt, y=fmt._("Days in stage"),
                   layout={"barmode": "group"})


def segment_bars(rows: Sequence[Segment], title: str, axis: str, fmt: Formatter,
                 currency: str) -> Figure:
    """Won revenue per segment (bars) and its win rate (line, right axis).

    METRICS.md won revenue and win rate (won / (won + lost)) per segment
    (``data.metrics.segments``).
    """
    names = [esc(r.segment) for r in rows]
    data: list[Trace] = []
    data.append(
        bar(
            name=fmt._("Won revenue"), x=names, y=[r.won_revenue for r in rows],
            marker={"color": WEIGHTED},
            hovertext=[f"{n}: {fmt._('Won revenue')} {fmt.money(r.won_revenue, currency)} · "
                       f"{fmt.ngettext('{n} deal', '{n} deals', r.deals)} · "
                       f"{fmt._('Open pipeline')} {fmt.money(r.open_gross, currency)}"
                       for n, r in zip(names, rows, strict=True)],
            hoverinfo="text",
        )
    )
    data.append(
        scatter(
            name=fmt._("Win rate"), x=names, y=[r.win_rate for r in rows], yaxis="y2",
            mode="lines+markers", line={"color": "#f0a202", "width": 2},
            hovertext=[f"{n}: {fmt._('Win rate')} {fmt.percent(r.win_rate)} "
                       f"({fmt.number(r.won)} / {fmt.number(r.won + r.lost)})"
                       for n, r in zip(names, rows, strict=True)],
            hoverinfo="text",
        )
    )
    return _layout(data, title, fmt, x=axis, y=fmt._("Won revenue ({currency})", currency=currency),
                   layout={"yaxis2": {"overlaying": "y", "side": "right", "tickformat": ".0%",
                                      "tickmode": "auto",
                                      "rangemode": "tozero", "showgrid": False,
                                      "title": {"text": fmt._("Win rate")}}})
