"""Who changed what, when: django-simple-history records of campaigns, pillars, measures and indicators."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

SKIPPED = {"modified", "created", "version"}


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _value(model, name, value, cache):
    if value in (None, ""):
        return "—"
    try:
        field = model._meta.get_field(name)
    except Exception:
        return value
    if field.many_to_many:
        own = model._meta.model_name
        ids = []
        for row in value or []:
            ids.extend([v for k, v in row.items() if k != own] if isinstance(row, dict) else [row])
        related = field.related_model
        names = [str(_related(related, pk, cache)) for pk in ids if pk]
        return "、".join(names) or "—"
    if field.is_relation:
        return str(_related(field.related_model, value, cache))
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def _related(model, pk, cache):
    key = (model, pk)
    if key not in cache:
        cache[key] = model._default_manager.filter(pk=pk).first() or pk
    return cache[key]


def _who(record):
    user = record.history_user
    if user is None:
        return _("system")
    person = getattr(user, "person", None)
    return person.name if person else user.get_username()


def history_rows(obj, *, limit: int = 50) -> list[dict]:
    """Newest first: {when, who, kind, changes: [(label, old, new)]} for the object's recorded versions."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user", "history_user__person").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    cache: dict = {}
    rows = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in SKIPPED:
                    continue
                changes.append(
                    (
                        _label(model, change.field),
                        _value(model, change.field, change.old, cache),
                        _value(model, change.field, change.new, cache),
                    )
                )
            if not changes:
                continue
        rows.append(
            {
                "when": record.history_date,
                "who": _who(record),
                "kind": {
                    "+": pgettext("history", "created"),
                    "~": pgettext("history", "changed"),
                    "-": pgettext("history", "deleted"),
                }[record.history_type],
                "changes": changes,
                "reason": record.history_change_reason or "",
            }
        )
    return rows
