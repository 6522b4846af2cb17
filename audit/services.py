"""Writing to the audit trail: one function every app calls."""

from simple_history.models import HistoricalRecords

from .models import AuditEvent


def _client_address(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _current_request():
    """The request being served, if any: simple_history's middleware keeps it for the length of the request, so a
    service called from a view records who did it and from where without every service taking `request`."""
    return getattr(HistoricalRecords.context, "request", None)


def audit_record(*, action: str, actor=None, obj=None, detail: dict | None = None, request=None) -> AuditEvent:
    """Record an event; `obj` is any model instance (or None), `detail` any JSON-able dict (e.g. the reason)."""
    if request is None:
        request = _current_request()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        detail=detail or {},
        ip_address=_client_address(request),
    )
