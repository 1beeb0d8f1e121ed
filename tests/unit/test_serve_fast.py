"""Issue 16: what the server sends to the browser — compressed, cacheable, one plotly.js, no
babel polyfill."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    """A test client of a fresh app on its own SQLite file."""
    from app import create_app
    from data.config import load_settings

    app = create_app(load_settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                   cache_dir=str(tmp_path / "cache"), redis_url=None))
    return app.server.test_client()


def _scripts(client: FlaskClient) -> list[str]:
    page = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    return re.findall(r'<script src="([^"]+)"', page)


def test_index_and_scripts_are_compressed(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert page.status_code == 200 and page.headers.get("Content-Encoding") in {"zstd", "br"}
    renderer = next(s for s in _scripts(client) if "dash_renderer" in s)
    plain = client.get(renderer, headers={"Accept-Encoding": "identity"})
    packed = client.get(renderer, headers={"Accept-Encoding": "br"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_fingerprinted_asset_kept_a_year_and_bundle_replaces_full_plotly(
        client: FlaskClient) -> None:
    scripts = _scripts(client)
    bundle = [s for s in scripts if "/assets/vendor/plotly-" in s]
    assert len(bundle) == 1 and "?m=" in bundle[0], scripts
    # dcc.Graph fetches the full bundle only when window.Plotly is undefined; the page defines
    # it from assets/ and does not list the full one.
    assert not any("package_data/plotly.min.js" in s for s in scripts), scripts
    # listed up front but deferred: evaluated while the layout request is on the way
    page = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    assert f'<script src="{bundle[0]}" defer></script>' in page
    response = client.get(bundle[0], headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.cache_control.max_age == 31_536_000 and response.cache_control.immutable
    unversioned = client.get(bundle[0].split("?")[0])
    assert unversioned.cache_control.max_age != 31_536_000


def test_no_babel_polyfill_and_regenerator_runtime_still_defined(client: FlaskClient) -> None:
    """Dash's @babel/polyfill is not sent (modern browsers need none of it); the global
    ``regeneratorRuntime`` that Dash's bundles' lazy loaders call is still defined by a script
    of the page (dash-bootstrap-components' bundle): without it, no lazy component loads."""
    scripts = _scripts(client)
    assert scripts and not any("polyfill" in s for s in scripts), scripts
    defines = [s for s in scripts
               if "regeneratorRuntime=" in client.get(s).get_data(as_text=True)]
    assert defines, "no script of the page defines regeneratorRuntime: keep the polyfill"



def test_dash_is_set_up_before_the_first_request(tmp_path: Path) -> None:
    """Dash's first-request setup (callback map, pages router) already ran in ``create_app``,
    so threads serving their first requests at once all see the same, complete callbacks."""
    from concurrent.futures import ThreadPoolExecutor

    from app import create_app
    from data.config import load_settings

    app = create_app(load_settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                   cache_dir=str(tmp_path / "cache"), redis_url=None))
    assert app._got_first_request["setup_server"] and app._got_first_request["pages"]

    def dependencies(_: int) -> str:
        return str(app.server.test_client().get("/_dash-dependencies").get_data(as_text=True))

    with ThreadPoolExecutor(8) as pool:
        answers = set(pool.map(dependencies, range(16)))
    assert len(answers) == 1
    assert "_pages_location" in next(iter(answers))  # the pages router is among them


def _lazy_block(client: FlaskClient, path: str) -> dict[str, dict[str, object]]:
    import json

    from app import LAZY_BLOCK_ID

    page = client.get(path, headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    found = re.search(rf'<script id="{LAZY_BLOCK_ID}" type="application/json">(.*?)</script>',
                      page)
    assert found, "no lazy-bundles block in the page"
    return dict(json.loads(found.group(1)))


def test_grid_bundle_only_where_a_grid_is_drawn(client: FlaskClient) -> None:
    """Home (no grid) does not list AG Grid's 1.3 MB bundle (nor the unused dash_table's): the page
    names them for assets/lazybundles.js, with their components' props for Dash's check of
    the callbacks. A grid page lists the grid's bundle up front."""
    home = _scripts(client)
    assert not any("/dash_ag_grid/" in s or "/dash_table/" in s for s in home), home
    lazy = _lazy_block(client, "/")
    assert set(lazy) == {"dash_ag_grid", "dash_table"}
    grid = lazy["dash_ag_grid"]
    urls = grid["urls"]
    assert isinstance(urls, list) and len(urls) == 1 and "/dash_ag_grid/" in urls[0]
    assert client.get(urls[0]).status_code == 200  # the URL the browser will load
    props = grid["components"]
    assert isinstance(props, dict) and {"rowData", "columnDefs", "id"} <= set(props["AgGrid"])

    for path in ("/deals", "/settings", "/marketing", "/forecast"):
        page = client.get(path, headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
        listed = re.findall(r'<script src="([^"]+)"', page)
        assert sum("/dash_ag_grid/" in s for s in listed) == 1, (path, listed)
        assert set(_lazy_block(client, path)) == {"dash_table"}


def test_static_files_compressed_once_per_process(client: FlaskClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle is brotli-compressed on its first request only; later requests get the same
    bytes (and a gzip-only browser its own gzip body)."""
    import brotli

    calls: list[int] = []
    compress = brotli.compress

    def counted(data: bytes, **kwargs: object) -> bytes:
        calls.append(len(data))
        return bytes(compress(data, **kwargs))

    monkeypatch.setattr(brotli, "compress", counted)
    plotly = next(s for s in _scripts(client) if "/assets/vendor/plotly-" in s)
    renderer = next(s for s in _scripts(client) if "dash_renderer" in s)
    bodies = []
    for _ in range(3):
        for url in (plotly, renderer):
            answer = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
            assert answer.headers["Content-Encoding"] == "br"
            assert int(answer.headers["Content-Length"]) == len(answer.get_data())
            bodies.append(answer.get_data())
    assert len(calls) == 2 and bodies[:2] == bodies[2:4] == bodies[4:]
    plain = client.get(plotly, headers={"Accept-Encoding": "identity"}).get_data()
    assert brotli.decompress(bodies[0]) == plain
    gzipped = client.get(plotly, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
