"""Locust users for ``bench/load.py``: page views and filter changes as the browser sends them.

Standalone (only Locust is needed; it runs in its own virtual environment, see
``bench/requirements-load.txt``). A user opens a page (GET of the page, then the filter-bar and
page-content callbacks POSTed to ``/_dash-update-component`` with the bodies the Dash renderer
sends, built from ``/_dash-dependencies``) or changes a filter on the page it is on (the same
callbacks with a new query string). A response that is not a 200, or whose body carries the
app's error notice, is a failure; a request that takes longer than ``LOAD_TIMEOUT_S`` is a
failure named ``timeout``.
"""

from __future__ import annotations

import os
import random
from typing import Any
from urllib.parse import urlencode

from locust import HttpUser, between, task

PAGES = ("/", "/pipeline", "/marketing", "/forecast", "/deals")
# Values of the generated deals (bench/_common.py), and one that matches nothing.
SOURCES = ("LinkedIn", "Salon", "Site web", "Recommandation", "Partenaire", "Emailing", "Fax")
STAGES = ("Prospect", "Qualifié", "Proposition", "Négociation")
OWNERS = ("Sarah Bernard", "Hugo Roux", "Léa Fournier", "Paul Simon")
TIMEOUT_S = float(os.environ.get("LOAD_TIMEOUT_S", "10"))
_DEPENDENCIES: list[dict[str, Any]] = []


def _query(rng: random.Random) -> str:
    pairs: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        pairs.append(("source", rng.choice(SOURCES)))
    if rng.random() < 0.4:
        pairs += [("stage", s) for s in rng.sample(STAGES, rng.randint(1, 2))]
    if rng.random() < 0.3:
        pairs.append(("owner", rng.choice(OWNERS)))
    if rng.random() < 0.2:
        pairs.append(("from", f"2025-{rng.randint(1, 12):02d}-01"))
    if rng.random() < 0.1:
        pairs.append(("q", rng.choice(("Atlas", "Lumen", "Affaire 12", "Ann"))))
    return "?" + urlencode(pairs) if pairs else ""


class DashUser(HttpUser):
    """One browser tab: page views and filter changes."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        """Read the callback graph once (the renderer does the same on load)."""
        self.rng = random.Random()
        self.path = "/"
        self.search = ""
        if not _DEPENDENCIES:
            response = self.client.get("/_dash-dependencies", name="/_dash-dependencies")
            _DEPENDENCIES.extend(response.json())

    def _callback(self, output_prefix: str, values: dict[str, Any], name: str) -> None:
        spec = next(d for d in _DEPENDENCIES if d["output"].startswith(output_prefix))

        def items(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{"id": e["id"], "property": e["property"],
                     "value": values.get(f"{e['id']}.{e['property']}")} for e in entries]

        outputs = []
        for part in spec["output"].strip(".").split("..."):
            ident, prop = part.rsplit(".", 1)
            outputs.append({"id": ident, "property": prop.split("@")[0]})
        body = {"output": spec["output"],
                "outputs": outputs[0] if len(outputs) == 1 else outputs,
                "inputs": items(spec["inputs"]), "state": items(spec.get("state", [])),
                "changedPropIds": ["shell-url.search"]}
        try:
            with self.client.post("/_dash-update-component", json=body, name=name,
                                  timeout=TIMEOUT_S, catch_response=True) as response:
                if response.status_code == 0:  # no answer: read timeout or connection error
                    kind = "timeout" if "timeout" in repr(response.error).lower() else "error"
                    response.failure(f"{kind}: {response.error!r}")
                elif response.status_code not in (200, 204):
                    response.failure(f"HTTP {response.status_code}")
                elif "page-error" in response.text or "could not be loaded" in response.text:
                    response.failure("error notice in the page")
        except Exception as error:  # noqa: BLE001 - reported to Locust as a failure
            self.environment.events.request.fire(
                request_type="POST", name=name, response_time=TIMEOUT_S * 1000,
                response_length=0, exception=error, context={})

    def _show(self) -> None:
        version = {"shell-data-version.data": 1}
        search = {"shell-url.search": self.search, "shell-url.pathname": self.path}
        self._callback("..shell-url.search...", {**search, **version,
                                                  "filter-date-field.value": "created"},
                       "filter bar")
        self._callback("page-content.children", {**search, **version}, f"content {self.path}")
        if self.path == "/deals":
            self._deals_view()

    def _deals_view(self) -> None:
        """The Deals grid's request for its first page (rows, total line and actions)."""
        grid = {"type": "deals-table", "view": "load"}  # the server does not read the view
        spec = next(d for d in _DEPENDENCIES if '"deals-table"' in d["output"]
                    and "getRowsResponse" in d["output"])
        request = {"startRow": 0, "endRow": 25, "sortModel": [], "filterModel": {}}
        body = {"output": spec["output"],
                "outputs": [[{"id": grid, "property": "getRowsResponse"}],
                            [{"id": {**grid, "type": "deals-total"}, "property": "children"}],
                            {"id": "deals-actions", "property": "children"}],
                "inputs": [[{"id": grid, "property": "getRowsRequest", "value": request}]],
                "state": [{"id": "shell-url", "property": "search", "value": self.search}],
                "changedPropIds": ['{"type":"deals-table","view":"load"}.getRowsRequest']}
        with self.client.post("/_dash-update-component", json=body, name="deals view",
                              timeout=TIMEOUT_S, catch_response=True) as response:
            if response.status_code not in (200, 204) or "could not be loaded" in response.text:
                response.failure(f"HTTP {response.status_code}")

    @task(2)
    def view_page(self) -> None:
        """Open a page (its HTML, then the callbacks the renderer sends)."""
        self.path = self.rng.choice(PAGES)
        self.client.get(self.path + self.search, name="GET page", timeout=TIMEOUT_S)
        self._show()

    @task(3)
    def change_filter(self) -> None:
        """Change the filters on the current page."""
        self.search = _query(self.rng)
        self._show()
