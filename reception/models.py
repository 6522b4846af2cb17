"""Official reception (公务接待): policy, requests, records (接待清单), findings, justifications and budgets."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel

ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(ZERO)]


class Venue(TimeStampedModel):
    """A place for reception meals or lodging; designated venues (定点) are those a policy lists."""

    class Kind(models.TextChoices):
        CANTEEN = "canteen", _("Unit canteen")
        RESTAURANT = "restaurant", _("Restaurant")
        HOTEL = "hotel", _("Hotel")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESTAURANT)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name


class ReceptionPolicy(TimeStampedModel):
    """The local reception rules in force from a date; a new version is added, old ones stay for old receptions."""

    effective_from = models.DateField(_("effective from"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    host_city = models.CharField(
        _("bureau's own city"), max_length=50, help_text=_("Visiting units from this city count as same-city.")
    )
    meal_standard = models.DecimalField(
        _("meal standard (yuan per person per meal)"), **MONEY, validators=NON_NEGATIVE, default=Decimal("35.00")
    )
    lodging_standard = models.DecimalField(
        _("lodging standard (yuan per room per night)"), **MONEY, validators=NON_NEGATIVE, default=Decimal("350.00")
    )
    accompany_small_group_max = models.PositiveSmallIntegerField(
        _("small group: up to this many guests"), default=10, validators=[MinValueValidator(1)]
    )
    accompany_small_group_limit = models.PositiveSmallIntegerField(
        _("small group: at most this many accompanying diners"), default=3
    )
    accompany_large_group_divisor = models.PositiveSmallIntegerField(
        _("larger group: one accompanying diner per this many guests"), default=3, validators=[MinValueValidator(1)]
    )
    accompany_tiny_group_max = models.PositiveSmallIntegerField(
        _("stricter tier: up to this many guests"),
        null=True,
        blank=True,
        help_text=_("Optional local tier, e.g. up to 5 guests at most 2 accompanying diners."),
    )
    accompany_tiny_group_limit = models.PositiveSmallIntegerField(
        _("stricter tier: at most this many accompanying diners"), null=True, blank=True
    )
    work_meals_allowed = models.PositiveSmallIntegerField(_("work meals allowed per reception"), default=1)
    designated_venues = models.ManyToManyField(
        Venue, verbose_name=_("designated venues"), blank=True, related_name="policies"
    )
    designated_venues_only = models.BooleanField(_("designated venues only"), default=True)
    no_lunch_alcohol = models.BooleanField(_("no alcohol at lunch"), default=True)
    dinner_alcohol_allowed = models.BooleanField(_("alcohol at dinner allowed"), default=False)
    buffet_or_canteen = models.BooleanField(_("buffet or canteen"), default=True)
    no_same_city = models.BooleanField(_("no same-city reception"), default=True)
    no_welcome_at_stations = models.BooleanField(
        _("no welcome or send-off at airports, stations, docks or borders"), default=True
    )
    no_layered_accompaniment = models.BooleanField(_("no layered accompaniment"), default=True)
    no_gifts = models.BooleanField(_("no gifts or local specialties"), default=True)
    no_accompanying_meals = models.BooleanField(_("in principle no accompanying meals"), default=True)
    history = HistoricalRecords(m2m_fields=[designated_venues])

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("reception policy")
        verbose_name_plural = _("reception policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(accompany_tiny_group_max__isnull=True) | Q(accompany_tiny_group_limit__isnull=False),
                name="reception_policy_tiny_tier_complete",
            ),
        ]

    def __str__(self):
        return self.title or gettext("Reception policy from %(date)s") % {"date": self.effective_from}

    def get_absolute_url(self):
        return reverse("reception:policy-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None


class Budget(TimeStampedModel):
    """An annual reception cap (限额) for a department, or for the whole bureau when the department is empty."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_budgets",
        help_text=_("Empty for the whole bureau's cap."),
    )
    amount = models.DecimalField(_("annual cap (yuan)"), **MONEY, validators=NON_NEGATIVE)
    warning_percent = models.PositiveSmallIntegerField(_("warn at (% of cap)"), default=80)
    alert_percent = models.PositiveSmallIntegerField(_("alert at (% of cap)"), default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "department__order", "department__name"]
        verbose_name = _("reception budget")
        verbose_name_plural = _("reception budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "department"], condition=Q(department__isnull=False), name="budget_one_per_department"
            ),
            models.UniqueConstraint(fields=["year"], condition=Q(department__isnull=True), name="budget_one_bureau"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(alert_percent__gte=F("warning_percent")), name="budget_alert_after_warn"
            ),
        ]

    def __str__(self):
        who = self.department.name if self.department_id else gettext("Whole bureau")
        return f"{self.year} · {who}"

    @property
    def owner_department_id(self):
        return self.department_id


