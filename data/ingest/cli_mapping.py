"""The mapping given on the command line: ``--map "Header=field"`` and ``--mapping FILE.json``.

The CLI takes the same mapping as the import dialog (header → field, or nothing to ignore the
column); this module turns the arguments into it and says clearly what is wrong with them.
"""

from __future__ import annotations

import json
from pathlib import Path

from data.ingest.headers import mapping_choices
from data.ingest.labels import field_from_name, short_label

#: Words that mean "ignore this column" on the command line.
IGNORE_WORDS = frozenset({"", "none", "null", "ignore", "-"})


def _field(value: object, where: str) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if text.lower() in IGNORE_WORDS:
        return None
    field = text if text in mapping_choices() else field_from_name(text)
    if field is None or field not in mapping_choices():
        names = ", ".join(f'"{short_label(name)}"' for name in mapping_choices())
        raise ValueError(f"{where}: unknown field {text!r}; choose one of {names} (or 'ignore').")
    return field


def parse_cli_mapping(
    pairs: list[str] | None, mapping_file: str | None
) -> dict[str, str | None] | None:
    """``--mapping`` file first, then each ``--map`` on top; None when neither is given.

    The JSON file holds ``{"Header": "field" | null, …}``, or an import report (its
    ``"mapping"`` key is used), so a mapping saved from one import can be replayed.

    Raises:
        ValueError: A pair without "=", an unknown field, an unreadable or malformed file.
    """
    if not pairs and not mapping_file:
        return None
    mapping: dict[str, str | None] = {}
    if mapping_file:
        path = Path(mapping_file)
        try:
            loaded = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            raise ValueError(f"--mapping {path}: cannot read a JSON mapping ({error})") from error
        if isinstance(loaded, dict) and isinstance(loaded.get("mapping"), dict):
            loaded = loaded["mapping"]
        if not isinstance(loaded, dict):
            raise ValueError(f'--mapping {path}: expected {{"Header": "field", ...}}')
        for header, value in loaded.items():
            mapping[str(header)] = _field(value, f"--mapping {path}, {header!r}")
    for pair in pairs or []:
        header, sep, value = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValueError(f'--map {pair!r}: expected "Header=field" (e.g. "Sales stage=stage")')
        mapping[header.strip()] = _field(value, f"--map {pair!r}")
    return mapping
