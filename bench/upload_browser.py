"""Time a 100k-row import through the browser: drop → preview → Import → "Done" (issue #3).

Usage::

    python bench/upload_browser.py                 # 100,000 rows, SQLite, 3 runs
    python bench/upload_browser.py --rows 20000 --runs 1 --backend postgresql

The app (``create_app``) is served by a local Flask thread on a fresh database; headless
Chromium (Debian's chromium + chromedriver) opens the import dialog, sends the CSV to the
``dcc.Upload`` file input and clicks Import. Two figures per run, from the moment the file is
handed to the input: ``preview_s`` until the preview shows the row count (the file travels to
the server as base64, is staged and parsed in a background callback), and ``total_s`` until the
result says it was imported (parse + atomic write + cache warm-up, in a background callback).
Each run uses a new generated file (another seed), so nothing is "already imported". The last
line is one JSON object ``{"rows": N, "backend": …, "preview_s": …, "total_s": …}`` (medians).
Target: ``total_s`` under 10 s for 100,000 rows.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from bench._common import canonical_csv, scratch_postgres  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _browser() -> webdriver.Chrome:
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    return webdriver.Chrome(options=options)


def run(rows: int, runs: int, backend: str) -> dict[str, object]:
    """Serve the app, upload ``runs`` generated files, return the median timings."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    from app import create_app
    from data.config import load_settings

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="crm-upload-")))
        url = (stack.enter_context(scratch_postgres()) if backend == "postgresql"
               else f"sqlite:///{work / 'bench.sqlite3'}")
        app = create_app(load_settings(database_url=url, cache_dir=str(work / "cache"),
                                       redis_url=None))
        port = _free_port()
        server = make_server("127.0.0.1", port, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        stack.callback(server.shutdown)
        driver = _browser()
        stack.callback(driver.quit)
        preview, total = [], []
        for run_index in range(runs):
            path = work / f"deals-{run_index}.csv"
            path.write_bytes(canonical_csv(rows, seed=100 + run_index))
            driver.get(f"http://127.0.0.1:{port}/")
            wait = WebDriverWait(driver, 120)
            wait.until(ec.element_to_be_clickable((By.ID, "import-open"))).click()
            file_input = wait.until(ec.presence_of_element_located(
                (By.CSS_SELECTOR, "#import-upload input[type=file]")))
            start = time.perf_counter()
            file_input.send_keys(str(path))
            wait.until(ec.text_to_be_present_in_element((By.ID, "import-kept"), "will be"))
            preview.append(time.perf_counter() - start)
            wait.until(ec.element_to_be_clickable((By.ID, "import-confirm"))).click()
            wait.until(ec.text_to_be_present_in_element((By.ID, "import-outcome"), "Imported"))
            total.append(time.perf_counter() - start)
            print(f"run {run_index + 1}: preview {preview[-1]:.2f} s, total {total[-1]:.2f} s "
                  f"({len(path.read_bytes()) / 1e6:.1f} MB)", flush=True)
        return {"rows": rows, "backend": backend, "preview_s": round(statistics.median(preview), 2),
                "total_s": round(statistics.median(total), 2)}


def main() -> None:
    """Parse arguments, run, print the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    result = run(args.rows, args.runs, args.backend)
    print(f"target total < 10 s: {'met' if result['total_s'] < 10 else 'NOT MET'}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
