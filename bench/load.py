"""Load test: two gunicorn workers + Redis + PostgreSQL, 20 users, two imports landing (issue 9).

Usage::

    python bench/load.py                          # 100k deals, 20 users, 120 s
    python bench/load.py --rows 10000 --duration 30

Sets up a scratch PostgreSQL database (dropped at the end) with ``--rows`` generated deals
(``bench/_common.py``), flushes Redis db 12 and starts ``gunicorn -c gunicorn.conf.py -w 2
app:server`` on a free loopback port with that database, Redis and a temporary CACHE_DIR (the
deployment the README recommends). Locust (``bench/locustfile.py``, run headless from its own
virtual environment ``instance/load-venv``, created from ``bench/requirements-load.txt`` when
missing) then runs ``--users`` users mixing page views and filter changes, POSTed to
``/_dash-update-component`` as the browser does, for ``--duration`` seconds. Two imports of
``--rows`` new deals each land through the CLI (``python -m data import``) at 25 % and 60 % of
the run. Everything is bounded in time and stopped at the end (gunicorn by its pid).

Prints p50/p95 over all requests, the worst rolling p95 (Locust's 10 s window) while an import
runs and just after it, throughput, errors (non-200, error notice in the page), timeouts
(requests over ``LOAD_TIMEOUT_S`` = 10 s, and gunicorn ``WORKER TIMEOUT`` lines) and the import
times. The last line is a JSON object. Targets: 0 errors, 0 timeouts, p95 < 1 s.

Latencies depend on what else the machine runs, so the run also reports figures that do not:
the load average (``os.getloadavg``) before and after, and the CPU time of gunicorn's workers
(user + system, all their threads, from ``/proc``) per cold Home view of one user alone
(``server_cpu_per_cold_home_ms``) and per request under load (``server_cpu_per_request_ms``).
Where the cores went (``cores_by_role``: the workers, the CLI import, PostgreSQL backends by
the statement in their process title, Locust, Redis, everything else on the host), inside the
import windows and outside them, is sampled from ``/proc`` every 0.5 s, and the windows' p95
is also given per request name (``p95_during_imports_by_name_ms``). ``--keep DIR`` keeps
Locust's CSVs, the server's log (a JSON line per request with its duration) and the CPU
samples for a closer look; ``py-spy`` (in the same virtual environment, not run by the bench:
``py-spy record -p <worker pid> --nonblocking``) shows what the workers spend it on.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
ROOT = _HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(ROOT))

from bench import _common  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/12"
VENV = ROOT / "instance" / "load-venv"


def locust_binary() -> Path:
    """Locust in its own virtual environment (created on first use)."""
    binary = VENV / "bin" / "locust"
    if not binary.exists():
        print("Creating instance/load-venv with bench/requirements-load.txt…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", "-r",
                        str(_HERE / "requirements-load.txt")], check=True)
    return binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, process: subprocess.Popen[bytes], deadline_s: float = 60) -> None:
    import requests

    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            if requests.get(url + "/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _importer(env: dict[str, str], files: list[Path], at: list[float],
              windows: list[dict[str, float]], t0: float) -> None:
    """Run the CLI imports at their times (seconds from ``t0``), recording their windows."""
    for path, when in zip(files, at, strict=True):
        time.sleep(max(0.0, t0 + when - time.monotonic()))
        start = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "data", "import", str(path), "--json"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                              check=False)
        end = time.monotonic()
        ok = done.returncode == 0 and json.loads(done.stdout or "{}").get("created")
        windows.append({"start_s": round(start - t0, 1), "end_s": round(end - t0, 1),
                        "seconds": round(end - start, 1), "created": bool(ok)})
        print(f"  import of {path.name}: {end - start:.1f} s "
              f"({'created' if ok else 'FAILED: ' + done.stderr[-300:]})", flush=True)


def workers_cpu_s(master: int) -> float:
    """CPU seconds (user + system, every thread) used so far by the gunicorn master's workers.

    Read from ``/proc`` (Linux); 0.0 where it cannot be read. A worker that was replaced
    meanwhile takes its time with it (``worker_timeouts`` says when that happened).
    """
    tick = os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    total = 0
    for pid in children:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after the command name, from field 3 on
        total += int(fields[11]) + int(fields[12])  # utime and stime (fields 14 and 15)
    return total / tick


class ProcessCpu(threading.Thread):
    """CPU time of every process of the host by role, sampled every ``period_s`` (``/proc``).

    Roles: the gunicorn workers, the CLI import, PostgreSQL backends by what their process
    title says they run (``COPY``, ``ANALYZE``, ``SELECT``…), Locust, Redis, the rest. Where a
    core goes while an import lands is what the latency figures alone cannot say.
    """

    def __init__(self, master: int, period_s: float = 0.5) -> None:
        """Sample from now on; ``master`` is gunicorn's pid (its children are the workers)."""
        super().__init__(daemon=True)
        self.master = master
        self.period_s = period_s
        self.samples: list[tuple[float, str, float]] = []  # (monotonic, role, CPU seconds)
        self._stop_event = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")

    def _role(self, pid: str, comm: str, ppid: str) -> str:
        if ppid == str(self.master):
            return "web workers"
        if comm == "postgres":
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                return "postgres"
            words = title.decode(errors="replace").split()
            if len(words) > 4 and b"(" in title:  # a backend: "postgres: user db host(port) WHAT"
                return f"postgres {words[-1].lower()}"
            return "postgres (server)"
        if comm.startswith("redis"):
            return "redis"
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return "other"
        if b"data" in cmdline and b"import" in cmdline:
            return "import CLI"
        if any(b"locust" in part for part in cmdline):
            return "locust"
        return "other"

    def run(self) -> None:
        """Sample until :meth:`stop`."""
        before: dict[str, int] = {}
        while not self._stop_event.is_set():
            now = time.monotonic()
            for entry in Path("/proc").iterdir():
                pid = entry.name
                if not pid.isdigit():
                    continue
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                comm = stat[stat.index("(") + 1: stat.rindex(")")]
                fields = stat.rsplit(")", 1)[1].split()
                ticks = int(fields[11]) + int(fields[12])
                spent = ticks - before.get(pid, ticks)
                before[pid] = ticks
                if spent > 0:
                    self.samples.append((now, self._role(pid, comm, fields[1]),
                                         spent / self._tick))
            self._stop_event.wait(self.period_s)

    def stop(self) -> None:
        """End the sampling."""
        self._stop_event.set()
        self.join(timeout=5)

    def cores(self, windows: list[dict[str, float]], t0: float, end_s: float
              ) -> dict[str, dict[str, float]]:
        """Cores used on average by each role inside the import windows and outside them."""
        inside_s = sum(min(w["end_s"] + 15, end_s) - w["start_s"] for w in windows)
        outside_s = max(end_s - inside_s, 1e-9)
        out: dict[str, dict[str, float]] = {"imports": {}, "rest": {}}
        for when, role, spent in self.samples:
            t = when - t0
            if not 0 <= t <= end_s:
                continue
            part = ("imports" if any(w["start_s"] <= t <= w["end_s"] + 15 for w in windows)
                    else "rest")
            out[part][role] = out[part].get(role, 0.0) + spent
        for part, seconds in (("imports", inside_s), ("rest", outside_s)):
            out[part] = {role: round(total / max(seconds, 1e-9), 2) for role, total in
                         sorted(out[part].items(), key=lambda item: -item[1])}
        return out


