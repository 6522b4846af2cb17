"""Appraisal rounds, their criteria, bands and rater groups; anonymous ballots; four-good awards.

Anonymity is kept by construction: `Ballot` records who (or which link) may vote and whether they have voted;
`Response` holds the answers with only the round, rater group, department, criterion, value, a random ballot key and
the date. No column of `Response` points at a ballot, a user or a token, and its primary key is random, so neither
a join nor the order of rows ties an answer to a voter.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel

ZERO = Decimal("0")
HUNDRED = Decimal("100")


class Round(TimeStampedModel):
    """One appraisal (评议) held in a campaign: who is rated, by whom, on what, and when."""

    class Kind(models.TextChoices):
        FOUR_GOOD = "four_good", _("Four-good department assessment (四好科室)")
        DEMOCRATIC_APPRAISAL = "democratic_appraisal", _("Democratic appraisal of work style (行风民主评议)")
        SATISFACTION = "satisfaction", _("Satisfaction rating (满意/不满意单位评议)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for votes")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Published")

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="evaluation_rounds"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions for raters"), blank=True)
    departments = models.ManyToManyField(
        "leadership.Department", verbose_name=_("departments rated"), related_name="evaluation_rounds", blank=True
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    quorum_percent = models.DecimalField(
        _("quorum (% of ballots issued)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
        help_text=_("The round is valid only when more than this share of the ballots issued is returned."),
    )
    top_n = models.PositiveIntegerField(
        _("top N named"), default=3, help_text=_("How many of the best-ranked are named satisfied (ties included).")
    )
    bottom_n = models.PositiveIntegerField(
        _("bottom N named"),
        default=1,
        help_text=_("How many of the lowest-ranked are named unsatisfied (ties included); 0 names none."),
    )
    award_min_score = models.DecimalField(
        _("minimum score to be named"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("85"),
        help_text=_("A top-ranked department is named satisfied (or four-good) only with at least this score."),
    )
    warning_below = models.DecimalField(
        _("bottom named only below"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A bottom-ranked department is named unsatisfied only below this score; empty: always."),
    )
    min_group_size = models.PositiveIntegerField(
        _("minimum responses to show a group"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("A rater group's own results are hidden below this many returned ballots, to protect anonymity."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    tallied_at = models.DateTimeField(
        _("tallied at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the answers were tallied at closing; results are read from the tally from then on."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_at", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=0) & Q(quorum_percent__lte=100), name="round_quorum_percent_range"
            ),
            models.CheckConstraint(condition=Q(min_group_size__gte=1), name="round_min_group_size_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluations:round-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None

    @property
    def is_editable(self):
        """Structure (departments, criteria, rater groups) changes only before the round opens."""
        return self.status == self.Status.DRAFT

    def accepts_votes(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    @property
    def ranks_by_rate(self):
        """Satisfaction ratings rank by satisfaction rate; assessments by weighted score."""
        return self.kind == self.Kind.SATISFACTION


class Criterion(TimeStampedModel):
    """What raters judge: a score from 0 to 100, or one of 满意 / 基本满意 / 不满意 (/ 不了解) worth given points."""

    class Scale(models.TextChoices):
        SCORE = "score", _("Score 0–100")
        CHOICE = "choice", _("Satisfied / basically satisfied / unsatisfied")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    pillar = models.ForeignKey(
        "campaigns.Pillar",
        verbose_name=_("pillar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_criteria",
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(ZERO)]
    )
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices, default=Scale.SCORE)
    required = models.BooleanField(_("required"), default=True)
    allow_unknown = models.BooleanField(
        _("allow “don't know”"), default=True, help_text=_("Only for choices; 不了解 is left out of the rate.")
    )
    points_satisfied = models.DecimalField(_("points for satisfied"), max_digits=5, decimal_places=2, default=100)
    points_basic = models.DecimalField(_("points for basically satisfied"), max_digits=5, decimal_places=2, default=60)
    points_unsatisfied = models.DecimalField(_("points for unsatisfied"), max_digits=5, decimal_places=2, default=0)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="criterion_unique_name_per_round"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(points_satisfied__gte=0, points_satisfied__lte=100)
                & Q(points_basic__gte=0, points_basic__lte=100)
                & Q(points_unsatisfied__gte=0, points_unsatisfied__lte=100),
                name="criterion_points_within_scale",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def owner_department_id(self):
        return None

    def points_for(self, choice):
        """Points of a choice; None for 不了解 (it counts in no average)."""
        return {
            Response.Choice.SATISFIED: self.points_satisfied,
            Response.Choice.BASIC: self.points_basic,
            Response.Choice.UNSATISFIED: self.points_unsatisfied,
        }.get(choice)


class Band(models.Model):
    """A band of the 100-point scale (e.g. ≥ 85 satisfied); a score falls in the highest band it reaches."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(_("label"), max_length=50)
    min_score = models.DecimalField(
        _("from score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
    )

    class Meta:
        ordering = ["round", "-min_score"]
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        constraints = [
            models.UniqueConstraint(fields=["round", "min_score"], name="band_unique_threshold_per_round"),
            models.UniqueConstraint(fields=["round", "label"], name="band_unique_label_per_round"),
        ]

    def __str__(self):
        return f"{self.label} ≥ {self.min_score}"


class RaterGroup(TimeStampedModel):
    """Who rates (leaders, staff, deputies, enterprises, residents…), with the group's weight and ballots issued."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="rater_groups")
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(ZERO)]
    )
    ballots_issued = models.PositiveIntegerField(
        _("ballots issued"),
        default=0,
        help_text=_("How many were called to rate; the quorum and the void rule use it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    returned_at_close = models.PositiveIntegerField(
        _("ballots returned (tallied at closing)"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("rater group")
        verbose_name_plural = _("rater groups")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="ratergroup_unique_name_per_round"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="ratergroup_weight_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def owner_department_id(self):
        return None


class Ballot(models.Model):
    """The right to vote once in a round: an internal rater's login or a one-time link (its token, hashed).

    This is the participation record ("who has voted, and when"); it never points at the answers.
    """

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="ballots")
    rater_group = models.ForeignKey(
        RaterGroup, verbose_name=_("rater group"), on_delete=models.CASCADE, related_name="ballots"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("internal rater"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_ballots",
    )
    token_hash = models.CharField(_("link token (hashed)"), max_length=64, null=True, blank=True, unique=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    used_at = models.DateTimeField(_("voted at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "rater_group", "pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(token_hash__isnull=True))
                | (Q(user__isnull=True) & Q(token_hash__isnull=False)),
                name="ballot_user_xor_link",
            ),
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(user__isnull=False), name="ballot_one_per_user_per_round"
            ),
        ]
        indexes = [models.Index(fields=["user", "used_at"], name="ballot_user_used_idx")]

    def __str__(self):
        who = self.user.get_username() if self.user_id else _("link")
        return f"{self.round} · {self.rater_group} · {who}"

    @property
    def owner_department_id(self):
        return None

    @property
    def is_link(self):
        return self.token_hash is not None


class Response(models.Model):
    """One answer on one ballot: a department's mark on one criterion. Carries nothing that identifies the rater.

    `ballot_key` is a random UUID drawn at submission, shared by the answers of one ballot so that returned ballots
    can be counted; it is unrelated to the ballot's id, login or token. Only the date of submission is kept.
    """

    class Choice(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied (满意)")
        BASIC = "basic", _("Basically satisfied (基本满意)")
        UNSATISFIED = "unsatisfied", _("Unsatisfied (不满意)")
        UNKNOWN = "unknown", _("Don't know (不了解)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses")
    rater_group = models.ForeignKey(
        RaterGroup, verbose_name=_("rater group"), on_delete=models.PROTECT, related_name="responses"
    )
    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="responses"
    )
    ballot_key = models.UUIDField(_("ballot key"), db_index=True)
    choice = models.CharField(_("choice"), max_length=12, choices=Choice.choices, blank=True)
    value = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
        help_text=_("Empty for “don't know”."),
    )
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        ordering = ["round", "department", "criterion"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot_key", "department", "criterion"], name="response_one_answer_per_ballot_item"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & Q(value__lte=100)), name="response_value_in_scale"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(choice="unknown"), name="response_only_unknown_without_value"
            ),
        ]
        indexes = [models.Index(fields=["round", "department", "criterion", "rater_group"], name="response_cell_idx")]

    def __str__(self):
        return f"{self.department} · {self.criterion}: {self.get_choice_display() or self.value}"


class Tally(models.Model):
    """The answers of a closed round added up per department, criterion and rater group (one row per cell).

    Written once when the round closes (no answer is accepted after that), so that results, rankings and exports
    read a few thousand cells instead of every answer. Holds counts and sums only, like the live count it replaces.
    """

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="tallies")
    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    rater_group = models.ForeignKey(
        RaterGroup, verbose_name=_("rater group"), on_delete=models.CASCADE, related_name="+"
    )
    marks = models.PositiveIntegerField(_("answers with points"))
    points = models.DecimalField(_("sum of points"), max_digits=14, decimal_places=2, null=True)
    positive = models.PositiveIntegerField(_("satisfied or basically satisfied"))
    rated = models.PositiveIntegerField(_("answers other than don't know"))

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "criterion", "rater_group"], name="tally_one_row_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.round_id} · {self.department_id} · {self.criterion_id} · {self.rater_group_id}"


class FourGoodAward(TimeStampedModel):
    """A department designated 四好科室(站所) for a campaign by a published four-good round."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="four_good_awards"
    )
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="awards")
    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.CASCADE, related_name="four_good_awards"
    )
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "rank", "department__order"]
        verbose_name = _("four-good department award")
        verbose_name_plural = _("four-good department awards")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "department"], name="fourgoodaward_once_per_campaign"),
        ]

    def __str__(self):
        return f"{self.department} · {self.campaign}"

    @property
    def owner_department_id(self):
        return self.department_id