class ReceptionRequest(TimeStampedModel):
    """A request to host visitors (接待审批), approved or rejected by the leader in charge of the host department."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    host_department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("host department"),
        on_delete=models.PROTECT,
        related_name="reception_requests",
    )
    visiting_unit = models.CharField(_("visiting unit"), max_length=200)
    visiting_city = models.CharField(_("visiting unit's city"), max_length=50)
    letter_reference = models.CharField(
        _("official letter (公函) reference"),
        max_length=100,
        blank=True,
        help_text=_("A request without an official letter cannot be approved."),
    )
    purpose = models.TextField(_("purpose"))
    guests = models.PositiveIntegerField(_("number of guests"), validators=[MinValueValidator(1)])
    highest_rank = models.CharField(_("highest rank of the guests"), max_length=100, blank=True)
    start_date = models.DateField(_("arrival"))
    end_date = models.DateField(_("departure"))
    planned_meals = models.PositiveSmallIntegerField(_("planned work meals"), default=0)
    planned_lodging_nights = models.PositiveSmallIntegerField(_("planned lodging nights"), default=0)
    planned_arrangements = models.TextField(_("planned meals and lodging"), blank=True)
    estimated_cost = models.DecimalField(_("estimated cost (yuan)"), **MONEY, validators=NON_NEGATIVE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("leader's comments"), blank=True)
    finding_count = models.PositiveSmallIntegerField(_("findings"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("reception request")
        verbose_name_plural = _("reception requests")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="reception_request_dates"),
            models.CheckConstraint(condition=Q(guests__gte=1), name="reception_request_guests"),
            models.CheckConstraint(condition=Q(estimated_cost__gte=0), name="reception_request_cost"),
            models.CheckConstraint(
                condition=~Q(status="approved") | ~Q(letter_reference=""), name="reception_request_approved_has_letter"
            ),
        ]
        indexes = [models.Index(fields=["status", "host_department"], name="reception_request_status_idx")]

    def __str__(self):
        return f"{self.visiting_unit} · {self.start_date}"

    def get_absolute_url(self):
        return reverse("reception:request-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.host_department_id


class ReceptionRecord(TimeStampedModel):
    """The reception list (接待清单): what actually happened and cost, signed off by the responsible official."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        SIGNED_OFF = "signed_off", _("Signed off")

    request = models.OneToOneField(
        ReceptionRequest,
        verbose_name=_("approved request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="record",
    )
    host_department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("host department"),
        on_delete=models.PROTECT,
        related_name="reception_records",
    )
    visiting_unit = models.CharField(_("visiting unit"), max_length=200)
    visiting_city = models.CharField(_("visiting unit's city"), max_length=50)
    letter_reference = models.CharField(_("official letter (公函) reference"), max_length=100, blank=True)
    activity = models.TextField(_("activity"))
    guests = models.PositiveIntegerField(_("number of guests"), validators=[MinValueValidator(1)])
    highest_rank = models.CharField(_("highest rank of the guests"), max_length=100, blank=True)
    start_date = models.DateField(_("arrival"))
    end_date = models.DateField(_("departure"))
    accompanying_levels = models.PositiveSmallIntegerField(
        _("levels of host officials accompanying"),
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("1 when only the host department accompanied; more means layered accompaniment."),
    )
    transport_cost = models.DecimalField(_("transport (yuan)"), **MONEY, default=ZERO, validators=NON_NEGATIVE)
    transport_note = models.CharField(_("transport details"), max_length=200, blank=True)
    other_cost = models.DecimalField(_("other costs (yuan)"), **MONEY, default=ZERO, validators=NON_NEGATIVE)
    other_cost_note = models.CharField(_("other costs details"), max_length=200, blank=True)
    payment_method = models.CharField(_("payment"), max_length=100, blank=True, default="公务卡")
    responsible_person = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("responsible official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_records",
    )
    total_cost = models.DecimalField(_("total cost (yuan)"), **MONEY, default=ZERO, editable=False)
    finding_count = models.PositiveSmallIntegerField(_("findings"), default=0, editable=False)
    over_cap = models.BooleanField(_("over the cap"), default=False, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECORDED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("reception record")
        verbose_name_plural = _("reception records")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="reception_record_dates"),
            models.CheckConstraint(condition=Q(guests__gte=1), name="reception_record_guests"),
            models.CheckConstraint(
                condition=Q(transport_cost__gte=0, other_cost__gte=0, total_cost__gte=0),
                name="reception_record_costs_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["host_department", "start_date"], name="reception_record_dept_date_idx"),
            # The list's order: its first page is read from the index, not sorted out of every record.
            models.Index(fields=["-start_date", "-id"], name="reception_record_list_idx"),
            # The sign-off queue (selectors.queue): records not signed off with findings or over the cap.
            models.Index(
                fields=["start_date", "id"],
                condition=Q(status="recorded") & (Q(finding_count__gt=0) | Q(over_cap=True)),
                name="reception_record_queue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.visiting_unit} · {self.start_date}"

    def get_absolute_url(self):
        return reverse("reception:record-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.host_department_id

    @property
    def is_signed_off(self):
        return self.status == self.Status.SIGNED_OFF


class Guest(models.Model):
    """A named guest on the reception list."""

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="guest_list"
    )
    name = models.CharField(_("name"), max_length=50)
    post = models.CharField(_("post"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self):
        return self.name


class Meal(models.Model):
    """One meal the host arranged."""

    class Kind(models.TextChoices):
        BREAKFAST = "breakfast", _("Breakfast")
        LUNCH = "lunch", _("Lunch")
        DINNER = "dinner", _("Dinner")

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="meals"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("meal"), max_length=10, choices=Kind.choices)
    venue = models.CharField(_("venue"), max_length=100)
    guests = models.PositiveIntegerField(_("guests"), validators=[MinValueValidator(1)])
    accompanying = models.PositiveIntegerField(_("accompanying staff"), default=0)
    alcohol = models.BooleanField(_("alcohol served"), default=False)
    buffet_or_canteen = models.BooleanField(_("buffet or canteen"), default=True)
    cost = models.DecimalField(_("cost (yuan)"), **MONEY, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["date", "kind"]
        verbose_name = _("meal")
        verbose_name_plural = _("meals")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="reception_meal_cost_not_negative"),
            models.CheckConstraint(condition=Q(guests__gte=1), name="reception_meal_guests"),
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class Lodging(models.Model):
    """Rooms booked for the guests."""

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="lodgings"
    )
    venue = models.CharField(_("venue"), max_length=100)
    nights = models.PositiveSmallIntegerField(_("nights"), default=1, validators=[MinValueValidator(1)])
    rooms = models.PositiveSmallIntegerField(_("rooms"), default=1, validators=[MinValueValidator(1)])
    cost = models.DecimalField(_("cost (yuan)"), **MONEY, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lodging")
        verbose_name_plural = _("lodging")
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="reception_lodging_cost_not_negative")]

    def __str__(self):
        return self.venue


