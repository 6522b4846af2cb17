"""Logins, logouts, failed logins and changes to roles and permissions (groups, superuser, posts, charges and
people's departments, which decide what a login may do) go on record as they happen."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from .models import AuditEvent
from .services import audit_record

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit.login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(action=AuditEvent.Action.LOGIN, actor=user, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditEvent.Action.LOGOUT, actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(action=AuditEvent.Action.LOGIN_FAILED, detail={"username": username}, request=request)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.user_groups")
def _user_groups_changed(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, User):
        return
    names = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    audit_record(
        action=AuditEvent.Action.PERMISSION_CHANGE,
        obj=instance,
        detail={"change": action.removeprefix("post_"), "groups": names},
    )


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="audit.user_permissions")
def _user_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, User):
        audit_record(
            action=AuditEvent.Action.PERMISSION_CHANGE,
            obj=instance,
            detail={"change": action.removeprefix("post_"), "permissions": sorted(pk_set or [])},
        )


@receiver(pre_save, sender=User, dispatch_uid="audit.superuser")
def _superuser_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = User.objects.filter(pk=instance.pk).values("is_superuser", "is_staff", "is_active").first()
    if before is None:
        return
    changed = {k: instance.__dict__[k] for k, v in before.items() if instance.__dict__[k] != v}
    if changed:
        audit_record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance, detail=changed)


# --- the organisation decides what a login may do: posts, charges and people's departments ----------------------


def _post_detail(post):
    detail = {"person": str(post.person), "campaign": post.campaign_id}
    for field in ("role", "department"):
        value = getattr(post, field, None)
        if value is not None:
            detail[field] = str(value)
    if post.end:
        detail["end"] = post.end.isoformat()
    return detail


def _post_saved(instance, created, raw=False, **kwargs):
    if raw:
        return
    ended = instance.end is not None and getattr(instance, "_audit_end_before", None) is None
    if created or ended:
        audit_record(
            action=AuditEvent.Action.PERMISSION_CHANGE,
            obj=instance,
            detail={"change": "start" if created else "end", **_post_detail(instance)},
        )


def _post_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_end_before = None
        return
    instance._audit_end_before = sender.objects.filter(pk=instance.pk).values_list("end", flat=True).first()


def _person_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("department_id", "user_id").first()
    if before is None:
        return
    changed = {k: [v, getattr(instance, k)] for k, v in before.items() if getattr(instance, k) != v}
    if changed:
        audit_record(action=AuditEvent.Action.PERMISSION_CHANGE, obj=instance, detail=changed)


def connect_organisation():
    from leadership.models import Charge, Membership, Person

    for model in (Charge, Membership):
        label = model._meta.label_lower
        pre_save.connect(_post_before, sender=model, dispatch_uid=f"audit.before.{label}")
        post_save.connect(_post_saved, sender=model, dispatch_uid=f"audit.saved.{label}")
    pre_save.connect(_person_before, sender=Person, dispatch_uid="audit.person")


connect_organisation()
