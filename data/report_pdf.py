"""HTML report → PDF with the headless Chromium of the machine (``chromium --print-to-pdf``).

Why Chromium and not a PDF library: the report's charts are Plotly figures, and the only
renderer of Plotly figures is plotly.js in a browser (kaleido 1.x itself drives Chrome); a
browser also lays out the pages with the app's own CSS, so the PDF looks like the dashboard.
Calling the binary directly needs no Python package (Playwright or kaleido would add one
only to launch the same browser). The document is a local file that loads nothing (its CSP
forbids any fetch), and the browser is started with a dead proxy and no DNS, so the report
never touches the network. Each run gets its own profile directory and a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from data.report import PAGE_WIDTH_PX
from data.texts import N_, Text

#: Where Chromium is looked for: ``CHROMIUM_PATH``, then these names on ``PATH``.
_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "chrome")
TIMEOUT_S: Final = 120


class ReportUnavailable(RuntimeError):
    """The PDF cannot be made here (no Chromium, or it failed); the message says what to do."""


def chromium_path() -> str | None:
    """The Chromium binary to print with, or None when the machine has none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(document: str, timeout: float = TIMEOUT_S) -> bytes:
    """Print an HTML document to PDF bytes (A4, its own ``@page`` rules, no header/footer)."""
    binary = chromium_path()
    if binary is None:
        raise ReportUnavailable(N_(
            "The PDF report needs Chromium on the server (Debian: apt-get install chromium; "
            "or set CHROMIUM_PATH). Use Print in the meantime."
        ))
    with tempfile.TemporaryDirectory(prefix="crm-report-") as work:
        folder = Path(work)
        source, target = folder / "report.html", folder / "report.pdf"
        source.write_text(document, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",  # run as the app's user inside a container; the page is ours
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--disable-background-networking",
            "--proxy-server=127.0.0.1:9",  # nothing may leave the machine
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={PAGE_WIDTH_PX},1000",  # charts are drawn at the printed width
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=15000",  # every chart drawn before printing
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  env={**os.environ, "HOME": str(folder)})
        except subprocess.TimeoutExpired as error:
            raise ReportUnavailable(Text(
                N_("Chromium took more than {seconds} s to print the report; try again with "
                   "fewer deals selected."), seconds=f"{timeout:.0f}")) from error
        if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace")[-400:]
            raise ReportUnavailable(Text(
                N_("Chromium could not print the report (exit {code}): {details}"),
                code=done.returncode, details=tail))
        return target.read_bytes()
