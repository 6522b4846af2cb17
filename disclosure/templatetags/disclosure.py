"""Template helpers of the public portal: safe rendering of office-written text in the reader's script."""

from django import template

from liujiguan.script import for_language

from ..rules import render_markup

register = template.Library()


@register.filter
def markup(value):
    """Markdown-lite to HTML; every character of the text is escaped first (see rules.render_markup)."""
    return render_markup(for_language(str(value or "")))
