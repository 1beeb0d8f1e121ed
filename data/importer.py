"""The one import path shared by the UI, the CLI and the sample loader.

parse (``data.ingest``) → remember the confirmed mapping → write one atomic snapshot
(``data.store``). A byte-identical file is recognised before any parsing and changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from data import store
from data.config import load_settings
from data.ingest import ImportRefused, ParsedFile, mapping_signature, parse_related, parse_upload


@dataclass
class ImportOutcome:
    """What an import did, in the shape the CLI prints and the UI shows."""

    import_id: int | None
    created: bool
    already_imported: bool
    summary: dict[str, Any] = field(default_factory=dict)
    refused: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON: ids, counts, warnings and errors (``{row, column, message}``)."""
        summary = self.summary
        return {
            "import_id": self.import_id,
            "created": self.created,
            "already_imported": self.already_imported,
            "filename": summary.get("filename"),
            "rows_total": summary.get("rows_total", 0),
            "rows_imported": summary.get("rows_imported", 0),
            "rows_rejected": summary.get("rows_rejected", 0),
            "warnings": summary.get("warnings", []),
            "errors": summary.get("errors", []),
            "mapping": summary.get("mapping", {}),
            "encoding": summary.get("encoding"),
            "delimiter": summary.get("delimiter"),
            "refused": self.refused,
            "proposals": summary.get("proposals", []),
            "join": summary.get("join"),
            "mapping_preview": summary.get("mapping_preview"),
        }


def checksum(content: bytes) -> str:
    """SHA-256 of the raw bytes: the identity of a file."""
    return hashlib.sha256(content).hexdigest()


def parse_with_memory(
    engine: Engine,
    content: bytes,
    filename: str,
    mapping: dict[str, str | None] | None = None,
    sheet: str | None = None,
    digest: str | None = None,
    default_currency: str | None = None,
) -> tuple[ParsedFile, bool]:
    """Parse, proposing the mapping last confirmed for the same headers when none is given.

    ``digest`` is the file's :func:`checksum` when the caller already has it. Amounts that
    carry no currency take ``default_currency`` (default: the ``DEFAULT_CURRENCY`` setting).
    Returns the parsed file and whether a remembered mapping was used.
    """
    digest = digest or checksum(content)
    currency = default_currency or load_settings().default_currency
    try:
        parsed = parse_upload(content, filename, mapping=mapping, sheet=sheet, checksum=digest,
                              default_currency=currency)
    except ImportRefused as refused:
        # Refused for want of a stage: a mapping confirmed for these headers may supply it.
        headers = (refused.preview or {}).get("headers")
        remembered = store.recall_mapping(engine, mapping_signature(headers)) if (
            mapping is None and headers) else None
        if not remembered:
            raise
        usable = {h: f for h, f in remembered.items() if h in set(headers or [])}
        return parse_upload(content, filename, mapping=usable, sheet=sheet, checksum=digest,
                            default_currency=currency), True
    if mapping is not None:
        return parsed, False
    remembered = store.recall_mapping(engine, parsed.mapping_signature())
    if remembered and remembered != parsed.mapping:
        headers = set(parsed.headers)
        usable = {h: f for h, f in remembered.items() if h in headers}
        if usable:
            return parse_upload(content, filename, mapping=usable, sheet=sheet,
                                checksum=digest, default_currency=currency), True
    return parsed, bool(remembered)


def import_file(
    engine: Engine,
    content: bytes,
    filename: str,
    mapping: dict[str, str | None] | None = None,
    sheet: str | None = None,
) -> ImportOutcome:
    """Import one file; refused files raise nothing and report why."""
    digest = checksum(content)
    existing = store.find_import_by_checksum(engine, digest)
    if existing is not None:
        return ImportOutcome(existing, created=False, already_imported=True,
                             summary={"filename": filename, "checksum": digest})
    try:
        parsed, _ = parse_with_memory(engine, content, filename, mapping, sheet, digest)
    except ImportRefused as refused:
        return ImportOutcome(None, created=False, already_imported=False,
                             summary={"filename": filename,
                                      "errors": [i.as_dict() for i in refused.issues],
                                      "mapping_preview": refused.preview},
                             refused=str(refused))
    result = store.save_import(engine, parsed)
    if mapping is not None:
        store.remember_mapping(engine, parsed.mapping_signature(), parsed.mapping)
    return ImportOutcome(result.import_id, created=result.created,
                         already_imported=not result.created, summary=parsed.summary())


def import_files(
    engine: Engine,
    files: list[tuple[bytes, str]],
    mapping: dict[str, str | None] | None = None,
    sheet: str | None = None,
) -> ImportOutcome:
    """Import related exports as one snapshot (deals + companies/contacts/activities joined,
    see ``data.ingest.join``); one file alone is :func:`import_file`.

    Without ``mapping``, the mapping last confirmed for the same joined headers applies.
    """
    if len(files) == 1:
        return import_file(engine, files[0][0], files[0][1], mapping, sheet)
    label = " + ".join(name for _content, name in files)
    try:
        parsed = parse_related(files, mapping=mapping, sheet=sheet,
                               default_currency=load_settings().default_currency)
        existing = store.find_import_by_checksum(engine, parsed.checksum)
        if existing is not None:
            return ImportOutcome(existing, created=False, already_imported=True,
                                 summary={"filename": label, "checksum": parsed.checksum})
        remembered = None if mapping is not None else store.recall_mapping(
            engine, parsed.mapping_signature())
        if remembered and remembered != parsed.mapping:
            usable = {h: f for h, f in remembered.items() if h in set(parsed.headers)}
            parsed = parse_related(files, mapping=usable, sheet=sheet,
                                   default_currency=load_settings().default_currency)
    except ImportRefused as refused:
        return ImportOutcome(None, created=False, already_imported=False,
                             summary={"filename": label,
                                      "errors": [i.as_dict() for i in refused.issues],
                                      "mapping_preview": refused.preview},
                             refused=str(refused))
    result = store.save_import(engine, parsed)
    if mapping is not None:
        store.remember_mapping(engine, parsed.mapping_signature(), parsed.mapping)
    return ImportOutcome(result.import_id, created=result.created,
                         already_imported=not result.created, summary=parsed.summary())
