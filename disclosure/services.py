"""Writes of the public portal: publishing, commitments' status, feedback. Each change to what the public sees bumps
the cache version, so every cached public page in every language is renewed at once."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from audit.models import AuditEvent
from audit.services import audit_record
from liujiguan.permissions import Action, require

from .caching import content_version_bump
from .models import CampaignPublication, Commitment, FeedbackMessage, ReceptionDisclosure


def _after_commit_bump():
    # Bump now (this process reads its own writes) and again after commit, so no other request can cache
    # the old state between the two.
    content_version_bump()
    transaction.on_commit(content_version_bump)


@transaction.atomic
def publication_publish(*, obj, user, at=None):
    """Publish `obj` now, or at `at` (a future time schedules it). Republishing keeps the first publication time."""
    require(user, Action.MANAGE, obj)
    now = timezone.now()
    if at is not None:
        obj.published_at = at
    elif obj.published_at is None or obj.published_at > now:
        obj.published_at = now
    obj.is_published = True
    obj.save(update_fields=["is_published", "published_at", "modified"])
    audit_record(action=AuditEvent.Action.PUBLICATION, actor=user, obj=obj, detail={"at": obj.published_at.isoformat()})
    _after_commit_bump()
    return obj


@transaction.atomic
def publication_unpublish(*, obj, user):
    """Take `obj` off the public site; it stays as a draft."""
    require(user, Action.MANAGE, obj)
    obj.is_published = False
    obj.save(update_fields=["is_published", "modified"])
    audit_record(action=AuditEvent.Action.UNPUBLICATION, actor=user, obj=obj)
    _after_commit_bump()
    return obj


@transaction.atomic
def content_save(*, form, user):
    """Save an office-written object (commitment, service page, news item, publication settings)."""
    require(user, Action.MANAGE, form.instance if form.instance.pk else None)
    obj = form.save()
    _after_commit_bump()
    return obj


@transaction.atomic
def commitment_status_update(*, commitment, user, status, progress_note, completed_on=None):
    """The department reports on its own commitment; fulfilled ones carry the date they were fulfilled."""
    require(user, Action.REPORT, commitment)
    commitment.status = status
    commitment.progress_note = progress_note
    if status == Commitment.Status.DONE:
        commitment.completed_on = completed_on or commitment.completed_on or timezone.localdate()
    else:
        commitment.completed_on = None
    commitment.status_updated_at = timezone.now()
    commitment.save(update_fields=["status", "progress_note", "completed_on", "status_updated_at", "modified"])
    if commitment.is_published:
        _after_commit_bump()
    return commitment


def campaign_publication_for(*, campaign) -> CampaignPublication:
    publication, _ = CampaignPublication.objects.get_or_create(campaign=campaign)
    return publication


def reception_disclosure_for(*, year: int) -> ReceptionDisclosure:
    disclosure, _ = ReceptionDisclosure.objects.get_or_create(year=year)
    return disclosure


# --- feedback -----------------------------------------------------------------------------------------------------


def client_fingerprint(client_address: str) -> str:
    """A keyed hash of the sender's address: enough to spot a flood, useless to identify anyone."""
    return salted_hmac("disclosure.feedback.client", client_address).hexdigest()


def feedback_rate_limited(*, client_address: str) -> bool:
    """Count one attempt from this address; True once it exceeds the hourly limit."""
    limit = getattr(settings, "DISCLOSURE_FEEDBACK_PER_HOUR", 5)
    bucket = int(timezone.now().timestamp() // 3600)
    key = f"disclosure:feedback-rate:{hashlib.sha256(client_address.encode()).hexdigest()[:32]}:{bucket}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


def feedback_submit(*, topic, subject, body, name="", contact="", commitment=None, client_address="", language=""):
    return FeedbackMessage.objects.create(
        topic=topic,
        subject=subject,
        body=body,
        name=name,
        contact=contact,
        commitment=commitment,
        client_hash=client_fingerprint(client_address) if client_address else "",
        language=language,
    )


def feedback_mark(*, message, user, status, office_note=None):
    """The office marks a message read or handled (handled ones record who and when)."""
    require(user, Action.MANAGE, message)
    message.status = status
    if office_note is not None:
        message.office_note = office_note
    if status == FeedbackMessage.Status.HANDLED:
        message.handled_by = user
        message.handled_at = timezone.now()
    else:
        message.handled_by = None
        message.handled_at = None
    message.save(update_fields=["status", "office_note", "handled_by", "handled_at", "modified"])
    return message


def feedback_open(*, message, user):
    """Opening an unread message marks it read."""
    require(user, Action.MANAGE, message)
    if message.status == FeedbackMessage.Status.NEW:
        message.status = FeedbackMessage.Status.READ
        message.save(update_fields=["status", "modified"])
    return message
