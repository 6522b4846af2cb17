"""Reading an uploaded register file and importing it: preview first, then all rows or none."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from liujiguan.script import to_hans

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312
PREVIEW_ROWS = 200


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, unknown encoding, no rows, missing columns)."""


@dataclass
class RowError:
    row: int | None  # line in the spreadsheet, the header being line 1
    column: str
    message: str


@dataclass
class ImportOutcome:
    headers: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # preview: {"line", "action", "values"}
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def decode_csv(content: bytes) -> str:
    """UTF-8 with or without a byte-order mark, else GB18030/GBK (what Excel writes on Chinese Windows)."""
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file's text encoding could not be read. Save it as UTF-8 or GBK csv, or as xlsx."))


def dataset_read(*, content: bytes, name: str) -> tablib.Dataset:
    """A tablib Dataset from xlsx or csv bytes, with blank rows dropped and headings trimmed."""
    lower = (name or "").lower()
    if content.startswith(XLSX_MAGIC):
        try:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception:
            raise ImportFileError(_("The workbook could not be opened. Is it a valid .xlsx file?")) from None
    elif content.startswith(OLE_MAGIC) or lower.endswith(".xls"):
        raise ImportFileError(_("Old .xls workbooks are not supported: save the file as .xlsx or .csv."))
    elif lower.endswith(".csv") or lower.endswith(".txt") or not lower.rpartition(".")[1]:
        if b"\x00" in content[:1024]:
            raise ImportFileError(_("This is not a csv or xlsx file."))
        text = decode_csv(content)
        try:
            dataset = tablib.Dataset().load(text, format="csv")
        except Exception:
            raise ImportFileError(_("The csv file could not be read.")) from None
    else:
        raise ImportFileError(_("This is not a csv or xlsx file."))
    if not dataset.headers:
        raise ImportFileError(_("The file has no heading row."))
    dataset.headers = [str(h or "").strip().lstrip("\ufeff") for h in dataset.headers]
    blank = [i for i, row in enumerate(dataset) if all(v in (None, "") or str(v).strip() == "" for v in row)]
    for index in reversed(blank):
        del dataset[index]
    if not len(dataset):
        raise ImportFileError(_("The file has no rows to import."))
    return dataset


def _normalise_headers(dataset, resource_class, resource) -> list[str]:
    """Rename headings to this language's column names; return headings that were not recognised."""
    aliases = resource_class.header_aliases()
    headers, unknown = [], []
    for heading in dataset.headers:
        name = aliases.get(heading.lower()) or aliases.get(to_hans(heading).lower())
        if name is None:
            unknown.append(heading)
            headers.append(heading)
        else:
            headers.append(resource.fields[name].column_name)
    dataset.headers = headers
    return unknown


def register_import(*, resource_class, content: bytes, name: str, user, commit: bool) -> ImportOutcome:
    """Check (and with `commit`, save) a register file. Any error anywhere means nothing is saved."""
    dataset = dataset_read(content=content, name=name)
    resource = resource_class.build(user=user)
    outcome = ImportOutcome()
    unknown = _normalise_headers(dataset, resource_class, resource)
    missing = [
        resource.fields[k].column_name
        for k in resource_class.key_fields
        if resource.fields[k].column_name not in dataset.headers
    ]
    if missing:
        raise ImportFileError(_("Required columns are missing: %(columns)s.") % {"columns": "、".join(missing)})
    outcome.headers = [h for h in dataset.headers if h not in unknown]
    for heading in unknown:
        outcome.warnings.append(RowError(None, heading, _("This column is not known and is ignored.")))

    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=not commit,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        for row_number, row_errors in result.row_errors():
            for error in row_errors:
                outcome.errors.append(
                    RowError(row_number + 1, "", _("This row could not be saved: %(error)s") % {"error": error.error})
                )
        for invalid in result.invalid_rows:
            for attribute, messages in invalid.error_dict.items():
                column = "" if attribute == NON_FIELD_ERRORS else resource.column_of(attribute)
                for message in messages:
                    outcome.errors.append(RowError(invalid.number + 1, column, str(message)))
        for error in result.base_errors:
            outcome.errors.append(RowError(None, "", str(error.error)))
        if commit and outcome.errors:
            transaction.set_rollback(True)
        outcome.committed = commit and not outcome.errors

    outcome.errors.sort(key=lambda e: (e.row or 0, e.column))
    labels = {
        RowResult.IMPORT_TYPE_NEW: _("new"),
        RowResult.IMPORT_TYPE_UPDATE: _("update"),
        RowResult.IMPORT_TYPE_SKIP: _("unchanged"),
        RowResult.IMPORT_TYPE_ERROR: _("error"),
        RowResult.IMPORT_TYPE_INVALID: _("error"),
    }
    for number, (row_result, values) in enumerate(zip(result.rows, dataset, strict=False), start=2):
        if len(outcome.rows) >= PREVIEW_ROWS:
            break
        shown = dict(zip(dataset.headers, values, strict=False))
        outcome.rows.append(
            {
                "line": number,
                "action": labels.get(row_result.import_type, row_result.import_type),
                "values": [shown.get(h, "") for h in outcome.headers],
                "is_error": row_result.import_type in (RowResult.IMPORT_TYPE_ERROR, RowResult.IMPORT_TYPE_INVALID),
            }
        )
    outcome.totals = {
        "new": result.totals.get(RowResult.IMPORT_TYPE_NEW, 0),
        "update": result.totals.get(RowResult.IMPORT_TYPE_UPDATE, 0),
        "unchanged": result.totals.get(RowResult.IMPORT_TYPE_SKIP, 0),
        "errors": len(outcome.errors),
        "rows": len(dataset),
    }
    return outcome


def dataset_export(*, resource_class, queryset, user, file_format: str) -> bytes:
    """The list as xlsx or csv (UTF-8 with a byte-order mark, so that Excel shows Chinese correctly)."""
    resource = resource_class.build(user=user)
    dataset = resource.export(queryset=queryset)
    if file_format == "xlsx":
        return dataset.export("xlsx")
    return dataset.export("csv").encode("utf-8-sig")
