"""Loading corpus fixtures: each plan file with a hand-written NNN_name.expected.json next to it."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx

CORPUS = Path(__file__).parent / "corpus"
SEED = CORPUS / "000_seed_hant.txt"


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict[str, Any]

    @property
    def source(self) -> Path:
        return CORPUS / self.expected["source"]

    def upload(self) -> tuple[bytes, str]:
        """The bytes and file name a user would upload for this case."""
        if self.expected.get("read_as") == "docx":
            return docx_from_text(self.source.read_text(encoding="utf-8")), self.source.stem + ".docx"
        return self.source.read_bytes(), self.source.name


def cases() -> list[Case]:
    found = []
    for path in sorted(CORPUS.glob("*.expected.json")):
        found.append(Case(path.name.removesuffix(".expected.json"), json.loads(path.read_text(encoding="utf-8"))))
    return found


def docx_from_text(text: str) -> bytes:
    """One paragraph per line; consecutive lines written |a|b| become a table (as offices type group lists)."""
    document = docx.Document()
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line.strip("|").split("|"))
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=False):
                    cell.text = value
            rows = []
        if line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
