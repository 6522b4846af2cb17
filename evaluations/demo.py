"""Demo evaluations: a published round of each kind with realistic ballots, and one round open for votes."""

import random
import secrets
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import Ballot, Criterion, Response, Round

# How well each unit is regarded (drives the random marks; the result is whatever the ballots say).
QUALITY = {
    "办公室": 88,
    "组织人事科": 86,
    "财务科": 84,
    "经济发展科": 82,
    "规划建设科": 79,
    "社会事务科": 83,
    "纪检监察室": 90,
    "招商服务中心": 87,
    "环境卫生站": 73,
    "景区管理站": 85,
    "第一管理队": 80,
    "第二管理队": 70,
    "第三管理队": 77,
}
STATIONS = ["招商服务中心", "环境卫生站", "景区管理站", "第一管理队", "第二管理队", "第三管理队"]

FINISHED = [
    # kind, title, days ago it closed, departments (None: all), share of ballots returned, thresholds
    (
        Round.Kind.FOUR_GOOD,
        "“四好科室（站所）”创建评议",
        40,
        None,
        0.85,
        {"top_n": 3, "award_min_score": Decimal("85"), "bottom_n": 1, "warning_below": Decimal("75")},
    ),
    (
        Round.Kind.DEMOCRATIC_APPRAISAL,
        "基层站所行风民主评议",
        25,
        STATIONS,
        0.78,
        {"top_n": 2, "award_min_score": Decimal("80"), "bottom_n": 1},
    ),
    (
        Round.Kind.SATISFACTION,
        "社会各界评议满意和不满意单位",
        12,
        None,
        0.72,
        {"top_n": 3, "award_min_score": Decimal("85"), "bottom_n": 2, "warning_below": Decimal("85")},
    ),
]
OPEN_TITLE = "服务对象满意度测评（上半年）"


def _mark(rng, quality, criterion):
    if criterion.scale == Criterion.Scale.SCORE:
        return None, Decimal(max(40, min(100, round(rng.gauss(quality, 6)))))
    roll = rng.random() * 100
    if roll > 97:
        choice = Response.Choice.UNKNOWN
    elif roll < quality - 15:
        choice = Response.Choice.SATISFIED
    elif roll < quality + 8:
        choice = Response.Choice.BASIC
    else:
        choice = Response.Choice.UNSATISFIED
    return choice, criterion.points_for(choice)


def _ballots(*, round, group, count, rng, day_from, days, departments):
    """`count` returned link ballots: participation rows and anonymous responses, as a meeting would leave them."""
    criteria = list(round.criteria.all())
    ballots, responses = [], []
    for _ in range(count):
        day = day_from + timedelta(days=rng.randrange(days))
        ballots.append(
            Ballot(
                round=round,
                rater_group=group,
                token_hash=services.token_hash(secrets.token_urlsafe(18)),
                issued_at=round.opens_at,
                used_at=timezone.make_aware(datetime.combine(day, time.min) + timedelta(hours=9 + rng.random() * 8)),
            )
        )
        key = uuid.uuid4()
        own = rng.choice(departments) if round.kind == Round.Kind.FOUR_GOOD else None  # staff skip their own
        for department in departments:
            if department == own:
                continue
            for criterion in criteria:
                choice, value = _mark(rng, QUALITY.get(department.name, 80), criterion)
                responses.append(
                    Response(
                        round=round,
                        rater_group=group,
                        department=department,
                        criterion=criterion,
                        ballot_key=key,
                        choice=choice or "",
                        value=value,
                        submitted_on=day,
                    )
                )
    Ballot.objects.bulk_create(ballots)
    Response.objects.bulk_create(responses, batch_size=500)


def load(*, context):
    campaign = context["campaign"]
    departments = context["departments"]
    now = timezone.now().replace(second=0, microsecond=0)
    rng = random.Random(2026)
    year = timezone.localdate().year

    for kind, title, closed_days_ago, names, share, thresholds in FINISHED:
        full_title = f"{year}年度{title}"
        if Round.objects.filter(campaign=campaign, title=full_title).exists():
            continue
        rated = [departments[n] for n in (names or QUALITY) if n in departments]
        closes_at = now - timedelta(days=closed_days_ago)
        round = services.round_create(
            campaign=campaign,
            kind=kind,
            title=full_title,
            opens_at=closes_at - timedelta(days=5),
            closes_at=closes_at,
            departments=rated,
            instructions="请根据平时接触和了解，客观公正地评议。每张评议票只能提交一次，评议结果不记名。",
            **thresholds,
        )
        for group in round.rater_groups.all():
            returned = round_half(group.ballots_issued * share + rng.randint(-2, 2))
            _ballots(
                round=round,
                group=group,
                count=min(returned, group.ballots_issued),
                rng=rng,
                day_from=timezone.localdate(round.opens_at),
                days=5,
                departments=rated,
            )
        Round.objects.filter(pk=round.pk).update(status=Round.Status.CLOSED)
        round.refresh_from_db()
        services.round_publish(round=round, now=closes_at + timedelta(days=3))

    if not Round.objects.filter(campaign=campaign, title=OPEN_TITLE).exists():
        rated = [departments[n] for n in QUALITY if n in departments]
        round = services.round_create(
            campaign=campaign,
            kind=Round.Kind.SATISFACTION,
            title=OPEN_TITLE,
            opens_at=now - timedelta(days=2),
            closes_at=now + timedelta(days=2),
            departments=rated,
            instructions="扫描二维码或登录平台进行评议。请对每个单位选择一项评价，不了解的可选“不了解”。",
            top_n=3,
            bottom_n=2,
        )
        services.round_open(round=round, now=now)
        groups = {g.name: g for g in round.rater_groups.all()}
        users = get_user_model().objects.filter(username__in=["office", "leader", "dept", "viewer"])
        services.internal_ballots_issue(rater_group=groups["机关干部职工"], users=list(users))
        services.links_issue(rater_group=groups["企业代表"], count=12)  # printed, not yet used
        services.links_issue(rater_group=groups["社区居民"], count=15)
        for name, count in [("企业代表", 9), ("社区居民", 11), ("人大代表、政协委员", 6)]:
            _ballots(
                round=round,
                group=groups[name],
                count=count,
                rng=rng,
                day_from=timezone.localdate(round.opens_at),
                days=2,
                departments=rated,
            )


def round_half(value) -> int:
    return max(0, int(value + 0.5))
