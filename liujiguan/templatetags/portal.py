"""Template helpers shared by every app: script conversion and permission checks."""

from django import template

from liujiguan import permissions
from liujiguan.script import for_language

register = template.Library()


@register.filter
def script(value):
    """Render a Chinese name in the script of the current language."""
    return for_language(str(value)) if value is not None else ""


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    return permissions.can(context["request"].user, action, obj)
