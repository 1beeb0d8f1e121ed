"""Component ids, one ``StrEnum`` per area, so a typo is an import error, not a dead callback."""

from __future__ import annotations

from enum import StrEnum


class Shell(StrEnum):
    """Ids of the frame every page shares (navbar, filter bar, upload, stores)."""

    URL = "shell-url"
    DATA_VERSION = "shell-data-version"
    NAV = "shell-nav"
    NOTICE = "shell-notice"
    LANG = "shell-lang"
    #: The language the frame was built in (a switch reloads the page in the other one).
    LANG_SHOWN = "shell-lang-shown"
    EMPTY = "shell-empty"
    # phones and tablets (issue 13, point 4): collapsing nav, filters off-canvas
    NAV_TOGGLE = "shell-nav-toggle"
    NAV_COLLAPSE = "shell-nav-collapse"
    FILTERS_OPEN = "shell-filters-open"
    FILTERS_CLOSE = "shell-filters-close"
    FILTERS_PANEL = "shell-filters-panel"
    FILTERS_BACKDROP = "shell-filters-backdrop"
    FILTERS_COUNT = "shell-filters-count"
    #: A filter change's page content, copied into the page in the browser (issue 16)
    RENDERED = "shell-rendered"
    #: The row last clicked in a Deals grid, written in the browser (opens it in the editor)
    PICKED_DEAL = "shell-picked-deal"
    # filter bar
    STATUS = "filter-status"
    STAGE = "filter-stage"
    SOURCE = "filter-source"
    SECTOR = "filter-sector"
    OWNER = "filter-owner"
    DATE_FIELD = "filter-date-field"
    DATES = "filter-dates"
    IMPORT = "filter-import"
    DATASET = "filter-dataset"
    AS_OF = "filter-as-of"
    AS_OF_NOTE = "filter-as-of-note"
    CURRENCY = "filter-currency"
    SEARCH = "filter-search"
    RESET = "filter-reset"
    # import flow
    OPEN_IMPORT = "import-open"
    MODAL = "import-modal"
    UPLOAD = "import-upload"
    STAGED = "import-staged"
    PREVIEW = "import-preview"
    MAPPING = "import-mapping"
    SHEET = "import-sheet"
    CONFIRM = "import-confirm"
    CANCEL = "import-cancel"
    PROGRESS = "import-progress"
    RESULT = "import-result"
    REJECTED_DOWNLOAD = "import-rejected-download"
    REJECTED_BUTTON = "import-rejected-button"
    SAMPLE = "import-sample"
    UPLOADED = "import-uploaded"
    UPLOAD_LIMIT = "import-upload-limit"
    UPLOAD_ERROR = "import-upload-error"
    REIMPORT = "import-reimport"
    OPEN_DASHBOARD = "import-open-dashboard"
    IMPORT_ANOTHER = "import-another"
    # "use it" on a proposed column (pattern id: header, field)
    PROPOSAL = "import-proposal"


class Page(StrEnum):
    """Ids shared by the content area of every page.

    Callback ids all live in these enums. Ids that only name display elements for tests and
    styling (KPI cards, charts, lists) are built next to the element they name.
    """

    CONTENT = "page-content"
    #: Charts (pattern id ``{"type": GRAPH, "name": ...}``): a click opens the bar's deals.
    GRAPH = "page-graph"


class Home(StrEnum):
    """Home page."""

    EMPTY = "home-empty"
    LOAD_SAMPLE = "home-load-sample"


class Deals(StrEnum):
    """Deals page."""

    TABLE = "deals-table"
    TOTAL = "deals-total"
    ACTIONS = "deals-actions"
    #: The grid's first page and the actions, sent with the content (one round trip, issue 16).
    FIRST = "deals-first"
    #: A page of the grid that did not come with the content: asked from the server.
    ASK = "deals-ask"
    #: Per deadline or action list (``{"type": …, "list": table id}``), kept mounted below the
    #: grid: its title, the box of its grid, its message (missing column, nothing to show) and
    #: its export buttons.
    LIST_TITLE = "deals-list-title"
    LIST_BOX = "deals-list-box"
    LIST_MESSAGE = "deals-list-message"
    LIST_EXPORT = "deals-list-export"


