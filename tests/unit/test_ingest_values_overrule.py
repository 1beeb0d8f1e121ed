"""Values overrule a misleading header (issue #8: "a column whose values are mostly known stage
labels is the stage whatever its name")."""

from __future__ import annotations

import pandas as pd
import pytest

from data.ingest import parse_upload
from data.ingest.mapping import decide_columns
from data.ingest.profiles import compatibility, pipeline_words, profile_column

_STAGES = ["Prospecting", "Qualification", "Negotiation", "Closed Won", "Closed Lost", "Proposal"]


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _rows(header: str, count: int = 30) -> bytes:
    lines = [f"Deal,{header},Amount"]
    lines += [f"D{i},{_STAGES[i % 6]},{1000 + i}" for i in range(count)]
    return _csv(*lines)


@pytest.mark.parametrize("header", ["Owner", "Source", "Industry", "Account", "Deal Owner"])
def test_stage_names_under_another_fields_header_are_the_stage(header: str) -> None:
    parsed = parse_upload(_rows(header), "x.csv")
    assert parsed.mapping[header] == "stage"
    assert parsed.rows_imported == 30
    assert set(parsed.deals["status"]) == {"open", "won", "lost"}


def test_the_overruled_header_stays_a_candidate_and_a_real_owner_keeps_its_column() -> None:
    frame = pd.DataFrame({
        "Owner": [_STAGES[i % 6] for i in range(30)],
        "Rep": [["Ann Lee", "Bob Stone", "Cy Hart"][i % 3] for i in range(30)],
    })
    owner, rep = decide_columns(list(frame), {h: frame[h] for h in frame})
    assert owner.field == "stage" and owner.reason == "values"
    assert owner.candidates and owner.candidates[0].field == "owner"
    assert rep.field == "owner"


def test_status_words_under_an_owner_header_are_the_status() -> None:
    frame = pd.DataFrame({"Owner": [["Open", "Won", "Lost"][i % 3] for i in range(12)],
                          "Stage": ["Demo"] * 12})
    mapping = {d.header: d.field for d in decide_columns(list(frame), {h: frame[h] for h in frame})}
    assert mapping == {"Owner": "status", "Stage": "stage"}


def test_people_sources_and_a_few_stage_like_words_are_not_contradicted() -> None:
    people = profile_column(pd.Series([["Ann Lee", "Bob Stone"][i % 2] for i in range(20)]))
    sources = profile_column(pd.Series([["Web", "Referral", "Lead", "Partner"][i % 4]
                                        for i in range(20)]))
    assert not pipeline_words(people) and compatibility("owner", people) == 1.0
    assert not pipeline_words(sources) and compatibility("source", sources) == 1.0
    stages = profile_column(pd.Series([_STAGES[i % 6] for i in range(20)]))
    assert pipeline_words(stages)
    assert compatibility("owner", stages) <= 0.3 and compatibility("stage", stages) == 1.0
