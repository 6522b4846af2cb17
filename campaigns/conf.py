"""The app's business settings with their defaults (documented in docs/campaigns.md)."""

from decimal import Decimal

from django.conf import settings


def due_soon_days() -> int:
    """A measure turns blue this many days before its due date."""
    return int(getattr(settings, "CAMPAIGNS_DUE_SOON_DAYS", 7))


def lag_tolerance() -> int:
    """A measure turns yellow when its progress trails the share of elapsed time by more than these points."""
    return int(getattr(settings, "CAMPAIGNS_LAG_TOLERANCE", 10))


def indicator_tolerance() -> Decimal:
    """A reading within this percentage of its target (on the wrong side) is "at risk" rather than "off track"."""
    return Decimal(str(getattr(settings, "CAMPAIGNS_INDICATOR_TOLERANCE", 10)))


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


EVIDENCE_TYPES = {
    # extension reported by `filetype` → MIME type it must have
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