class Settings(StrEnum):
    """Settings page (stage probabilities and order, imports)."""

    STAGES = "settings-stages"
    SAVE = "settings-save"
    RESET = "settings-reset"
    SAVED = "settings-saved"
    IMPORTS = "settings-imports"
    DELETE = "settings-delete-import"
    # deletion: confirm, undo, restore (issue 10, point 5)
    CONFIRM = "settings-delete-confirm"
    CONFIRM_TEXT = "settings-delete-confirm-text"
    CONFIRM_YES = "settings-delete-yes"
    CONFIRM_NO = "settings-delete-no"
    PENDING = "settings-delete-pending"
    LAST_DELETED = "settings-last-deleted"
    UNDO = "settings-undo"
    DELETED_MESSAGE = "settings-deleted-message"
    RESTORE = "settings-restore-import"
    MOVE = "settings-move-import"
    # thresholds stored in the database (issue 10, point 7)
    COLD_DAYS = "settings-cold-days"
    PURGE_DAYS = "settings-purge-days"
    SAVE_THRESHOLDS = "settings-save-thresholds"
    THRESHOLDS_SAVED = "settings-thresholds-saved"


class Forecast(StrEnum):
    """Forecast page (issue 12): the calibrated-probabilities switch, kept in the URL."""

    CALIBRATED = "forecast-calibrated-switch"


class WhatIf(StrEnum):
    """What-if page (issue 12): one slider per lever, kept in the URL."""

    WIN_RATE = "whatif-win-rate"
    DEAL_SIZE = "whatif-deal-size"
    LEAD_VOLUME = "whatif-lead-volume"
    CYCLE_LENGTH = "whatif-cycle-length"
    RESET = "whatif-reset"


class Edit(StrEnum):
    """Pipeline editor (issue 14): deals kept in the app, their form, timeline, reminders."""

    STATUS = "edit-status"
    AUTHOR = "edit-author"
    NEW_NAME = "edit-new-name"
    START = "edit-start-empty"
    CONTINUE = "edit-continue-import"
    CREATED = "edit-created"
    KPIS = "edit-kpis"
    TABLE = "edit-deals-table"
    TABLE_NOTE = "edit-deals-note"
    NEW = "edit-new-deal"
    DELETED = "edit-deleted"
    RESTORE = "edit-restore-deal"
    RESTORED = "edit-restored"
    REMINDERS = "edit-reminders"
    # the deal panel: form, buttons, timeline, activity form
    PANEL = "edit-deal-panel"
    CURRENT = "edit-current-deal"
    FIELD = "edit-field"
    FEEDBACK = "edit-feedback"
    SAVE = "edit-save"
    WON = "edit-close-won"
    LOST = "edit-close-lost"
    DELETE = "edit-delete"
    MESSAGE = "edit-message"
    TIMELINE = "edit-timeline"
    ACT_KIND = "edit-activity-kind"
    ACT_DATE = "edit-activity-date"
    ACT_TEXT = "edit-activity-text"
    LOG = "edit-log-activity"
    ACT_MESSAGE = "edit-activity-message"
    STAGES = "edit-stage-options"
    OPEN = "edit-open-deal"


class Export(StrEnum):
    """Downloads and the printable report (issue 13): table exports, print, PDF."""

    #: Pattern id of an export button: ``{"type": BUTTON, "table": <table id>, "format": …}``.
    BUTTON = "export-button"
    #: The last real click of an export button (set in the browser: buttons that merely
    #: appear with new page content send no request).
    REQUEST = "export-request"
    DOWNLOAD = "export-download"
    ERROR = "export-error"
    PRINT = "export-print"
    PDF = "export-pdf"
    PDF_DOWNLOAD = "export-pdf-download"
    PDF_STATUS = "export-pdf-status"
    #: The filters written out, shown in print only.
    FILTERS = "export-filters"
    #: The whole-page Excel button's wrapper (hidden on pages without data, e.g. Settings).
    PAGE_TOOLS = "export-page-tools"
