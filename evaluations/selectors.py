"""Reads of the evaluations app: rounds a user may see, results (for pages, dashboards and disclosure), ballots."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from liujiguan.permissions import user_department_id, user_role

from . import counting, rules
from .models import Ballot, FourGoodAward, Round


def rounds_for_user(*, user):
    """Rounds listed for this user: everything for the office, results-visible rounds for the others."""
    role = user_role(user)
    statuses = [s for s in Round.Status.values if rules.round_listed(role=role, status=s)]
    return (
        Round.objects.filter(status__in=statuses)
        .select_related("campaign")
        .annotate(department_count=Count("departments", distinct=True))
        .order_by("-closes_at", "-pk")
    )


def round_result(*, round: Round) -> counting.RoundResult:
    return counting.round_result(round)


def round_summary(*, round: Round) -> counting.RoundResult:
    """Participation and validity without the department rows (read them with ranking_extremes or ranking_rows)."""
    return counting.round_result(round, with_departments=False)


def ranking_extremes(*, round: Round, result: counting.RoundResult, shown: int) -> counting.Ranking:
    """The best and the worst `shown` departments (all of them when there are at most twice as many)."""
    return counting.ranking_extremes(round, shown=shown, valid=result.valid)


class RankingRows:
    """The whole ranking as Django's Paginator reads it: count() in one query, and each page one statement with
    LIMIT/OFFSET, so a page never builds rows for every department."""

    def __init__(self, *, round: Round, result: counting.RoundResult, search: str = ""):
        self.round, self.valid, self.search = round, result.valid, search

    def count(self) -> int:
        return counting.ranking_count(self.round, search=self.search)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankingRows takes only plain slices")
        start = index.start or 0
        return counting.ranking_slice(
            self.round, offset=start, limit=index.stop - start, valid=self.valid, search=self.search
        )


def ranking_rows(*, round: Round, result: counting.RoundResult, search: str = "") -> RankingRows:
    """Every department of the ranking (or those whose name contains `search`), for a Paginator."""
    return RankingRows(round=round, result=result, search=search.strip())


def published_results(*, campaign=None) -> list[counting.RoundResult]:
    """Results of every published round (newest first), optionally of one campaign. Only valid rounds get published."""
    rounds = Round.objects.filter(status=Round.Status.PUBLISHED).select_related("campaign")
    if campaign is not None:
        rounds = rounds.filter(campaign=campaign)
    return [counting.round_result(r) for r in rounds.order_by("-published_at", "-pk")]


def latest_results(*, campaign) -> list[counting.RoundResult]:
    """For each kind of round, the results of the latest published round of the campaign (in kind order)."""
    results = []
    for kind in Round.Kind.values:
        latest = (
            Round.objects.filter(campaign=campaign, kind=kind, status=Round.Status.PUBLISHED)
            .select_related("campaign")
            .order_by("-published_at", "-pk")
            .first()
        )
        if latest is not None:
            results.append(counting.round_result(latest))
    return results


def awards(*, campaign):
    return FourGoodAward.objects.filter(campaign=campaign).select_related("department", "round")


def open_ballots(*, user, now=None):
    """The user's unused ballots in rounds accepting votes now, soonest closing first."""
    now = now or timezone.now()
    return (
        Ballot.objects.filter(
            user=user,
            used_at__isnull=True,
            round__status=Round.Status.OPEN,
            round__opens_at__lte=now,
            round__closes_at__gt=now,
        )
        .select_related("round", "rater_group")
        .order_by("round__closes_at")
    )


def ballots_of_user(*, user):
    return Ballot.objects.filter(user=user).select_related("round", "rater_group").order_by("-round__closes_at")


def can_see_ranking(*, user, round: Round) -> bool:
    return rules.ranking_visible(role=user_role(user), status=round.status)


def can_see_department(*, user, round: Round, department_id: int) -> bool:
    return rules.department_result_visible(
        role=user_role(user),
        status=round.status,
        department_id=department_id,
        own_department_id=user_department_id(user),
    )


def department_detail(*, round: Round, department_id: int, result: counting.RoundResult):
    """One department's row, its criteria scores and the choice counts of the groups large enough to show."""
    row = next((d for d in result.departments if d.department_id == department_id), None)
    shown = {g.group.pk for g in result.groups if g.shown}
    scores = counting.criterion_scores(round, department_id)
    criteria = list(round.criteria.order_by("order", "pk"))
    groups = {g.group.pk: g.group for g in result.groups}
    cells = counting.group_cells(round, department_id, shown)
    for cell in cells:
        cell["group"] = groups[cell["rater_group_id"]]
        cell["mean"] = counting.quantize(cell["mean"])
    return {
        "row": row,
        "criteria": [{"criterion": c, "score": scores.get(c.pk)} for c in criteria],
        "cells": cells,
        "hidden_groups": [g for g in result.groups if not g.shown],
    }


def round_counts(*, round: Round):
    """Ballots handed out and used so far (for the office while a round is open)."""
    return Ballot.objects.filter(round=round).aggregate(
        handed_out=Count("pk"), voted=Count("pk", filter=Q(used_at__isnull=False))
    )
