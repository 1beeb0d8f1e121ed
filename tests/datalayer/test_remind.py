"""Issue 14, point 5: ``python -m data remind`` e-mails the digest through a real SMTP server.

The server is aiosmtpd on a free local port, started by the test; the expected deals are read
off the rows the test wrote (by hand), not from the code under test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import date, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from data import writes
from data.importer import import_file

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()
CSV = (
    "Deal ID,Deal Name,Stage,Amount,Created,Expected close,Last activity\n"
    f"C1,Cold one,Qualifié,1000,{TODAY - timedelta(days=60)},{TODAY + timedelta(days=40)},"
    f"{TODAY - timedelta(days=30)}\n"
    f"C2,Late one,Négociation,2500,{TODAY - timedelta(days=50)},{TODAY - timedelta(days=3)},"
    f"{TODAY - timedelta(days=1)}\n"
    f"C3,Soon one,Négociation,300,{TODAY - timedelta(days=20)},{TODAY + timedelta(days=6)},"
    f"{TODAY - timedelta(days=1)}\n"
    f"C4,Far one,Négociation,300,{TODAY - timedelta(days=20)},{TODAY + timedelta(days=8)},"
    f"{TODAY - timedelta(days=1)}\n"
    f"C5,New lead,Prospect,50,{TODAY - timedelta(days=4)},,\n"
    f"C6,Won one,Gagné,9000,{TODAY - timedelta(days=90)},{TODAY - timedelta(days=40)},"
    f"{TODAY - timedelta(days=40)}\n"
)


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _remind(db_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SMTP_URL", "REMIND_TO", "REMIND_FROM")}
    environment.update(DATABASE_URL=db_url, **env)
    return subprocess.run([sys.executable, "-m", "data", "remind", *args], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=180)


def _pipeline(engine: Engine) -> int:
    outcome = import_file(engine, CSV.encode(), "deals.csv")
    assert outcome.import_id is not None
    return writes.create_pipeline(engine, "Founder deals", from_import=outcome.import_id)


def test_digest_reaches_a_real_smtp_server(engine: Engine, db_url: str) -> None:
    dataset = _pipeline(engine)
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        run = _remind(db_url, "--as-of", TODAY.isoformat(), "--dataset", str(dataset),
                      SMTP_URL=f"smtp://127.0.0.1:{port}", REMIND_TO="lea@example.com, tom@ex.org",
                      REMIND_FROM="crm@example.com")
    finally:
        controller.stop()
    assert run.returncode == 0, run.stderr
    assert len(inbox.messages) == 1
    sender, recipients, message = inbox.messages[0]
    assert sender == "crm@example.com"
    assert recipients == ["lea@example.com", "tom@ex.org"]
    body = message.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    # by hand: C1 cold (30 days), C2 overdue (3 days), C3 closes in 6 days (C4 in 8: not
    # listed), C5 is a first-stage lead 4 days old without activity; C6 is won.
    sections = {line.split(" (")[0]: n for n, line in enumerate(body.splitlines())}
    for title in ("Overdue closings", "Closing within 7 days", "Cold deals", "Untreated leads"):
        assert title in sections, body
    assert "[C2] Late one" in body and "3 day(s) past" in body
    assert "[C3] Soon one" in body and "closes in 6 day(s)" in body
    assert "[C1] Cold one" in body and "30 day(s) without activity" in body
    assert "[C5] New lead" in body
    assert "C4" not in body and "C6" not in body
    assert "4 item(s)" in message["Subject"]
    assert "sent to" in run.stderr


def test_json_lists_and_no_smtp_means_exit_0_and_a_log_line(engine: Engine, db_url: str) -> None:
    dataset = _pipeline(engine)
    run = _remind(db_url, "--as-of", TODAY.isoformat(), "--dataset", str(dataset), "--json")
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    ids = {kind: [r["deal_id"] for r in rows] for kind, rows in listed["lists"].items()}
    assert ids == {"overdue": ["C2"], "closing_soon": ["C3"], "cold": ["C1"],
                   "untreated": ["C5"]}
    assert "no e-mail sent (SMTP_URL is not set)" in run.stderr


def test_bad_as_of_is_a_clear_message(engine: Engine, db_url: str) -> None:
    run = _remind(db_url, "--as-of", "tomorrow")
    assert run.returncode == 2
    assert "expected YYYY-MM-DD" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("url", ["http://x", "smtp://"])
def test_bad_smtp_url_says_what_to_write(engine: Engine, db_url: str, url: str) -> None:
    _pipeline(engine)
    run = _remind(db_url, SMTP_URL=url, REMIND_TO="a@b.c")
    assert run.returncode == 1
    assert "smtp://user:password@host:587" in run.stderr and "Traceback" not in run.stderr
