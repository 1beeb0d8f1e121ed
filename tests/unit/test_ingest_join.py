"""Related exports joined onto the deals (issue #8, point 5): pure step, keys from the data."""

from __future__ import annotations

import pytest

from data.ingest import ImportRefused, parse_related, parse_upload
from data.ingest.join import find_key, join_related, pick_deals_table
from data.ingest.reader import read_table

DEALS = b"""Deal ID,Deal Name,Deal Stage,Amount,Associated Company,Contact Email,Close Date
D1,Alpha deal,Qualified To Buy,1000,Acme Corp,ann@acme.com,2026-03-01
D2,Beta deal,Closed Won,2000,Beta GmbH,bob@beta.de,2026-02-01
D3,Gamma deal,Contract Sent,3000,Gamma SA,carl@gamma.fr,2026-04-01
D4,Delta deal,Appointment Scheduled,500,Unknown Ltd,dan@unknown.io,2026-05-01
"""
COMPANIES = b"""Company ID,Company name,Industry,Company Domain Name
C1,Acme Corp,Software,acme.com
C2,Beta GmbH,Manufacturing,beta.de
C3,Gamma SA,Retail,gamma.fr
C9,Other Inc,Retail,other.com
"""
CONTACTS = b"""Contact ID,First Name,Last Name,Email,Original Source
P1,Ann,A,ANN@acme.com,Organic Search
P2,Bob,B,bob@beta.de,Referrals
P3,Carl,C,carl@gamma.fr,Paid Search
"""
ACTIVITIES = b"""Activity ID,Associated Deal,Activity Type,Activity date
A1,D1,Call,2026-01-10
A2,D1,Email,2026-01-20
A3,D2,Meeting,2026-01-05
A4,D3,Call,2026-01-15
A5,D9,Call,2026-01-16
"""
FILES = [(COMPANIES, "companies.csv"), (DEALS, "deals.csv"), (CONTACTS, "contacts.csv"),
         (ACTIVITIES, "activities.csv")]


def test_the_deals_file_is_found_whatever_the_order() -> None:
    tables = [(name, read_table(content)) for content, name in FILES]
    assert pick_deals_table(tables) == 1


def test_keys_are_found_from_the_values() -> None:
    deals = read_table(DEALS)
    assert find_key(deals, read_table(CONTACTS))[:3] == ("Contact Email", "Email", "email")
    assert find_key(deals, read_table(ACTIVITIES))[:2] == ("Deal ID", "Associated Deal")
    domains = read_table(b"Website,Sector\nhttps://www.acme.com/about,Software\nbeta.de,Industry\n")
    assert find_key(deals, domains)[:3] == ("Contact Email", "Website", "domain")
    assert find_key(deals, read_table(b"x,y\n1,2\n3,4\n")) is None


def test_joined_import_takes_sector_source_and_last_activity() -> None:
    parsed = parse_related(FILES)
    deals = parsed.deals.set_index("deal_id")
    assert deals.loc["D1", "sector"] == "Software" and deals.loc["D2", "sector"] == "Manufacturing"
    assert deals.loc["D1", "source"] == "Organic Search"
    assert str(deals.loc["D1", "last_activity_date"].date()) == "2026-01-20"  # max per deal
    assert str(deals.loc["D2", "last_activity_date"].date()) == "2026-01-05"
    assert deals.loc["D4", ["sector", "source"]].isna().all()
    assert parsed.rows_imported == 4 and parsed.rows_rejected == 0
    join = parsed.summary()["join"]
    assert join["deals_file"] == "deals.csv"
    by_file = {f["filename"]: f for f in join["files"]}
    assert by_file["companies.csv"]["fields"] == {"sector": "Industry"}
    assert (by_file["companies.csv"]["matched"], by_file["companies.csv"]["unmatched"]) == (3, 1)
    assert by_file["companies.csv"]["file_rows_unmatched"] == 1
    assert by_file["activities.csv"]["role"] == "activities"
    assert by_file["activities.csv"]["file_rows_unmatched"] == 1
    assert any("3 deal(s) matched, 1 not" in w.message for w in parsed.warnings)


def test_one_file_alone_is_parse_upload() -> None:
    alone = parse_related([(DEALS, "deals.csv")])
    assert alone.join is None and alone.mapping == parse_upload(DEALS, "deals.csv").mapping


def test_same_files_in_another_order_have_the_same_checksum() -> None:
    assert parse_related(FILES).checksum == parse_related(FILES[::-1]).checksum


def test_the_deals_own_fields_are_never_overwritten() -> None:
    deals = DEALS.replace(b"Close Date\n", b"Close Date,Industry\n").replace(b"-01\n", b"-01,Own\n")
    parsed = parse_related([(deals, "deals.csv"), (COMPANIES, "companies.csv")])
    assert set(parsed.deals["sector"]) == {"Own"}


def test_unrelated_file_is_reported_and_unreadable_one_names_itself() -> None:
    table, preset, report = join_related(read_table(DEALS), [("x.csv", read_table(b"a,b\n1,2\n"))],
                                         {})
    assert preset == {} and report[0].role == "unrelated" and list(table.frame) == list(
        read_table(DEALS).frame)
    with pytest.raises(ImportRefused, match="empty.csv"):
        parse_related([(DEALS, "deals.csv"), (b"", "empty.csv")])
