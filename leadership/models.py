"""Departments, people and their posts in a campaign's leading group and office."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class Department(TimeStampedModel):
    """A unit of the bureau (科室, 站所, 管理站, 管理队) that owns measures, records and receptions."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Section (科室)")
        STATION = "station", _("Station (站所)")
        MANAGEMENT_STATION = "management_station", _("Management station (管理站)")
        MANAGEMENT_TEAM = "management_team", _("Management team (管理队)")
        OTHER = "other", _("Other unit")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.SECTION)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    contact = models.ForeignKey(
        "Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="department_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("leadership:department-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.pk


class Person(TimeStampedModel):
    """A member of staff or leader; may have a login."""

    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("post title"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("leadership:person-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.department_id


class Membership(TimeStampedModel):
    """A post in a campaign's leading group (组长, 副组长, 成员) or its office (主任, 成员), with its dates.

    A change of post ends one membership and starts another, so history is kept. A group member may hold the
    office director's post concurrently (兼任): that is simply two memberships of one person.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader (组长)")
        DEPUTY = "deputy", _("Deputy leader (副组长)")
        MEMBER = "member", _("Member (成员)")
        OFFICE_DIRECTOR = "office_director", _("Office director (办公室主任)")
        OFFICE_STAFF = "office_staff", _("Office staff (办公室成员)")

    GROUP_ROLES = (Role.LEADER, Role.DEPUTY, Role.MEMBER)
    OFFICE_ROLES = (Role.OFFICE_DIRECTOR, Role.OFFICE_STAFF)

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while the post is held."))
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "order", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["campaign", "person", "role"],
                condition=Q(end__isnull=True),
                name="membership_one_current_post_per_role",
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()}"

    @property
    def is_current(self):
        return self.end is None

    @property
    def owner_department_id(self):
        return None


class Charge(TimeStampedModel):
    """A leader in charge (分管) of a department during a campaign. Pillars name their leader on the pillar."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="charges"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("leader in charge"), on_delete=models.PROTECT, related_name="charges"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="charges"
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "person__name", "department__order"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department"],
                condition=Q(end__isnull=True),
                name="charge_one_current_leader_per_department",
            ),
        ]

    def __str__(self):
        return f"{self.person} → {self.department}"

    @property
    def owner_department_id(self):
        return None