def single_user_ms(base: str, count: int = 10, first: int = 0) -> float:
    """Median ms of Home content requests with new filters, one at a time (no concurrency).

    Read before the load starts: how fast this machine serves one cold view right now, to
    read the figures under load against (the machine may be shared).
    """
    import statistics

    import requests

    deps = requests.get(base + "/_dash-dependencies", timeout=30).json()
    spec = next(d for d in deps if d["output"].startswith("page-content.children"))
    timings = []
    for index in range(count):
        as_of = date(2026, 10, 1) + timedelta(days=first + index)  # a state not asked before
        values = {"shell-url.pathname": "/", "shell-url.search": f"?as_of={as_of.isoformat()}",
                  "shell-data-version.data": 1}
        inputs, state = ([{"id": e["id"], "property": e["property"],
                           "value": values.get(f"{e['id']}.{e['property']}")}
                          for e in spec.get(part, [])] for part in ("inputs", "state"))
        body = {"output": spec["output"],
                "outputs": {"id": "page-content", "property": "children"},
                "inputs": inputs, "state": state, "changedPropIds": ["shell-url.search"]}
        start = time.perf_counter()
        requests.post(base + "/_dash-update-component", json=body, timeout=60)
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings[1:]), 1)  # the first one may load the import


def _aggregated(stats_csv: Path) -> dict[str, str]:
    with stats_csv.open(newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")


def _failures(failures_csv: Path) -> list[dict[str, str]]:
    if not failures_csv.exists():
        return []
    with failures_csv.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _p95_during(history_csv: Path, windows: list[dict[str, float]], t0_unix: float,
                name: str = "Aggregated") -> float:
    """Worst rolling p95 of ``name``'s requests while an import ran or in the 15 s after it."""
    worst = 0.0
    with history_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] != name or row["95%"] in ("N/A", ""):
                continue
            t = float(row["Timestamp"]) - t0_unix
            if any(w["start_s"] <= t <= w["end_s"] + 15 for w in windows):
                worst = max(worst, float(row["95%"]))
    return worst


