"""Turn uploaded bytes (.txt in any common Chinese encoding, .docx) or pasted text into canonical plan text."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from .errors import PlanReadError
from .normalise import normalise_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_MAGIC_NAMES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel (.doc/.xls) file"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
)
_TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
_DOCX_SUFFIXES = {".docx", ".docm"}


@dataclass(frozen=True)
class PlanSource:
    """Canonical plan text and how the file was read: 'docx', or the text encoding that decoded it."""

    text: str
    encoding: str


def read_plan_bytes(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode an uploaded plan file into canonical text; raise PlanReadError with a human message."""
    return read_plan_source(data, filename, max_bytes).text


def read_plan_source(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> PlanSource:
    """Like read_plan_bytes, also telling which encoding (or 'docx') the file was read as."""
    _check_size(len(data), max_bytes)
    if not data.strip():
        raise PlanReadError("The file is empty.", "empty")
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in _DOCX_SUFFIXES or (suffix not in _TEXT_SUFFIXES and data.startswith(_ZIP_MAGIC)):
        text, encoding = _docx_text(data), "docx"
    elif suffix in _TEXT_SUFFIXES or _sniff(data) is None:
        text, encoding = _decode_text(data)
    else:
        raise PlanReadError(
            "Unsupported file type %(suffix)s: upload a .txt or .docx file.", "unsupported", suffix=suffix
        )
    return PlanSource(read_plan_text(text, max_bytes), encoding)


def read_plan_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Normalise pasted text; raise PlanReadError when it is empty or too large."""
    _check_size(len(text), max_bytes)
    if "\x00" in text:
        raise PlanReadError("The text contains binary data, not a plan.", "binary")
    normalised = normalise_text(text)
    if not normalised:
        raise PlanReadError("The file is empty.", "empty")
    return normalised


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PlanReadError(
            "The file is too large (%(size_mb).1f MB); the limit is %(limit_mb).1f MB.",
            "too_large",
            size_mb=size / 1024 / 1024,
            limit_mb=max_bytes / 1024 / 1024,
        )


def _sniff(data: bytes) -> str | None:
    for magic, name in _MAGIC_NAMES:
        if data.startswith(magic):
            return name
    return None


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode" encoding is UTF-16 with a byte-order mark and full of NUL bytes.
        return (_strict(data, "utf-16") or _binary(data)), "utf-16"
    kind = _sniff(data)
    if kind or b"\x00" in data:
        _binary(data, kind)
    for encoding in ("utf-8-sig", "gb18030"):
        text = _strict(data, encoding)
        if text is not None and not _looks_binary(text):
            if encoding == "utf-8-sig":
                encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
            return text, encoding
    return _guessed(data)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guessed(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or _looks_binary(str(best)):
        _binary(data)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text if c < " " and c not in "\n\r\t\x0c")
    return controls > max(8, len(text) // 100)


def _binary(data: bytes, kind: str | None = None) -> str:
    if kind:
        raise PlanReadError("This file is %(kind)s, not a text plan: upload a .txt or .docx file.", "binary", kind=kind)
    raise PlanReadError("This file is binary or in an unknown encoding, not a text plan.", "binary")


def _docx_text(data: bytes) -> str:
    if not data.startswith(_ZIP_MAGIC):
        kind = _sniff(data)
        if kind:
            raise PlanReadError("This file is %(kind)s renamed to .docx, not a Word document.", "not_docx", kind=kind)
        raise PlanReadError("This file is not a valid Word (.docx) document.", "not_docx")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many unrelated types for a broken package
        raise PlanReadError("This file is not a valid Word (.docx) document.", "not_docx") from exc
    return "\n".join(_docx_blocks(document))


def _docx_blocks(document: object) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: object) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = _unique_cells(cell.text.strip() for cell in row.cells)
        if not cells:
            continue
        label, rest = cells[0], cells[1:]
        # A two-column "组长 | 张三" row reads like the "组长：张三" line it replaces.
        if rest and len(label) <= 8 and not any(p in label for p in "，。；：,;:"):
            lines.append(f"{label}：{'、'.join(rest)}")
        else:
            lines.append(" ".join(cells))
    return lines


def _unique_cells(texts: object) -> list[str]:
    # Merged cells repeat their text once per spanned column.
    cells: list[str] = []
    for text in texts:  # type: ignore[attr-defined]
        if text and (not cells or cells[-1] != text):
            cells.append(text)
    return cells
