"""Ballots: once only (also under concurrency), anonymous by construction, refused with a clear reason."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from liujiguan.tests.factories import DepartmentFactory, PersonFactory, UserFactory

from .. import services
from ..models import Ballot, FourGoodAward, Response, Round
from .conftest import answers_for


def _state():
    return (Response.objects.count(), Ballot.objects.filter(used_at__isnull=False).count())


def _refused(code, **kwargs):
    before = _state()
    with pytest.raises(ValidationError) as error:
        services.ballot_submit(**kwargs)
    assert code in {e.code for e in error.value.error_list}, error.value
    assert _state() == before
    return error.value


# --- anonymity ------------------------------------------------------------------------------------------------


def test_response_table_has_no_column_that_identifies_the_rater():
    columns = {f.column for f in Response._meta.concrete_fields}
    assert columns == {
        "id",
        "round_id",
        "rater_group_id",
        "department_id",
        "criterion_id",
        "ballot_key",
        "choice",
        "value",
        "submitted_on",
    }
    related = {f.related_model for f in Response._meta.concrete_fields if f.is_relation}
    assert Ballot not in related and get_user_model() not in related
    # Only a date, never a time; the primary key is random, not a sequence.
    assert Response._meta.get_field("submitted_on").get_internal_type() == "DateField"
    assert Response._meta.pk.get_internal_type() == "UUIDField"
    assert not any(f.get_internal_type() == "DateTimeField" for f in Response._meta.concrete_fields)


@pytest.mark.django_db
def test_database_table_matches_the_model_columns():
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, Response._meta.db_table)
    assert {c.name for c in described} == {f.column for f in Response._meta.concrete_fields}


def test_ballot_key_is_unrelated_to_the_ballot(open_round, org):
    tokens = services.links_issue(rater_group=open_round.outside, count=2)
    for token in tokens:
        services.ballot_submit(ballot=services.ballot_for_token(token), answers=answers_for(open_round, 80))
    keys = set(Response.objects.values_list("ballot_key", flat=True))
    assert len(keys) == 2
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    hashes = set(Ballot.objects.values_list("token_hash", flat=True))
    assert not {str(k) for k in keys} & (ballot_ids | hashes)
    assert set(Response.objects.values_list("submitted_on", flat=True)) == {timezone.localdate()}
    assert not Ballot.objects.filter(token_hash__in=tokens).exists()


# --- once only ------------------------------------------------------------------------------------------------


def test_a_link_works_once(open_round):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    services.ballot_submit(ballot=services.ballot_for_token(token), answers=answers_for(open_round, 90))
    error = _refused("used", ballot=services.ballot_for_token(token), answers=answers_for(open_round, 10))
    assert "already been submitted" in error.messages[0]
    assert set(Response.objects.values_list("value", flat=True)) == {Decimal("90")}


def test_a_forged_link_finds_no_ballot(open_round):
    services.links_issue(rater_group=open_round.outside, count=1)
    assert services.ballot_for_token("forged-token") is None
    _refused("invalid", ballot=None, answers=answers_for(open_round, 90))


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_with_one_link_count_once(org):
    from .factories import CriterionFactory, RaterGroupFactory, RoundFactory

    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b])
    CriterionFactory(round=round, name="学习好")
    group = RaterGroupFactory(round=round, name="群众代表")
    [token] = services.links_issue(rater_group=group, count=1)
    answers = answers_for(round, 75)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            ballot = services.ballot_for_token(token)
            barrier.wait(timeout=10)  # both hold an unused ballot before either writes
            services.ballot_submit(ballot=ballot, answers=answers)
            outcomes.append("counted")
        except ValidationError as error:
            outcomes.append(error.error_list[0].code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["counted", "used"]
    assert Response.objects.values("ballot_key").distinct().count() == 1
    assert Response.objects.count() == 2  # two departments × one criterion, once
    assert Ballot.objects.get().used_at is not None


# --- refusals -------------------------------------------------------------------------------------------------


def test_internal_rater_cannot_rate_own_department(open_round, org):
    services.internal_ballots_issue(rater_group=open_round.staff, users=[org.users["dept_a"]])
    ballot = Ballot.objects.get(user=org.users["dept_a"])
    departments, _ = services.ballot_items(round=open_round, rater_department_id=org.dept_a.pk)
    assert departments == [org.dept_b]
    error = _refused("own_department", ballot=ballot, answers=answers_for(open_round, 99))
    assert "own department" in " ".join(error.messages)
    services.ballot_submit(ballot=ballot, answers=answers_for(open_round, 88, departments=[org.dept_b]))
    assert set(Response.objects.values_list("department", flat=True)) == {org.dept_b.pk}


def test_vote_after_close_is_refused(open_round):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    ballot = services.ballot_for_token(token)
    later = open_round.closes_at + timedelta(minutes=1)
    _refused("closed", ballot=ballot, answers=answers_for(open_round, 80), now=later)
    services.round_close(round=open_round)
    _refused("closed", ballot=services.ballot_for_token(token), answers=answers_for(open_round, 80))


def test_missing_required_criterion_and_out_of_scale_are_refused(open_round, org):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    ballot = services.ballot_for_token(token)
    answers = answers_for(open_round, 80)
    first = next(iter(answers))
    error = _refused("missing", ballot=ballot, answers={**answers, first: ""})
    assert "Missing" in error.messages[0]
    for bad in ("101", "-1", "abc", "80.555", "NaN"):
        _refused("out_of_scale", ballot=ballot, answers={**answers, first: bad})
    assert Ballot.objects.get(pk=ballot.pk).used_at is None  # the link still works afterwards
    services.ballot_submit(ballot=ballot, answers=answers)


def test_choice_outside_the_offered_answers_is_refused(choice_round):
    criterion = choice_round.criteria.get()
    criterion.allow_unknown = False
    criterion.save()
    [token] = services.links_issue(rater_group=choice_round.outside, count=1)
    ballot = services.ballot_for_token(token)
    _refused("out_of_scale", ballot=ballot, answers=answers_for(choice_round, "unknown"))
    _refused("out_of_scale", ballot=ballot, answers=answers_for(choice_round, "very good"))
    services.ballot_submit(ballot=ballot, answers=answers_for(choice_round, "basic"))
    assert set(Response.objects.values_list("value", flat=True)) == {Decimal("60")}


def test_an_item_outside_the_round_is_refused(open_round):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    stranger = DepartmentFactory(name="外单位")
    criterion = open_round.criteria.first()
    answers = {**answers_for(open_round, 80), (stranger.pk, criterion.pk): "100"}
    _refused("forged", ballot=services.ballot_for_token(token), answers=answers)


# --- lifecycle, awards, reminders -----------------------------------------------------------------------------


def test_round_create_applies_the_four_good_set(org):
    now = timezone.now()
    round = services.round_create(
        campaign=org.campaign,
        kind=Round.Kind.FOUR_GOOD,
        title="2026年四好科室评选",
        opens_at=now,
        closes_at=now + timedelta(days=3),
        departments=[org.dept_a, org.dept_b],
    )
    assert list(round.criteria.values_list("name", flat=True)) == ["学习好", "服务好", "管理好", "廉政好"]
    assert round.status == Round.Status.DRAFT and round.bands.count() == 4 and round.rater_groups.count() == 2
    services.round_open(round=round)
    round.refresh_from_db()
    assert round.status == Round.Status.OPEN
    with pytest.raises(ValidationError):
        services.round_open(round=round)


def test_publish_designates_four_good_departments(open_round, org):
    open_round.top_n, open_round.award_min_score = 1, Decimal("80")
    open_round.save()
    for _ in range(3):
        [token] = services.links_issue(rater_group=open_round.outside, count=1)
        services.ballot_submit(
            ballot=services.ballot_for_token(token),
            answers=answers_for(open_round, 90, departments=[org.dept_a])
            | answers_for(open_round, 70, departments=[org.dept_b]),
        )
    with pytest.raises(ValidationError, match="closed round"):
        services.round_publish(round=open_round)
    services.round_close(round=open_round)
    services.round_publish(round=open_round)
    award = FourGoodAward.objects.get()
    assert (award.department, award.campaign, award.rank, award.score) == (org.dept_a, org.campaign, 1, Decimal("90"))
    open_round.refresh_from_db()
    assert open_round.status == Round.Status.PUBLISHED and open_round.published_at


def test_reminders_list_internal_raters_who_have_not_voted(open_round, org):
    late = UserFactory(username="late")
    PersonFactory(user=late, department=org.dept_b)
    services.internal_ballots_issue(rater_group=open_round.staff, users=[org.users["dept_a"], late])
    now = timezone.now()
    assert services.rater_reminders_due(now=now, days=3) == []  # closes in 6 days
    due = services.rater_reminders_due(now=now, days=7)
    assert {(u.username, r.pk) for u, r in due} == {("dept_a", open_round.pk), ("late", open_round.pk)}
    ballot = Ballot.objects.get(user=org.users["dept_a"])
    services.ballot_submit(ballot=ballot, answers=answers_for(open_round, 80, departments=[org.dept_b]))
    assert [(u.username, r.pk) for u, r in services.rater_reminders_due(now=now, days=7)] == [("late", open_round.pk)]
    services.round_close(round=open_round)
    assert services.rater_reminders_due(now=now, days=7) == []


def test_rounds_past_closing_time_are_closed(open_round):
    assert services.rounds_close_due(now=open_round.closes_at - timedelta(seconds=1)) == 0
    assert services.rounds_close_due(now=open_round.closes_at) == 1
    open_round.refresh_from_db()
    assert open_round.status == Round.Status.CLOSED