def _p95_during_by_name(history_csv: Path, windows: list[dict[str, float]], t0_unix: float
                        ) -> dict[str, float]:
    """:func:`_p95_during` for every request name (which pages are slow while imports land)."""
    with history_csv.open(newline="") as handle:
        names = {row["Name"] for row in csv.DictReader(handle)} - {"Aggregated"}
    return {name: _p95_during(history_csv, windows, t0_unix, name) for name in sorted(names)}


def run(rows: int, users: int, duration: int, keep: Path | None = None) -> dict[str, Any]:
    """Set up, load, land the imports, tear down; the figures.

    ``keep``: a directory that receives Locust's CSV files, the server's log (one JSON line
    per request with its duration) and the per-process CPU samples, for a closer look.
    """
    import redis

    from data.db import make_engine, migrate
    from data.importer import import_file

    binary = locust_binary()
    with _common.scratch_postgres("crm_load") as url, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        engine = make_engine(url)
        migrate(engine)
        start = time.perf_counter()
        import_file(engine, _common.canonical_csv(rows, seed=7), "deals-initial.csv")
        engine.dispose()
        print(f"{rows:,} deals imported in {time.perf_counter() - start:.1f} s", flush=True)
        files = []
        for seed in (8, 9):
            path = folder / f"deals-seed{seed}.csv"
            path.write_bytes(_common.canonical_csv(rows, seed=seed))
            files.append(path)
        client = redis.Redis.from_url(REDIS_URL)
        client.flushdb()
        env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS_URL,
               "CACHE_DIR": str(folder / "cache"), "PYTHONIOENCODING": "utf-8"}
        env.pop("DEBUG", None)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        error_log = folder / "gunicorn-error.log"
        server_log = (folder / "server.log").open("wb")
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", "2",
             "-b", f"127.0.0.1:{port}", "--no-control-socket", "--error-logfile",
             str(error_log), "app:server"],
            cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT)
        try:
            _wait_ready(base, gunicorn)
            single_user_ms(base, count=6, first=40)  # each worker's first view loads the import
            cpu_before = workers_cpu_s(gunicorn.pid)
            reference = single_user_ms(base, count=11)
            home_cpu = (workers_cpu_s(gunicorn.pid) - cpu_before) / 11 * 1000
            print(f"one user, one cold Home view at a time: {reference} ms (median), "
                  f"server CPU {home_cpu:.0f} ms per view", flush=True)
            print(f"gunicorn (2 workers) on {base}; {users} users for {duration} s", flush=True)
            prefix = folder / "locust"
            windows: list[dict[str, float]] = []
            t0, t0_unix = time.monotonic(), time.time()
            cpu_before = workers_cpu_s(gunicorn.pid)
            load_before = os.getloadavg()
            sampler = ProcessCpu(gunicorn.pid)
            sampler.start()
            importer = threading.Thread(
                target=_importer,
                args=(env, files, [duration * 0.25, duration * 0.6], windows, t0), daemon=True)
            importer.start()
            locust_env = {**os.environ, "LOAD_TIMEOUT_S": "10"}
            done = subprocess.run(
                [str(binary), "-f", str(_HERE / "locustfile.py"), "--headless",
                 "-u", str(users), "-r", str(users), "-t", f"{duration}s", "-H", base,
                 "--csv", str(prefix), "--csv-full-history", "--only-summary",
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                cwd=ROOT, env=locust_env, capture_output=True, text=True,
                timeout=duration + 120, check=False)
            load_cpu = workers_cpu_s(gunicorn.pid) - cpu_before
            load_after = os.getloadavg()
            importer.join(timeout=300)
            sampler.stop()
            cores = sampler.cores(windows, t0, duration)
            if not Path(f"{prefix}_stats.csv").exists():
                raise SystemExit(f"locust failed:\n{done.stderr[-3000:]}")
            total = _aggregated(Path(f"{prefix}_stats.csv"))
            failures = _failures(Path(f"{prefix}_failures.csv"))
            p95_imports = _p95_during(Path(f"{prefix}_stats_history.csv"), windows, t0_unix)
            p95_by_name = _p95_during_by_name(Path(f"{prefix}_stats_history.csv"), windows,
                                              t0_unix)
        finally:
            _stop(gunicorn)
            server_log.close()
            client.flushdb()
            client.close()
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for kept in [*folder.glob("locust*.csv"), folder / "server.log", error_log]:
                if kept.exists():
                    (keep / kept.name).write_bytes(kept.read_bytes())
            (keep / "cpu.json").write_text(json.dumps(
                {"t0_unix": t0_unix, "windows": windows,
                 "samples": [(round(t - t0, 2), role, spent)
                             for t, role, spent in sampler.samples]}))
        log = error_log.read_text(errors="replace") if error_log.exists() else ""
    timeouts = sum(int(f["Occurrences"]) for f in failures if "timeout" in f["Error"].lower())
    errors = sum(int(f["Occurrences"]) for f in failures) - timeouts
    worker_timeouts = log.count("WORKER TIMEOUT")
    return {
        "rows": rows, "users": users, "duration_s": duration,
        "single_user_cold_home_ms": reference,
        "server_cpu_per_cold_home_ms": round(home_cpu, 1),
        "server_cpu_per_request_ms": round(load_cpu * 1000 / max(int(total["Request Count"]), 1),
                                           1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "requests": int(total["Request Count"]),
        "throughput_rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]), "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]), "max_ms": round(float(total["Max Response Time"])),
        "p95_during_imports_ms": p95_imports,
        "p95_during_imports_by_name_ms": p95_by_name,
        "cores_by_role": cores,
        "errors": errors, "timeouts": timeouts + worker_timeouts,
        "worker_timeouts": worker_timeouts,
        "failures": [{k: f[k] for k in ("Name", "Error", "Occurrences")} for f in failures][:10],
        "imports": windows,
    }


