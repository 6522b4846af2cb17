"""Reads of the organisation: the current campaign's group, office and charges."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from .models import Charge, Department, Membership, Person


def current_campaign():
    """The campaign marked current, else the newest one, else None."""
    from campaigns.models import Campaign

    return Campaign.objects.order_by("-is_current", "-year", "-pk").first()


def _current(qs, today=None):
    today = today or timezone.localdate()
    return qs.filter(Q(end__isnull=True) | Q(end__gte=today)).filter(Q(start__isnull=True) | Q(start__lte=today))


def memberships_current(*, campaign):
    """Current posts with a flag telling whether an office post is held concurrently with a group post."""
    group_post = _current(
        Membership.objects.filter(campaign=campaign, person=OuterRef("person"), role__in=Membership.GROUP_ROLES)
    )
    return (
        _current(Membership.objects.filter(campaign=campaign))
        .select_related("person", "person__department")
        .annotate(concurrent=Exists(group_post))
        .order_by("order", "pk")
    )


def organisation(*, campaign):
    """Everything the organisation page shows, in a handful of queries."""
    posts = list(memberships_current(campaign=campaign))
    by_role = {role: [m for m in posts if m.role == role] for role in Membership.Role.values}
    charges = list(
        _current(Charge.objects.filter(campaign=campaign))
        .select_related("person", "department")
        .order_by("person__name", "department__order", "department__name")
    )
    pillars = list(campaign.pillars.select_related("leader_in_charge").order_by("order", "pk"))
    in_charge = {}
    for charge in charges:
        in_charge.setdefault(charge.person, {"departments": [], "pillars": []})["departments"].append(charge.department)
    for pillar in pillars:
        if pillar.leader_in_charge:
            in_charge.setdefault(pillar.leader_in_charge, {"departments": [], "pillars": []})["pillars"].append(pillar)
    return {
        "leaders": by_role[Membership.Role.LEADER],
        "deputies": by_role[Membership.Role.DEPUTY],
        "members": by_role[Membership.Role.MEMBER],
        "office_directors": by_role[Membership.Role.OFFICE_DIRECTOR],
        "office_staff": by_role[Membership.Role.OFFICE_STAFF],
        "in_charge": sorted(in_charge.items(), key=lambda item: item[0].name),
        "pillars": pillars,
    }


def past_memberships(*, campaign):
    today = timezone.localdate()
    return (
        Membership.objects.filter(campaign=campaign, end__lt=today).select_related("person").order_by("-end", "order")
    )


class EveryDepartment(frozenset):
    """The ids of every department: the group leader's charge. Filters may skip `department__in` with it (a list
    of hundreds of ids costs more to build into SQL than the query it narrows)."""


def departments_in_charge_ids(*, person, campaign=None) -> set[int]:
    """Departments a leader is in charge of in the current campaign; the group leader (组长) has them all."""
    campaign = campaign or current_campaign()
    if person is None or campaign is None:
        return set()
    is_group_leader = _current(
        Membership.objects.filter(campaign=campaign, person=person, role=Membership.Role.LEADER)
    ).exists()
    if is_group_leader:
        return EveryDepartment(Department.objects.values_list("pk", flat=True))
    return set(
        _current(Charge.objects.filter(campaign=campaign, person=person)).values_list("department_id", flat=True)
    )


def leader_in_charge_of(*, department, campaign=None):
    """The person in charge of a department now, or None."""
    campaign = campaign or current_campaign()
    if campaign is None:
        return None
    charge = _current(Charge.objects.filter(campaign=campaign, department=department)).select_related("person").first()
    return charge.person if charge else None


def department_list(*, user=None):
    return (
        Department.objects.select_related("parent", "contact")
        .prefetch_related(
            Prefetch("people", queryset=Person.objects.filter(is_active=True).only("pk", "department_id"))
        )
        .order_by("order", "name")
    )


def person_find(*, name: str):
    """A person by name in either script (Simplified or Traditional)."""
    from liujiguan.script import both_scripts

    return Person.objects.filter(name__in=both_scripts(name)).order_by("pk").first()


def department_search(*, text: str, include_inactive: bool = False, limit: int = 20):
    """(pk, name) of departments whose name contains `text` in either script, in the organisation's order."""
    from liujiguan.script import contains_in_either_script

    departments = Department.objects.all() if include_inactive else Department.objects.filter(is_active=True)
    text = text.strip()
    if text:
        departments = departments.filter(contains_in_either_script(text, "name"))
    return departments.order_by("order", "name").values_list("pk", "name")[:limit]