class Gift(models.Model):
    """A gift given to the guests (which the rules forbid, but the list must show what happened)."""

    class Kind(models.TextChoices):
        LOCAL_SPECIALTY = "local_specialty", _("Local specialty (土特产)")
        SOUVENIR = "souvenir", _("Souvenir")
        CASH = "cash", _("Cash or securities")
        OTHER = "other", _("Other")

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="gifts"
    )
    description = models.CharField(_("description"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LOCAL_SPECIALTY)
    value = models.DecimalField(_("value (yuan)"), **MONEY, default=ZERO, validators=NON_NEGATIVE)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="reception_gift_value_not_negative")]

    def __str__(self):
        return self.description


class WelcomeEvent(models.Model):
    """A welcome or send-off, with where it took place."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        SEND_OFF = "send_off", _("Send-off")

    class PlaceKind(models.TextChoices):
        OFFICE = "office", _("Office or work site")
        VENUE = "venue", _("Hotel or venue")
        AIRPORT = "airport", _("Airport")
        STATION = "station", _("Railway or bus station")
        DOCK = "dock", _("Dock")
        BORDER = "border", _("Jurisdiction border")
        OTHER = "other", _("Other")

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    place_kind = models.CharField(_("kind of place"), max_length=10, choices=PlaceKind.choices)
    place = models.CharField(_("place"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("welcome or send-off")
        verbose_name_plural = _("welcomes and send-offs")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.place or self.get_place_kind_display()}"


def attachment_path(instance, filename):
    # A random name on disk (the original is kept in the row): nobody can reach a scan by guessing its path.
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:8]
    return f"reception/{instance.record.start_date:%Y}/{instance.record_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """An invoice scan or other supporting document; served only through a permission-checked view."""

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def owner_department_id(self):
        return self.record.host_department_id


class Finding(models.Model):
    """A rule a request or record breaks; recomputed on every save. `reason` is the rule's text (English msgid)."""

    class Severity(models.TextChoices):
        VIOLATION = "violation", _("Violation")
        ADVICE = "advice", _("Advice")

    request = models.ForeignKey(
        ReceptionRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    record = models.ForeignKey(
        ReceptionRecord,
        verbose_name=_("record"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    code = models.CharField(_("rule"), max_length=40)
    reason = models.CharField(_("reason"), max_length=300)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.VIOLATION)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    params = models.JSONField(_("detail values"), default=dict, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.CheckConstraint(
                condition=Q(request__isnull=True, record__isnull=False) | Q(request__isnull=False, record__isnull=True),
                name="reception_finding_one_subject",
            ),
        ]

    def __str__(self):
        return self.reason_display

    @property
    def reason_display(self):
        return gettext(self.reason)

    @property
    def detail_display(self):
        if not self.detail:
            return ""
        params = dict(self.params)
        if "meal" in params:
            params["meal"] = Meal.Kind(params["meal"]).label if params["meal"] in Meal.Kind.values else params["meal"]
        if "place" in params and params["place"] in WelcomeEvent.PlaceKind.values:
            params["place"] = WelcomeEvent.PlaceKind(params["place"]).label
        try:
            return gettext(self.detail) % params
        except (KeyError, TypeError, ValueError):
            return self.detail


class Justification(models.Model):
    """A leader's written reason, kept: signing off a record with findings, or letting it pass the cap."""

    class Kind(models.TextChoices):
        FINDINGS = "findings", _("Sign-off despite findings")
        CAP_OVERRIDE = "cap_override", _("Cap override")

    record = models.ForeignKey(
        ReceptionRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="justifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    amount = models.DecimalField(
        _("amount covered (yuan)"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("For a cap override: the total it covers."),
    )
    findings_snapshot = models.JSONField(_("findings at the time"), default=list, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("justification")
        verbose_name_plural = _("justifications")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="reception_justification_has_reason"),
            models.CheckConstraint(
                condition=~Q(kind="cap_override") | Q(amount__isnull=False), name="reception_override_has_amount"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.record}"
