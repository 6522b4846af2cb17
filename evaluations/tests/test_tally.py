"""The tally written when a round closes: the same results as counting every answer, read from a few cells."""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .. import counting, services
from ..models import Response, Round, Tally
from .factories import CriterionFactory, RaterGroupFactory, RoundFactory
from .test_counting import _vote, worked  # noqa: F401  (the hand-worked round)


def _everything(round):
    result = counting.round_result(round)
    return (
        result.validity,
        result.issued,
        result.returned,
        [(g.group.pk, g.issued, g.handed_out, g.voted, g.returned, g.shown) for g in result.groups],
        result.departments,
        counting.criterion_scores_all(round),
        counting.ranking_extremes(round, shown=1, valid=True).rows,
        counting.ranking_slice(round, offset=1, limit=2, valid=True, search="科"),
    )


def test_closing_tallies_the_answers_and_results_read_the_same(worked):  # noqa: F811
    round, (a, b, c, d), (c1, c2), (leaders, staff) = worked
    live = _everything(round)
    assert [(r.name, r.score, r.rank) for r in live[4]] == [
        ("甲科", Decimal("87.20"), 1),
        ("乙科", Decimal("83.20"), 2),
        ("丙科", Decimal("83.20"), 2),
        ("丁科", Decimal("58.00"), 4),
    ]
    services.round_close(round=round)
    round.refresh_from_db()
    assert round.status == Round.Status.CLOSED and round.tallied_at is not None
    # 4 departments × 2 criteria × 2 groups; the groups' returned ballots kept with them.
    assert Tally.objects.filter(round=round).count() == 16
    leaders.refresh_from_db()
    staff.refresh_from_db()
    assert (leaders.returned_at_close, staff.returned_at_close) == (2, 3)
    assert _everything(round) == live

    # From now on the answers are not read: results come from the tally.
    with CaptureQueriesContext(connection) as queries:
        counting.round_result(round)
    assert not any(Response._meta.db_table in q["sql"] for q in queries.captured_queries)


def test_tallying_twice_changes_nothing(worked):  # noqa: F811
    round, *_ = worked
    services.round_close(round=round)
    round.refresh_from_db()
    assert counting.tally_record(round) == 0
    assert Tally.objects.filter(round=round).count() == 16


def test_satisfaction_rounds_tally_choices_and_dont_know(db):
    from liujiguan.tests.factories import DepartmentFactory

    x = DepartmentFactory(name="X站")
    round = RoundFactory(kind=Round.Kind.SATISFACTION, departments=[x], top_n=1, bottom_n=0, award_min_score=0)
    overall = CriterionFactory(round=round, scale="choice")
    group = RaterGroupFactory(round=round, ballots_issued=4)
    for choice in ["satisfied", "basic", "unsatisfied", "unknown"]:
        _vote(group, {(x, overall): choice})
    live = _everything(round)
    services.round_close(round=round)
    round.refresh_from_db()
    cell = Tally.objects.get(round=round)
    assert (cell.marks, cell.positive, cell.rated) == (3, 2, 3)  # 不了解 has no points and is not rated
    assert _everything(round) == live
    assert live[4][0].rate == Decimal("66.67")


def test_the_scheduled_close_tallies_each_round_due(db):
    due = RoundFactory(
        status=Round.Status.OPEN,
        opens_at=timezone.now() - timedelta(days=3),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    not_yet = RoundFactory(status=Round.Status.OPEN, closes_at=timezone.now() + timedelta(days=1))
    assert services.rounds_close_due() == 1
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert (due.status, due.tallied_at is not None) == (Round.Status.CLOSED, True)
    assert (not_yet.status, not_yet.tallied_at) == (Round.Status.OPEN, None)


def test_publishing_a_round_closed_before_tallies_existed_tallies_it_first(worked):  # noqa: F811
    round, *_ = worked
    live = _everything(round)
    Round.objects.filter(pk=round.pk).update(status=Round.Status.CLOSED)  # closed by an earlier release
    round.refresh_from_db()
    services.round_publish(round=round)
    round.refresh_from_db()
    assert round.status == Round.Status.PUBLISHED and round.tallied_at is not None
    assert _everything(round) == live


@pytest.mark.django_db(transaction=True)
def test_closing_waits_for_a_vote_in_flight_so_the_tally_has_it(org):
    """A vote that passed the open-round check holds a shared lock on the round until it commits; closing takes
    the row for update, so it waits and tallies that vote too (two real transactions)."""
    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a])
    criterion = CriterionFactory(round=round)
    group = RaterGroupFactory(round=round, ballots_issued=2)
    _vote(group, {(org.dept_a, criterion): 80})
    [token] = services.links_issue(rater_group=group, count=1)
    ballot = services.ballot_for_token(token)
    original = services._round_open_locked
    locked = threading.Event()
    closed_at = []

    def slow_check(round_, now):
        ok = original(round_, now)
        locked.set()
        time.sleep(0.5)  # the vote is between its check and its commit
        return ok

    def vote():
        try:
            services.ballot_submit(ballot=ballot, answers={(org.dept_a.pk, criterion.pk): 60})
        finally:
            connections.close_all()

    def close():
        try:
            locked.wait(timeout=10)
            services.round_close(round=Round.objects.get(pk=round.pk))
            closed_at.append(time.monotonic())
        finally:
            connections.close_all()

    services._round_open_locked = slow_check
    try:
        voter, closer = threading.Thread(target=vote), threading.Thread(target=close)
        voter.start()
        closer.start()
        voter.join(timeout=30)
        closer.join(timeout=30)
    finally:
        services._round_open_locked = original
    cell = Tally.objects.get(round=round)
    assert cell.marks == 2 and cell.points == Decimal("140.00")
    with transaction.atomic():
        assert Response.objects.filter(round=round).count() == 2
