"""Small real files for upload and import tests."""

import io

from campaigns.demo import _pdf, _png

PNG = _png(7)
PDF = _pdf("evidence")


def xlsx_bytes(rows=(("a", "b"), (1, 2))) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("工作总结")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
