"""Writes of the notification centre: deliver a message (in-app and e-mail), claim a reminder, mark as read."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notification, SentReminder

logger = logging.getLogger(__name__)


def _base_url() -> str:
    return getattr(settings, "NOTIFICATIONS_BASE_URL", "http://localhost:8000").rstrip("/")


def user_email(user) -> str:
    """The address to write to: the login's own, else the person's record."""
    if user.email:
        return user.email
    person = getattr(user, "person", None)
    return getattr(person, "email", "") or ""


@dataclass
class Section:
    """A heading and its lines inside a consolidated message."""

    heading: str
    lines: list = field(default_factory=list)  # dicts with text and link


def notification_send(
    *,
    recipient,
    title: str,
    body: str = "",
    link: str = "",
    kind: str = Notification.Kind.INFO,
    sections: list[Section] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    email: bool = True,
) -> Notification:
    """Store the message in the recipient's notification centre and e-mail it when they have an address."""
    sections = sections or []
    text = body
    if sections:
        parts = [body] if body else []
        for section in sections:
            parts.append(section.heading)
            parts.extend(f"· {line['text']}" for line in section.lines)
        text = "\n".join(parts)
    notification = Notification.objects.create(recipient=recipient, title=title, body=text, link=link, kind=kind)
    address = user_email(recipient) if email else ""
    if address:
        context = {
            "title": title,
            "body": body,
            "sections": sections,
            "link": link,
            "base_url": _base_url(),
            "recipient": recipient,
            "portal_name": settings.PORTAL_NAME,
        }
        message = EmailMultiAlternatives(
            subject=f"[{_('Six-type organ')}] {title}",
            body=render_to_string("emails/notification.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        message.attach_alternative(render_to_string("emails/notification.html", context), "text/html")
        for name, content, mimetype in attachments or []:
            message.attach(name, content, mimetype)
        try:
            message.send()
        except Exception:  # the in-app message stands; a mail server hiccup must not lose it
            logger.exception("e-mail to %s failed", address)
        else:
            Notification.objects.filter(pk=notification.pk).update(emailed=True)
            notification.emailed = True
    return notification


def reminder_claim(*, key: str, kind: str, date, recipient=None) -> SentReminder | None:
    """Record a reminder before it is sent. Returns the new ledger row, or None when it was recorded already.

    Each claim commits on its own, so a crash after the claim sends nothing twice (at most once, never twice).
    """
    try:
        with transaction.atomic():
            reminder, created = SentReminder.objects.get_or_create(key=key, kind=kind, date=date, recipient=recipient)
    except IntegrityError:  # a concurrent sweep inserted it between our look-up and our insert
        return None
    return reminder if created else None


CLAIM_BATCH = 1000  # rows per INSERT, well under PostgreSQL's 65,535 parameters


def reminders_claim(*, reminders, recipient=None) -> list[SentReminder]:
    """Record many reminders to one recipient before they are sent: `reminders` are (key, kind, date) triples.
    Returns the new ledger rows, in the order asked; a triple already recorded (by an earlier or a concurrent sweep,
    or earlier in the same list) is left out.

    One INSERT … ON CONFLICT DO NOTHING RETURNING per batch instead of a savepoint, a look-up and an insert per
    reminder. Without a conflict target it yields to both partial unique constraints (with and without a recipient),
    and a row a concurrent transaction is inserting makes it wait for that transaction, then skip the row. Outside a
    transaction each batch commits on its own, so a crash after the claim sends nothing twice, as reminder_claim.
    """
    wanted = list(dict.fromkeys(reminders))
    if not wanted:
        return []
    meta = SentReminder._meta
    fields = [meta.get_field(name) for name in ("key", "kind", "date", "recipient", "created")]
    returned = [meta.pk, *fields[:3]]
    quote = connection.ops.quote_name
    recipient_id = recipient.pk if recipient is not None else None
    now = timezone.now()
    claimed = {}
    # The same order in every sweep, so that two sweeps wait on each other's rows instead of deadlocking.
    ordered = sorted(wanted)
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CLAIM_BATCH):
            batch = ordered[start : start + CLAIM_BATCH]
            params = []
            for key, kind, day in batch:
                params += [
                    field.get_db_prep_value(value, connection)
                    for field, value in zip(fields, (key, kind, day, recipient_id, now), strict=True)
                ]
            row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
                f"VALUES {', '.join([row] * len(batch))} "
                f"ON CONFLICT DO NOTHING RETURNING {', '.join(quote(f.column) for f in returned)}",
                params,
            )
            for pk, key, kind, day in cursor.fetchall():
                day = meta.get_field("date").to_python(day)
                reminder = SentReminder(pk=pk, key=key, kind=kind, date=day, recipient_id=recipient_id, created=now)
                reminder._state.adding, reminder._state.db = False, connection.alias
                claimed[(key, kind, day)] = reminder
    return [claimed[r] for r in wanted if r in claimed]


def reminders_mark_sent(*, reminders, notification=None) -> None:
    SentReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(
        sent_at=timezone.now(), notification=notification
    )


def notification_mark_read(*, notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
