"""Pure rules of the public portal: when a commitment is late, and how office-written text becomes safe HTML."""

import datetime
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

OPEN = ("planned", "in_progress")


def commitment_is_late(
    *, status: str, due_date: datetime.date, completed_on: datetime.date | None, today: datetime.date
) -> bool:
    """Late: still open after the due date, or fulfilled only after it."""
    if status in OPEN:
        return today > due_date
    if status == "done":
        return completed_on is not None and completed_on > due_date
    return False


# --- markdown-lite ------------------------------------------------------------------------------------------------
# Everything is escaped first; only a handful of patterns then become tags, so no user text can ever be raw HTML.

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# After escaping, a link looks like [text](url) with the url already free of <, >, " and '.
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|/(?!/))[^\s)]*)\)")
_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.、]\s*(.*)$")


def _inline(text: str) -> str:
    html = escape(text)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _LINK.sub(r'<a href="\2" rel="nofollow noopener">\1</a>', html)


def render_markup(text: str) -> SafeString:
    """Render markdown-lite to HTML: paragraphs, headings (#, ##, ###), bullet and numbered lists, bold, links."""
    blocks, paragraph, items, list_tag = [], [], [], None

    def flush_paragraph():
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
        list_tag = None

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_list()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            flush_paragraph()
            flush_list()
            level = len(heading.group(1)) + 1  # the page title is the h1
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                flush_list()
                list_tag = tag
            items.append((bullet or numbered).group(1))
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return mark_safe("\n".join(blocks))  # noqa: S308 (every piece of text above went through escape())
