"""Say what is missing: for an unmapped field that feeds indicators, propose a column.

METRICS.md: "Where a column an indicator needs is absent from the import, the indicator is not
shown as 0: the page says which column would enable it." The import goes one step earlier:
when such a field is unmapped *and* a column of the file could hold it (a candidate of the
mapper, a look-alike, or a column whose values fit), the report proposes that column and names
the figures it would enable, so the user can fix the mapping before importing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from data.ingest.labels import field_label, short_label
from data.ingest.mapping import ColumnDecision
from data.metrics.availability import INDICATOR_REQUIRES
from data.texts import N_, Text

#: The fields whose absence silently switches figures off (issue #8, point 3).
INDICATOR_FIELDS: Final = (
    "amount",
    "expected_close_date",
    "created_date",
    "owner",
    "source",
    "last_activity_date",
)

#: Readable names of the indicators of :data:`INDICATOR_REQUIRES`.
FIGURE_LABELS: Final[dict[str, str]] = {
    "pipeline_gross": N_("gross pipeline"),
    "pipeline_weighted": N_("weighted pipeline"),
    "average_deal_size": N_("average deal size"),
    "average_won_deal_size": N_("average won deal size"),
    "won_revenue": N_("won revenue"),
    "period_comparison": N_("period comparison"),
    "value_by_stage": N_("value by stage"),
    "deal_age": N_("deal age"),
    "rotting": N_("rotting deals"),
    "cold_deals": N_("cold deals"),
    "sector": N_("sector analysis"),
    "owner": N_("salesperson performance"),
    "marketing": N_("source performance"),
    "inflow": N_("inflow per week"),
    "forecast": N_("30/60/90-day forecast"),
    "overdue": N_("overdue deals"),
    "undated": N_("undated deals"),
    "velocity": N_("velocity (time to win)"),
    "due_soon": N_("deals due soon"),
    "quick_wins": N_("quick wins"),
    "untreated_leads": N_("untreated leads"),
}


def figures_enabled(field: str, mapped: set[str]) -> list[str]:
    """Indicators that ``field`` would enable, given the fields already ``mapped``."""
    present = mapped | {field}
    enabled: list[str] = []
    for indicator, needs in INDICATOR_REQUIRES.items():
        uses = any(field in need.split("|") for need in needs)
        met_now = all(any(c in present for c in need.split("|")) for need in needs)
        if uses and met_now:
            enabled.append(indicator)
    return enabled


@dataclass(frozen=True)
class Proposal:
    """A column proposed for an unmapped field, and what it would switch on."""

    field: str
    header: str
    score: float
    reason: str
    figures: tuple[str, ...]

    @property
    def message(self) -> str:
        """The warning shown by the preview and printed by the CLI."""
        figures = ", ".join(FIGURE_LABELS.get(f, f) for f in self.figures)
        return Text(
            N_('No column is mapped to {field}; "{header}" could be it ({reason}). Mapping it '
               'would enable: {figures}. Choose it in the column mapping (CLI: --map '
               '"{header}={short}").'),
            field=Text(field_label(self.field)), header=self.header, reason=self.reason,
            figures=figures, short=short_label(self.field))

    def as_dict(self) -> dict[str, object]:
        """JSON-able form for the preview and the report."""
        return {
            "field": self.field,
            "header": self.header,
            "score": round(self.score, 2),
            "reason": self.reason,
            "figures": list(self.figures),
            "message": self.message,
        }


def propose_missing(
    decisions: list[ColumnDecision], mapping: dict[str, str | None]
) -> list[Proposal]:
    """One proposal per unmapped indicator field that has a candidate among unmapped columns.

    The best-scoring candidate wins; a column is proposed for one field at most.
    """
    mapped = {f for f in mapping.values() if f}
    free = {d.header: d for d in decisions if not mapping.get(d.header)}
    proposals: list[Proposal] = []
    used: set[str] = set()
    for name in INDICATOR_FIELDS:
        if name in mapped:
            continue
        options = [
            (c.score, header, c.reason)
            for header, decision in free.items()
            if header not in used
            for c in decision.candidates
            if c.field == name
        ]
        if not options:
            continue
        score, header, reason = max(options, key=lambda o: o[0])
        figures = figures_enabled(name, mapped)
        if not figures:
            continue
        used.add(header)
        proposals.append(Proposal(name, header, score, reason, tuple(figures)))
    return proposals
