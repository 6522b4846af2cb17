"""Writes of the evaluations app: setting rounds up, issuing ballots, voting once and anonymously, publishing."""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from liujiguan.permissions import user_department_id

from . import counting
from .models import Ballot, Band, Criterion, FourGoodAward, RaterGroup, Response, Round

FOUR_GOOD_CRITERIA = [
    # name, description, pillar type
    ("学习好", "学习制度健全，理论学习和业务学习扎实", "learning"),
    ("服务好", "服务意识强，办事热情周到，群众满意", "service"),
    ("管理好", "制度完善，管理规范，工作高效", "efficiency"),
    ("廉政好", "廉洁自律，作风清正，无违纪违规", "integrity"),
]
APPRAISAL_CRITERIA = [
    ("服务态度", "热情、耐心、文明用语"),
    ("办事效率", "按时限办结，不推诿扯皮"),
    ("依法行政", "依法依规，公开透明"),
    ("廉洁自律", "不吃拿卡要，不以权谋私"),
]
DEFAULT_BANDS = [
    ("满意", Decimal("85")),
    ("比较满意", Decimal("75")),
    ("基本满意", Decimal("60")),
    ("不满意", Decimal("0")),
]
DEFAULT_GROUPS = {
    Round.Kind.FOUR_GOOD: [("领导班子", Decimal("40"), 9), ("机关干部职工", Decimal("60"), 60)],
    Round.Kind.DEMOCRATIC_APPRAISAL: [
        ("人大代表、政协委员", Decimal("30"), 20),
        ("企业代表", Decimal("35"), 30),
        ("群众代表", Decimal("35"), 40),
    ],
    Round.Kind.SATISFACTION: [
        ("人大代表、政协委员", Decimal("25"), 20),
        ("企业代表", Decimal("25"), 30),
        ("社区居民", Decimal("25"), 40),
        ("机关干部职工", Decimal("25"), 40),
    ],
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def round_create(*, campaign, kind, title, opens_at, closes_at, departments=(), with_defaults=True, **fields) -> Round:
    """A draft round; with_defaults adds the usual criteria, bands and rater groups for its kind."""
    round = Round.objects.create(
        campaign=campaign, kind=kind, title=title, opens_at=opens_at, closes_at=closes_at, **fields
    )
    if departments:
        round.departments.set(departments)
    if with_defaults:
        round_defaults_apply(round=round)
    return round


def round_defaults_apply(*, round: Round) -> None:
    """The common criteria (学习好、服务好、管理好、廉政好 for four-good), the usual bands and rater groups."""
    if round.kind == Round.Kind.FOUR_GOOD:
        pillars = {p.type: p for p in round.campaign.pillars.all()}
        for order, (name, description, pillar_type) in enumerate(FOUR_GOOD_CRITERIA, start=1):
            Criterion.objects.get_or_create(
                round=round,
                name=name,
                defaults={
                    "description": description,
                    "pillar": pillars.get(pillar_type),
                    "weight": Decimal("25"),
                    "scale": Criterion.Scale.SCORE,
                    "order": order,
                },
            )
    elif round.kind == Round.Kind.DEMOCRATIC_APPRAISAL:
        for order, (name, description) in enumerate(APPRAISAL_CRITERIA, start=1):
            Criterion.objects.get_or_create(
                round=round,
                name=name,
                defaults={"description": description, "scale": Criterion.Scale.CHOICE, "order": order},
            )
    else:
        Criterion.objects.get_or_create(
            round=round,
            name="总体评价",
            defaults={"description": "对该单位工作的总体评价", "scale": Criterion.Scale.CHOICE, "order": 1},
        )
    for label, min_score in DEFAULT_BANDS:
        Band.objects.get_or_create(round=round, label=label, defaults={"min_score": min_score})
    for order, (name, weight, issued) in enumerate(DEFAULT_GROUPS[round.kind], start=1):
        RaterGroup.objects.get_or_create(
            round=round, name=name, defaults={"weight": weight, "ballots_issued": issued, "order": order}
        )


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


def _round_open_locked(round: Round, now) -> bool:
    """Whether the round accepts votes now, holding a shared lock on its row until the vote commits: votes do not
    wait for each other, but closing (FOR UPDATE) waits for votes in flight, so the tally made at closing has every
    answer. SQLite (development only) locks the whole database on write, which serialises the same way."""
    qs = Round.objects.filter(pk=round.pk, status=Round.Status.OPEN, opens_at__lte=now, closes_at__gt=now)
    if connection.vendor != "postgresql":
        return qs.exists()
    sql, params = qs.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR SHARE", params)
        return cursor.fetchone() is not None


@transaction.atomic
def round_open(*, round: Round, now=None) -> Round:
    now = now or timezone.now()
    round = _lock(round)
    if round.status != Round.Status.DRAFT:
        raise ValidationError(_("Only a draft round can be opened."))
    problems = []
    if not round.departments.exists():
        problems.append(_("Choose the departments to be rated."))
    if not round.criteria.exists():
        problems.append(_("Add at least one criterion."))
    if not round.rater_groups.exists():
        problems.append(_("Add at least one rater group."))
    if round.closes_at <= now:
        problems.append(_("The closing time has already passed."))
    if problems:
        raise ValidationError(problems)
    round.status = Round.Status.OPEN
    round.save(update_fields=["status", "modified"])
    return round


@transaction.atomic
def round_close(*, round: Round) -> Round:
    round = _lock(round)
    if round.status != Round.Status.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    round.status = Round.Status.CLOSED
    round.save(update_fields=["status", "modified"])
    # No answer is accepted from now on: add them up once, and read results from the tally.
    counting.tally_record(round)
    return round


def rounds_close_due(*, now=None) -> int:
    """Close (and tally) every open round whose closing time has passed (the scheduled sweep calls this)."""
    now = now or timezone.now()
    closed = 0
    for pk in Round.objects.filter(status=Round.Status.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            round = Round.objects.select_for_update().get(pk=pk)
            if round.status != Round.Status.OPEN:  # closed by hand meanwhile
                continue
            round.status = Round.Status.CLOSED
            round.modified = now
            round.save(update_fields=["status", "modified"])
            counting.tally_record(round)
            closed += 1
    return closed


@transaction.atomic
def round_publish(*, round: Round, now=None) -> counting.RoundResult:
    """Publish a closed, valid round; a four-good round designates its top departments 四好科室 for the campaign."""
    now = now or timezone.now()
    round = _lock(round)
    if round.status == Round.Status.OPEN and round.closes_at <= now:
        round.status = Round.Status.CLOSED
    if round.status != Round.Status.CLOSED:
        raise ValidationError(_("Only a closed round can be published."))
    counting.tally_record(round)  # a round closed by its time, or before tallies existed
    result = counting.round_result(round)
    if not result.valid:
        raise ValidationError(
            _("This round cannot be published: %(reason)s.") % {"reason": counting.Validity.LABELS[result.validity]}
        )
    round.status = Round.Status.PUBLISHED
    round.published_at = now
    round.save(update_fields=["status", "published_at", "modified"])
    # The actor is the user of the current request (audit_record reads it when none is given).
    audit_record(action=AuditEvent.Action.PUBLICATION, obj=round, detail={"departments": len(result.departments)})
    if round.kind == Round.Kind.FOUR_GOOD:
        for department in result.named(counting.Named.TOP):
            FourGoodAward.objects.update_or_create(
                campaign=round.campaign,
                department_id=department.department_id,
                defaults={"round": round, "rank": department.rank, "score": department.score},
            )
    return result


def _group_issued_at_least_handed_out(group: RaterGroup) -> None:
    handed_out = group.ballots.count()
    if handed_out > group.ballots_issued:
        group.ballots_issued = handed_out
        group.save(update_fields=["ballots_issued", "modified"])


@transaction.atomic
def internal_ballots_issue(*, rater_group: RaterGroup, users) -> int:
    """Give each user a ballot in the group's round (a user votes once per round, in one group)."""
    round = rater_group.round
    if round.status not in (Round.Status.DRAFT, Round.Status.OPEN):
        raise ValidationError(_("Ballots can be issued only before the round closes."))
    existing = set(Ballot.objects.filter(round=round, user__in=users).values_list("user_id", flat=True))
    new = [Ballot(round=round, rater_group=rater_group, user=u) for u in users if u.pk not in existing]
    Ballot.objects.bulk_create(new)
    _group_issued_at_least_handed_out(rater_group)
    return len(new)


@transaction.atomic
def links_issue(*, rater_group: RaterGroup, count: int) -> list[str]:
    """Create `count` one-time links; returns the raw tokens, which are stored only hashed and never shown again."""
    round = rater_group.round
    if round.status not in (Round.Status.DRAFT, Round.Status.OPEN):
        raise ValidationError(_("Links can be issued only before the round closes."))
    if not 1 <= count <= 500:
        raise ValidationError(_("Issue between 1 and 500 links at a time."))
    tokens = [secrets.token_urlsafe(18) for _ in range(count)]
    Ballot.objects.bulk_create([Ballot(round=round, rater_group=rater_group, token_hash=token_hash(t)) for t in tokens])
    _group_issued_at_least_handed_out(rater_group)
    return tokens


def ballot_for_token(token: str) -> Ballot | None:
    if not token or len(token) > 100:
        return None
    return Ballot.objects.select_related("round", "rater_group").filter(token_hash=token_hash(token)).first()


def ballot_rater_department_id(ballot: Ballot) -> int | None:
    return user_department_id(ballot.user) if ballot.user_id else None


def ballot_check_usable(*, ballot: Ballot | None, now=None) -> None:
    """Raise a ValidationError saying why this ballot cannot be used now."""
    now = now or timezone.now()
    if ballot is None:
        raise ValidationError(_("This ballot link is not valid. Check that the whole address was copied."), "invalid")
    if ballot.used_at is not None:
        raise ValidationError(_("This ballot has already been submitted; it cannot be used or changed again."), "used")
    round = ballot.round
    if round.status == Round.Status.DRAFT or now < round.opens_at:
        raise ValidationError(_("Voting in this round has not started yet."), "not_open")
    if not round.accepts_votes(now):
        raise ValidationError(_("Voting in this round is closed."), "closed")


def ballot_items(*, round: Round, rater_department_id: int | None):
    """The departments this rater rates (never their own) and the round's criteria."""
    departments = list(round.departments.order_by("order", "name"))
    if rater_department_id is not None:
        departments = [d for d in departments if d.pk != rater_department_id]
    return departments, list(round.criteria.order_by("order", "pk"))


def answers_clean(*, round: Round, answers: dict, rater_department_id: int | None):
    """Check a ballot's answers {(department_id, criterion_id): raw} and return (dept, criterion, choice, value) rows.

    Raises ValidationError listing every problem: own department, unknown items, missing required answers,
    scores outside the scale, choices not offered.
    """
    departments, criteria = ballot_items(round=round, rater_department_id=rater_department_id)
    by_dept = {d.pk: d for d in departments}
    by_crit = {c.pk: c for c in criteria}
    errors, rows = [], []
    for department_id, criterion_id in answers:
        if department_id == rater_department_id and rater_department_id is not None:
            errors.append(ValidationError(_("You cannot rate your own department."), "own_department"))
        elif department_id not in by_dept or criterion_id not in by_crit:
            errors.append(ValidationError(_("The ballot contains an item that is not part of this round."), "forged"))
    for department in departments:
        for criterion in criteria:
            raw = answers.get((department.pk, criterion.pk))
            raw = "" if raw is None else str(raw).strip()
            where = {"department": department.name, "criterion": criterion.name}
            if raw == "":
                if criterion.required:
                    errors.append(ValidationError(_("Missing: %(department)s — %(criterion)s.") % where, "missing"))
                continue
            if criterion.scale == Criterion.Scale.SCORE:
                try:
                    value = Decimal(raw)
                except InvalidOperation:
                    value = None
                if (
                    value is None
                    or not value.is_finite()
                    or not (0 <= value <= 100)
                    or value != value.quantize(Decimal("0.01"))
                ):
                    errors.append(
                        ValidationError(
                            _("%(department)s — %(criterion)s: give a score from 0 to 100.") % where, "out_of_scale"
                        )
                    )
                    continue
                rows.append((department.pk, criterion.pk, "", value))
            else:
                allowed = [c for c in Response.Choice.values if c != Response.Choice.UNKNOWN or criterion.allow_unknown]
                if raw not in allowed:
                    errors.append(
                        ValidationError(
                            _("%(department)s — %(criterion)s: choose one of the answers offered.") % where,
                            "out_of_scale",
                        )
                    )
                    continue
                rows.append((department.pk, criterion.pk, raw, criterion.points_for(raw)))
    if errors:
        raise ValidationError(errors)
    return rows


def ballot_submit(*, ballot: Ballot, answers: dict, now=None) -> int:
    """Record a ballot once: consume it and store its answers anonymously in one transaction.

    The ballot is consumed with a conditional UPDATE (… WHERE used_at IS NULL): of two concurrent submissions the
    second waits for the first's row lock, then matches no row and is refused, so exactly one counts.
    """
    now = now or timezone.now()
    ballot_check_usable(ballot=ballot, now=now)
    round = ballot.round
    rows = answers_clean(round=round, answers=answers, rater_department_id=ballot_rater_department_id(ballot))
    if not rows:
        raise ValidationError(_("The ballot is empty."), "missing")
    with transaction.atomic():
        if not _round_open_locked(round, now):
            raise ValidationError(_("Voting in this round is closed."), "closed")
        consumed = Ballot.objects.filter(pk=ballot.pk, used_at__isnull=True).update(used_at=now)
        if consumed != 1:
            raise ValidationError(
                _("This ballot has already been submitted; it cannot be used or changed again."), "used"
            )
        # A fresh random key, unrelated to the ballot; rows in random order with random primary keys.
        key = uuid.uuid4()
        day = timezone.localdate(now)
        random.SystemRandom().shuffle(rows)
        Response.objects.bulk_create(
            [
                Response(
                    round=round,
                    rater_group_id=ballot.rater_group_id,
                    department_id=department_id,
                    criterion_id=criterion_id,
                    ballot_key=key,
                    choice=choice,
                    value=value,
                    submitted_on=day,
                )
                for department_id, criterion_id, choice, value in rows
            ]
        )
    return len(rows)


def rater_reminders_due(*, now=None, days: int = 3) -> list[tuple]:
    """(user, round) pairs of internal raters who have not voted in open rounds closing within `days` days.

    The dashboards sweep calls this and sends one consolidated message per person; nothing is sent here.
    """
    now = now or timezone.now()
    ballots = (
        Ballot.objects.filter(
            user__isnull=False,
            user__is_active=True,
            used_at__isnull=True,
            round__status=Round.Status.OPEN,
            round__opens_at__lte=now,
            round__closes_at__gt=now,
            round__closes_at__lte=now + timedelta(days=days),
        )
        .select_related("user", "round")
        .order_by("user_id", "round__closes_at", "round_id")
    )
    return [(b.user, b.round) for b in ballots]


def criterion_next_order(round: Round) -> int:
    return (round.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
