"""Entry point: ``python app.py`` serves the dashboard; ``server`` is the WSGI app for gunicorn.

``create_app(settings)`` builds a fresh Dash app (tests build one per test): it migrates the
database, binds the shared cache, sets the shell layout and registers the callbacks. Importing
this module touches no database: the default ``app`` and ``server`` are built on first access
(``gunicorn app:server`` reads ``server`` in each worker, after ``gunicorn.conf.py``'s
``on_starting`` has migrated once in the master; ``python -m data migrate`` does it by hand).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import re
import threading
from pathlib import Path
from typing import Any

import brotli
import dash
from dash import Dash
from flask import Flask, Response, has_request_context, request
from flask_caching import Cache
from flask_compress import Compress

from callbacks import register_callbacks
from callbacks.background import background_manager
from callbacks.context import shell_lang
from callbacks.errors import report_callback_error
from callbacks.ops import configure_logging
from callbacks.security import register as harden
from data.config import Settings, check_for_start, load_settings
from data.db import make_engine, migrate
from data.signed_cache import cache_config
from data.snapshots import SnapshotManager
from data.staging import max_upload_bytes
from layouts.shell import shell

ROOT = Path(__file__).resolve().parent


def _cache_config(settings: Settings) -> dict[str, object]:
    """Signed RedisCache with ``REDIS_URL``, else a signed FileSystemCache (no pickles)."""
    return cache_config(redis_url=settings.redis_url, cache_dir=settings.cache_dir,
                        timeout_s=settings.cache_timeout_s,
                        secret=settings.cache_key or settings.secret_key)


def serve_fast(server: Flask) -> None:
    """Compressed responses, and a year of browser cache for fingerprinted assets.

    Dash already gives its component bundles a year when their URL is fingerprinted; files of
    ``assets/`` are linked as ``/assets/<file>?m=<mtime>``, a new URL whenever they change, so
    they can be kept as long. Measured in ``bench/browser.py`` (see the README).

    Static files are compressed once per process and kept (``_packed``): Flask-Compress
    compressed each of the ~26 of a first view again per request (20 ms of a web worker's CPU
    per first view, on the cores the browser uses too), the assets in many small streamed
    chunks, so the scripts a page waits for arrived later.
    """
    server.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    Compress(server)
    packed: dict[tuple[str, str], bytes] = {}  # (full path, encoding) → body; this app's files
    lock = threading.Lock()

    @server.after_request
    def cache_fingerprinted(response: Response) -> Response:
        fingerprinted = request.path.startswith("/assets/") and "m" in request.args
        if fingerprinted and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = 31_536_000
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        static = fingerprinted or request.path.startswith("/_dash-component-suites/")
        if static and request.method == "GET" and response.status_code == 200:
            _packed(response, packed, lock, server.config)
        return response  # Flask-Compress (run next) leaves an encoded response as it is


def _packed(response: Response, packed: dict[tuple[str, str], bytes], lock: threading.Lock,
            config: Any) -> None:
    """``response`` (a static file) brotli- or gzip-encoded from ``packed``, compressed on
    its first request only; left to Flask-Compress when the browser accepts neither.
    """
    accepted = {part.split(";")[0].strip() for part in
                request.headers.get("Accept-Encoding", "").lower().split(",")}
    encoding = next((name for name in ("br", "gzip") if name in accepted), None)
    if (encoding is None or "Content-Encoding" in response.headers
            or response.mimetype not in _PACKED_TYPES):
        return
    key = (request.full_path, encoding)
    body = packed.get(key)
    if body is None:
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < config.get("COMPRESS_MIN_SIZE", 1024):
            return
        body = (brotli.compress(data, quality=config.get("COMPRESS_BR_LEVEL", 4))
                if encoding == "br" else gzip.compress(data, config.get("COMPRESS_LEVEL", 6)))
        with lock:
            packed[key] = body
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(f"{etag}:{encoding}")


_PACKED_TYPES = {"application/javascript", "text/javascript", "text/css", "application/json"}


#: Dash lists @babel/polyfill (core-js and a regenerator runtime for old browsers) first of
#: its scripts. The browsers Dash 4 supports have every feature core-js fills in, and the
#: dash-bootstrap-components bundle defines the global ``regeneratorRuntime`` the other
#: bundles' lazy loaders use (``tests/unit/test_serve_fast.py`` checks that it still does).
_POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\n?')
#: The plotly.js bundle of ``assets/vendor/``: deferred, it is evaluated while the layout and
#: the first callbacks are on the way (no chart is drawn before they are answered, and
#: ``dcc.Graph`` only falls back to its own plotly.js when ``window.Plotly`` is undefined then).
_PLOTLY = re.compile(r'(<script src="[^"]*/assets/vendor/plotly-[^"]*")></script>')
#: ``assets/prefetch.js`` asks for the layout and the callback list: first of the scripts, so
#: the server answers them while the bundles load and are evaluated.
_PREFETCH = re.compile(r'<script src="[^"]*/assets/prefetch\.js[^"]*"></script>\n?')
#: Component bundles some views do not draw, by namespace: AG Grid (1.3 MB, 60 ms of evaluation
#: and more of compiling on every traced first view; Home has no grid, the import preview
#: shows one after a drop) and dash_table (drawn by no view). Left out of the other
#: pages' scripts; ``assets/lazybundles.js`` loads one before Dash sees the first response
#: naming its namespace (navigation to a grid page, a drop), from the URLs listed in the page.
#: namespace → (URL prefix of its scripts, module of its component classes)
_LAZY = {"dash_ag_grid": ("/_dash-component-suites/dash_ag_grid/", "dash_ag_grid"),
         "dash_table": ("/_dash-component-suites/dash/dash_table/", "dash.dash_table")}
_LAZY_SCRIPT = re.compile(r'<script src="([^"]*('
                          + "|".join(re.escape(prefix) for prefix, _module in _LAZY.values())
                          + r')[^"]*)"></script>\n?')
#: Pages whose first view draws no grid (every other page has one): only their index leaves
#: the AG Grid bundle out. A new page gets it up front, so its grid never waits for it after
#: its content arrives; a grid that appears here later (navigation, a drop) waits for it.
GRIDLESS_PAGES = ("/",)
LAZY_BLOCK_ID = "crm-lazy-bundles"


def lazy_props() -> dict[str, dict[str, list[str]]]:
    """Per lazy namespace, its component types and their props.

    Dash checks every callback's props against the validation layout (every page's
    components, grids included) when a page starts; until its bundle is loaded, a namespace is
    a stand-in with these props (``assets/lazybundles.js``), so the check stays as strict.
    """
    from dash.development.base_component import Component

    out: dict[str, dict[str, list[str]]] = {}
    for namespace, (_prefix, module_name) in _LAZY.items():
        module = importlib.import_module(module_name)
        classes = [cls for cls in vars(module).values() if isinstance(cls, type)
                   and issubclass(cls, Component) and getattr(cls, "_namespace", None) == namespace]
        out[namespace] = {}
        for cls in classes:
            sample = cls()  # the prop lists are set on instances
            out[namespace][cls._type] = [*sample._prop_names, *(
                wildcard + "*" for wildcard in sample.available_wildcard_properties)]
    return out


def lazy_bundles(scripts: str, path: str, props: dict[str, dict[str, list[str]]]) -> str:
    """``scripts`` without the bundles ``path`` does not need up front, plus a JSON block
    naming them (namespace → script URLs and component props) for ``assets/lazybundles.js``.
    """
    eager = set() if (path.rstrip("/") or "/") in GRIDLESS_PAGES else {"dash_ag_grid"}
    prefixes = {prefix: name for name, (prefix, _module) in _LAZY.items() if name not in eager}
    lazy: dict[str, dict[str, Any]] = {}

    def drop(match: re.Match[str]) -> str:
        name = prefixes.get(match.group(2))
        if name is None:
            return match.group(0)
        entry = lazy.setdefault(name, {"urls": [], "components": props.get(name, {})})
        entry["urls"].append(match.group(1))
        return ""

    kept = _LAZY_SCRIPT.sub(drop, scripts)
    block = json.dumps(lazy).replace("</", "<\\/")
    return f'<script id="{LAZY_BLOCK_ID}" type="application/json">{block}</script>\n' + kept


def modern_scripts(app: Dash) -> None:
    """The page without Dash's @babel/polyfill script, with plotly.js deferred, the grid
    bundle only where a grid is drawn and the layout asked for first (issue 16: 0.19 s,
    0.18 s and 0.1 s of script evaluation before the layout was requested, on a traced first
    view).
    """
    original = app.interpolate_index
    props = lazy_props()

    def interpolate_index(**kwargs: Any) -> str:
        scripts = _POLYFILL.sub("", str(kwargs.get("scripts", "")))
        scripts = lazy_bundles(scripts, request.path if has_request_context() else "/", props)
        scripts = _PLOTLY.sub(r"\1 defer></script>", scripts)
        first = _PREFETCH.search(scripts)
        if first:
            scripts = first.group(0) + scripts[:first.start()] + scripts[first.end():]
        kwargs["scripts"] = scripts
        return str(original(**kwargs))  # type: ignore[no-untyped-call]

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]


def code_version() -> str:
    """Hash of the code that shapes cached aggregates and rendered components.

    Part of every cache key: after a deploy, nothing computed by the previous code is served.
    """
    digest = hashlib.sha1()
    for folder in ("data", "layouts", "callbacks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Dash app for ``settings`` (read from the environment when omitted)."""
    settings = settings or load_settings()
    check_for_start(settings)  # no public default secret off localhost: refuse to start
    engine = make_engine(settings.database_url)
    if settings.migrates_on_start:  # off the laptop, a deploy runs `python -m data migrate`
        migrate(engine)

    Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
    background = background_manager(settings)  # Celery with REDIS_URL, else diskcache

    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        title="CRM Dashboard",
        background_callback_manager=background,
        suppress_callback_exceptions=False,
        update_title=None,  # type: ignore[arg-type]  # documented: None keeps the title
        on_error=report_callback_error,
    )
    server = app.server
    server.config["SECRET_KEY"] = settings.secret_key
    # Uploads arrive base64-encoded in a callback request: refuse larger bodies unread.
    server.config["MAX_CONTENT_LENGTH"] = max_upload_bytes(settings) * 4 // 3 + 2**20
    serve_fast(server)
    modern_scripts(app)
    cache = Cache(config=_cache_config(settings))
    cache.init_app(server)
    server.extensions["crm"] = {
        "settings": settings,
        "background": background,
        "engine": engine,
        "manager": SnapshotManager(
            engine, cache, settings.cache_timeout_s, code_version(),
            reader=make_engine(settings.database_url, settings.statement_timeout_ms),
            frames_dir=Path(settings.cache_dir) / "frames",
        ),
    }

    def frame() -> Any:
        """The shell, built per page load in the user's language (``shell_lang``)."""
        return shell(dash.page_container, shell_lang())

    app.layout = frame
    register_callbacks(app)
    harden(app, settings)
    _set_up_dash_now(app)
    return app


def _set_up_dash_now(app: Dash) -> None:
    """Run Dash's first-request setup (callback map, pages router) once, here, in one thread.

    Dash runs it from ``before_request`` behind a check-then-set flag: under gunicorn's threads
    two first requests raced, one serving while the other still built the callback map
    ("dictionary changed size during iteration"; a page that never drew).
    """
    with app.server.test_request_context("/"):
        for hook in app.server.before_request_funcs.get(None, []):
            if getattr(hook, "__module__", "") == "dash.dash":
                hook()


_default: list[Dash] = []
_default_lock = threading.Lock()


def default_app() -> Dash:
    """The app of this process built from the environment, on first call (once per process)."""
    with _default_lock:
        if not _default:
            _default.append(create_app())
        return _default[0]


def __getattr__(name: str) -> Any:
    """``app`` and ``server`` of the default app, built when first asked (PEP 562)."""
    if name == "app":
        return default_app()
    if name == "server":
        return default_app().server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    configure_logging()
    _app = default_app()
    _settings: Settings = _app.server.extensions["crm"]["settings"]
    _app.run(host=_settings.host, port=_settings.port, debug=_settings.debug)