def main() -> None:
    """Parse the arguments, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--keep", type=Path, help="keep Locust's CSVs, the server log and the "
                        "CPU samples in this directory")
    args = parser.parse_args()
    result = run(args.rows, args.users, args.duration, args.keep)
    print(f"\nrequests {result['requests']}  throughput {result['throughput_rps']} req/s  "
          f"p50 {result['p50_ms']:.0f} ms  p95 {result['p95_ms']:.0f} ms  "
          f"p99 {result['p99_ms']:.0f} ms  max {result['max_ms']} ms")
    print(f"server CPU: {result['server_cpu_per_cold_home_ms']} ms per cold Home view (one "
          f"user), {result['server_cpu_per_request_ms']} ms per request under load; load "
          f"average {result['load_average_before']} before, {result['load_average_after']} "
          "after")
    print(f"p95 (rolling 10 s) during the imports: {result['p95_during_imports_ms']:.0f} ms; "
          f"errors {result['errors']}, timeouts {result['timeouts']} "
          f"(gunicorn worker timeouts {result['worker_timeouts']})")
    print(f"cores used inside the import windows: {result['cores_by_role']['imports']}; "
          f"outside: {result['cores_by_role']['rest']}")
    ok = (result["errors"] == 0 and result["timeouts"] == 0 and result["p95_ms"] < 1000
          and result["p95_during_imports_ms"] < 1000)
    print("targets (0 errors, 0 timeouts, p95 < 1 s, also during the imports): "
          + ("met" if ok else "NOT MET"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
