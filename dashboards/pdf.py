"""HTML to PDF with WeasyPrint; the templates name the CJK font in every font list (see STACK.md)."""

import gc
import logging

from django.conf import settings
from django.template.loader import render_to_string

# WeasyPrint logs every layout step at INFO; only its warnings matter here.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def pdf_url_fetcher():
    """WeasyPrint may load data: URIs only: no file:// or http:// fetch, so no text in a report can pull a local
    file (e.g. an `<a rel=attachment href=file:///...>`) or an intranet address into the PDF."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def pdf_render(*, template: str, context: dict) -> tuple[bytes, int]:
    """Render a template to PDF bytes; returns the bytes and the page count."""
    return pdf_from_html(render_to_string(template, context))


def pdf_from_html(html: str) -> tuple[bytes, int]:
    """HTML to PDF bytes and the page count.

    Call it with nothing else large alive: WeasyPrint builds millions of objects, and every full collection of
    Python's garbage collector walks all live objects, so the model rows a report was rendered from would slow the
    layout of a long report by a fifth (measured at 685 pages).
    """
    from weasyprint import HTML

    gc.collect()
    gc.freeze()  # what is alive now is never collected during the layout, and never walked again by it
    try:
        document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=pdf_url_fetcher()).render()
        return document.write_pdf(), len(document.pages)
    finally:
        gc.unfreeze()
