"""The pillar registers: what offices record (study, meetings, documents, cases, issues, trips, coordination)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class DepartmentRecord(TimeStampedModel):
    """A record owned by one department: the object-level permission rule reads `owner_department_id`."""

    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def owner_department_id(self):
        return self.department_id


# --- policy and calendar -------------------------------------------------------------------------------------------


class RegisterPolicy(TimeStampedModel):
    """Caps on meetings and documents and the night hours for vehicle checks, in force from a date.

    The policy in force on a day is the one with the latest `effective_from` on or before it.
    """

    effective_from = models.DateField(_("in force from"), unique=True)
    meetings_per_month = models.PositiveIntegerField(_("meetings per department per month"), default=4)
    attendees_per_meeting = models.PositiveIntegerField(_("attendees per meeting"), default=30)
    minutes_per_meeting = models.PositiveIntegerField(_("minutes per meeting"), default=90)
    documents_per_quarter = models.PositiveIntegerField(_("documents per department per quarter"), default=12)
    night_start = models.TimeField(_("night starts at"), default=datetime.time(22, 0))
    night_end = models.TimeField(_("night ends at"), default=datetime.time(6, 0))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("register policy")
        verbose_name_plural = _("register policies")

    def __str__(self):
        return _("Policy from %(date)s") % {"date": self.effective_from.isoformat()}

    @property
    def owner_department_id(self):
        return None


class Holiday(TimeStampedModel):
    """A public holiday, or a weekend day that is a working day because of the holiday swap (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        WORKDAY = "workday", _("Working day (调休上班)")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"

    @property
    def owner_department_id(self):
        return None


# --- learning ------------------------------------------------------------------------------------------------------


class StudyActivity(DepartmentRecord):
    """A study session organised by a department: central group study, lecture, party school, research visit."""

    class Kind(models.TextChoices):
        CENTRAL_GROUP = "central_group", _("Central group study (中心组学习)")
        LECTURE = "lecture", _("Lecture (专题报告会)")
        PARTY_SCHOOL = "party_school", _("Party school training (党校培训)")
        RESEARCH = "research", _("Research visit (调查研究)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    place = models.CharField(_("place"), max_length=100, blank=True)
    speaker = models.CharField(_("speaker"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("study activity")
        verbose_name_plural = _("study activities")
        constraints = [
            models.UniqueConstraint(fields=["department", "date", "topic"], name="study_activity_unique_topic_day"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="study_activity_hours_positive"),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.topic}"

    def get_absolute_url(self):
        return reverse("registers:study-detail", args=[self.pk])


class Attendance(TimeStampedModel):
    """Whether a person called to a study activity attended it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused absence")
        ABSENT = "absent", _("Absent")

    activity = models.ForeignKey(
        StudyActivity, verbose_name=_("study activity"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "leadership.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="study_attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        ordering = ["activity", "person__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="attendance_one_per_person"),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"

    @property
    def owner_department_id(self):
        return self.activity.department_id


class ResearchReport(DepartmentRecord):
    """A research report (调研报告) submitted by a department, possibly from a research visit."""

    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_reports",
    )
    submitted = models.DateField(_("submitted on"))
    activity = models.ForeignKey(
        StudyActivity,
        verbose_name=_("research visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-submitted", "-pk"]
        verbose_name = _("research report")
        verbose_name_plural = _("research reports")
        constraints = [
            models.UniqueConstraint(fields=["department", "title"], name="research_report_unique_title"),
        ]

    def __str__(self):
        return self.title


# --- efficiency ----------------------------------------------------------------------------------------------------


class Meeting(DepartmentRecord):
    """A meeting held by a department, checked against the caps in force (会风)."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary meeting (全体会议)")
        WORKING = "working", _("Working meeting (工作会议)")
        SPECIAL = "special", _("Special meeting (专题会议)")
        OTHER = "other", _("Other meeting")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORKING)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.PositiveIntegerField(_("attendees"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    cap_warnings = models.JSONField(_("cap warnings"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["department", "date", "title"], name="meeting_unique_title_day"),
        ]
        indexes = [models.Index(fields=["department", "date"], name="meeting_department_date_idx")]

    def __str__(self):
        return f"{self.date.isoformat()} {self.title}"


class Document(DepartmentRecord):
    """A document issued by a department (文风: counted against the quarterly cap)."""

    number = models.CharField(_("document number"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    issued = models.DateField(_("issued on"))
    cap_warnings = models.JSONField(_("cap warnings"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-issued", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["department", "number"], name="document_unique_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class ServiceCase(DepartmentRecord):
    """A service case (办件): a matter received, promised within a number of days (承诺时限), completed."""

    reference = models.CharField(_("case number"), max_length=60)
    matter = models.CharField(_("matter"), max_length=200)
    applicant = models.CharField(_("applicant"), max_length=100, blank=True)
    received = models.DateField(_("received on"))
    promised_days = models.PositiveIntegerField(_("promised days"))
    completed = models.DateField(_("completed on"), null=True, blank=True)
    due = models.DateField(_("due by"), editable=False, null=True)

    class Meta:
        ordering = ["-received", "-pk"]
        verbose_name = _("service case")
        verbose_name_plural = _("service cases")
        constraints = [
            models.UniqueConstraint(fields=["department", "reference"], name="service_case_unique_reference"),
            models.CheckConstraint(
                condition=Q(completed__isnull=True) | Q(completed__gte=F("received")),
                name="service_case_completed_after_received",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.matter}"


# --- service -------------------------------------------------------------------------------------------------------


class PublicIssue(DepartmentRecord):
    """A difficulty or hot issue raised by the public or an enterprise (群众反映的难点热点问题), followed up to its
    resolution."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("Public")
        ENTERPRISE = "enterprise", _("Enterprise")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("raised by"), max_length=12, choices=Source.choices, default=Source.PUBLIC)
    raised_by_name = models.CharField(_("name of who raised it"), max_length=100, blank=True)
    received = models.DateField(_("received on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    resolved = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received", "-pk"]
        verbose_name = _("public issue")
        verbose_name_plural = _("public issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("received")), name="public_issue_deadline_after_received"
            ),
            models.CheckConstraint(
                condition=Q(status="resolved", resolved__isnull=False)
                | (~Q(status="resolved") & Q(resolved__isnull=True)),
                name="public_issue_resolved_date_iff_resolved",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("registers:issue-detail", args=[self.pk])


class ServiceVisit(DepartmentRecord):
    """A grassroots service visit (服务到家乡) by a department's staff."""

    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    participants = models.ManyToManyField(
        "leadership.Person", verbose_name=_("participants"), blank=True, related_name="service_visits"
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")
        constraints = [
            models.UniqueConstraint(fields=["department", "date", "place"], name="service_visit_unique_place_day"),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.place}"


# --- integrity -----------------------------------------------------------------------------------------------------


class Vehicle(DepartmentRecord):
    """An official vehicle and the department that keeps it."""

    plate = models.CharField(_("plate number"), max_length=20, unique=True)
    model_name = models.CharField(_("make and model"), max_length=60, blank=True)
    is_active = models.BooleanField(_("in service"), default=True)

    class Meta:
        ordering = ["plate"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")

    def __str__(self):
        return self.plate


class Trip(DepartmentRecord):
    """One use of an official vehicle (出车登记); trips at weekends, on holidays or at night need an approval."""

    vehicle = models.ForeignKey(Vehicle, verbose_name=_("vehicle"), on_delete=models.PROTECT, related_name="trips")
    driver = models.ForeignKey(
        "leadership.Person", verbose_name=_("driver"), on_delete=models.PROTECT, related_name="trips_driven"
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    destination = models.CharField(_("destination"), max_length=100, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    distance_km = models.DecimalField(_("distance (km)"), max_digits=8, decimal_places=1, default=0)
    approval_number = models.CharField(_("approval number"), max_length=60, blank=True)
    approved_by = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trips_approved",
    )
    off_hours = models.JSONField(_("off-hours reasons"), default=list, blank=True, editable=False)
    is_flagged = models.BooleanField(_("flagged"), default=False, editable=False)
    review_note = models.CharField(_("office check"), max_length=200, blank=True)
    reviewed_at = models.DateTimeField(_("checked at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        constraints = [
            models.UniqueConstraint(fields=["vehicle", "start"], name="trip_unique_vehicle_start"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="trip_end_after_start"),
            models.CheckConstraint(condition=Q(distance_km__gte=0), name="trip_distance_not_negative"),
        ]
        indexes = [models.Index(fields=["is_flagged", "start"], name="trip_flagged_start_idx")]

    def __str__(self):
        return f"{self.vehicle} {self.start:%Y-%m-%d %H:%M}"

    @property
    def has_approval(self):
        return bool(self.approval_number or self.approved_by_id)


# --- harmony -------------------------------------------------------------------------------------------------------


class CoordinationRequest(DepartmentRecord):
    """A department asks others to act on a matter by a deadline (部门协调). `department` is the asking one."""

    matter = models.CharField(_("matter"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)
    deadline = models.DateField(_("response deadline"))

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("coordination request")
        verbose_name_plural = _("coordination requests")

    def __str__(self):
        return self.matter

    def get_absolute_url(self):
        return reverse("registers:coordination-detail", args=[self.pk])


class CoordinationTarget(TimeStampedModel):
    """One asked department's part in a coordination request, with its answer.

    A department that passes the matter on (转办) ends its part as PASSED_ON and a new part starts for the other
    department with `passed_from` pointing back, so the chain of hand-offs (推诿扯皮) stays visible.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PASSED_ON = "passed_on", _("Passed on")

    request = models.ForeignKey(
        CoordinationRequest, verbose_name=_("coordination request"), on_delete=models.CASCADE, related_name="targets"
    )
    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("asked department"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("answer or reason"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    passed_from = models.OneToOneField(
        "self",
        verbose_name=_("passed on from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="passed_to",
    )

    class Meta:
        ordering = ["request", "created", "pk"]
        verbose_name = _("asked department")
        verbose_name_plural = _("asked departments")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "department"],
                condition=Q(status="pending"),
                name="coordination_target_one_pending_per_department",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answered_at__isnull=False),
                name="coordination_target_answer_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.request} → {self.department}"

    @property
    def owner_department_id(self):
        return self.department_id

    @property
    def is_answered(self):
        return self.status != self.Status.PENDING


class Escalation(TimeStampedModel):
    """An unanswered coordination request past its deadline, put before the asked department's leader in charge."""

    target = models.OneToOneField(
        CoordinationTarget, verbose_name=_("asked department"), on_delete=models.CASCADE, related_name="escalation"
    )
    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordination_escalations",
    )
    notified = models.BooleanField(_("notification sent"), default=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self):
        return f"{self.target} ⇧ {self.leader or '—'}"

    @property
    def owner_department_id(self):
        return self.department_id
