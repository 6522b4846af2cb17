"""Counting checked against small examples worked out by hand: weights, bands, ties, quorum, void, rates."""

from decimal import Decimal

import pytest

from liujiguan.tests.factories import CampaignFactory, DepartmentFactory

from .. import counting, services
from ..models import Criterion, Round
from .factories import BandFactory, CriterionFactory, RaterGroupFactory, RoundFactory

D = Decimal


def _vote(group, marks):
    """One ballot through a one-time link: marks {(department, criterion): value}."""
    [token] = services.links_issue(rater_group=group, count=1)
    ballot = services.ballot_for_token(token)
    services.ballot_submit(ballot=ballot, answers={(d.pk, c.pk): v for (d, c), v in marks.items()})


@pytest.fixture
def worked(db):
    """Four departments, two criteria (weights 60/40), two groups (leaders weight 40, 3 issued; staff 60, 5 issued).

    Leaders' ballots (2 returned)          Staff ballots (3 returned, all alike)
        A: C1 90, 80  C2 80, 80                A: 90 / 90
        B: C1 70, 80  C2 70, 70                B: 90 / 90
        C: C1 84, 84  C2 82, 82                C: 84 / 82
        D: C1 50, 60  C2 60, 50                D: 60 / 60
    Group means: A 85/80 vs 90/90; B 75/70 vs 90/90; C 84/82 vs 84/82; D 55/55 vs 60/60.
    Criterion scores (40:60): A 88, 86; B 84, 82; C 84, 82; D 58, 58.
    Department scores (60:40): A 87.2; B 83.2; C 83.2 (tie with B); D 58.
    Ranks: A 1, B 2, C 2, D 4. Bands (≥85 满意, ≥75 比较满意, ≥60 基本满意, else 不满意).
    """
    campaign = CampaignFactory()
    a, b, c, d = (DepartmentFactory(name=n, order=i) for i, n in enumerate(["甲科", "乙科", "丙科", "丁科"]))
    round = RoundFactory(
        campaign=campaign,
        departments=[a, b, c, d],
        top_n=1,
        bottom_n=1,
        award_min_score=D("85"),
        warning_below=D("60"),
        min_group_size=3,
    )
    c1 = CriterionFactory(round=round, name="C1", weight=D("60"))
    c2 = CriterionFactory(round=round, name="C2", weight=D("40"))
    for label, low in [("满意", 85), ("比较满意", 75), ("基本满意", 60), ("不满意", 0)]:
        BandFactory(round=round, label=label, min_score=D(low))
    leaders = RaterGroupFactory(round=round, name="领导", weight=D("40"), ballots_issued=3)
    staff = RaterGroupFactory(round=round, name="职工", weight=D("60"), ballots_issued=5)
    leader_ballots = [
        {a: (90, 80), b: (70, 70), c: (84, 82), d: (50, 60)},
        {a: (80, 80), b: (80, 70), c: (84, 82), d: (60, 50)},
    ]
    for ballot in leader_ballots:
        _vote(leaders, {(dep, c1): v[0] for dep, v in ballot.items()} | {(dep, c2): v[1] for dep, v in ballot.items()})
    for _ in range(3):
        staff_ballot = {a: (90, 90), b: (90, 90), c: (84, 82), d: (60, 60)}
        _vote(
            staff,
            {(dep, c1): v[0] for dep, v in staff_ballot.items()} | {(dep, c2): v[1] for dep, v in staff_ballot.items()},
        )
    # links_issue raised "issued" to the links handed out; restore the numbers called to the meeting.
    leaders.ballots_issued, staff.ballots_issued = 3, 5
    leaders.save()
    staff.save()
    round.refresh_from_db()
    return round, (a, b, c, d), (c1, c2), (leaders, staff)


def test_weighted_scores_bands_ties_and_named(worked):
    round, (a, b, c, d), (c1, c2), _ = worked
    result = counting.round_result(round)
    rows = {r.name: r for r in result.departments}
    assert [(r.name, r.score, r.rank, r.band) for r in result.departments] == [
        ("甲科", D("87.20"), 1, "满意"),
        ("乙科", D("83.20"), 2, "比较满意"),
        ("丙科", D("83.20"), 2, "比较满意"),
        ("丁科", D("58.00"), 4, "不满意"),
    ]
    assert counting.criterion_scores(round, a.pk) == {c1.pk: D("88.00"), c2.pk: D("86.00")}
    assert counting.criterion_scores(round, b.pk) == {c1.pk: D("84.00"), c2.pk: D("82.00")}
    assert rows["甲科"].named == "top" and rows["丁科"].named == "bottom"
    assert rows["乙科"].named is None and rows["丙科"].named is None
    assert result.validity == counting.Validity.VALID and (result.issued, result.returned) == (8, 5)
    assert rows["甲科"].rate is None  # no choice criteria: no satisfaction rate


def test_ties_are_all_named_and_thresholds_apply(worked):
    round, *_ = worked
    round.top_n, round.award_min_score = 2, D("80")
    assert [r.name for r in counting.round_result(round).named("top")] == ["甲科", "乙科", "丙科"]
    round.award_min_score = D("85")
    assert [r.name for r in counting.round_result(round).named("top")] == ["甲科"]
    round.warning_below = D("55")  # 58 is not below 55: nobody named unsatisfied
    assert counting.round_result(round).named("bottom") == []


def test_participation_and_small_groups_hidden(worked):
    round, *_ = worked
    groups = {g.group.name: g for g in counting.round_result(round).groups}
    assert (groups["领导"].issued, groups["领导"].returned, groups["领导"].voted) == (3, 2, 2)
    assert (groups["职工"].issued, groups["职工"].returned, groups["职工"].rate) == (5, 3, D("60.00"))
    assert groups["领导"].shown is False and groups["职工"].shown is True  # minimum of 3 responses


def test_quorum_needs_more_than_half(worked):
    round, _, _, (leaders, staff) = worked
    staff.ballots_issued = 7  # 5 returned of 10 issued: exactly half is not more than half
    staff.save()
    result = counting.round_result(round)
    assert result.validity == counting.Validity.NO_QUORUM
    assert result.named("top") == [] and result.named("bottom") == []
    staff.ballots_issued = 6  # 5 of 9
    staff.save()
    assert counting.round_result(round).validity == counting.Validity.VALID


def test_more_returned_than_issued_voids_the_count(worked):
    round, _, _, (leaders, staff) = worked
    leaders.ballots_issued = 1  # 2 returned
    leaders.save()
    result = counting.round_result(round)
    assert result.validity == counting.Validity.VOID and result.named("top") == []
    round.status = Round.Status.CLOSED
    round.save()
    with pytest.raises(Exception, match="Void|作废|void"):
        services.round_publish(round=round)


def test_satisfaction_rate_leaves_out_dont_know(db):
    """Two groups weighted 1 and 3; points 100 / 60 / 0.

    X: group 1 满意, 不满意, 不了解, 不了解 → rate 1/2 = 50 %, mean 50;
       group 2 满意, 基本满意×2, 不满意 → 75 %, mean 55.
       rate (1×50 + 3×75) / 4 = 68.75 %; score (1×50 + 3×55) / 4 = 53.75.
    Y: group 1 满意×4 → 100 %, mean 100; group 2 满意×2, 基本满意×2 → 100 %, mean 80. rate 100 %; score 85.
    """
    x, y = DepartmentFactory(name="X站", order=1), DepartmentFactory(name="Y站", order=2)
    round = RoundFactory(kind=Round.Kind.SATISFACTION, departments=[x, y], top_n=1, bottom_n=1, award_min_score=0)
    overall = CriterionFactory(round=round, name="总体评价", scale=Criterion.Scale.CHOICE)
    g1 = RaterGroupFactory(round=round, name="人大代表", weight=D("1"), ballots_issued=4)
    g2 = RaterGroupFactory(round=round, name="企业", weight=D("3"), ballots_issued=4)
    for xc, yc in zip(["satisfied", "unsatisfied", "unknown", "unknown"], ["satisfied"] * 4, strict=True):
        _vote(g1, {(x, overall): xc, (y, overall): yc})
    for xc, yc in zip(
        ["satisfied", "basic", "basic", "unsatisfied"], ["satisfied", "satisfied", "basic", "basic"], strict=True
    ):
        _vote(g2, {(x, overall): xc, (y, overall): yc})
    result = counting.round_result(round)
    assert [(r.name, r.rate, r.score, r.rank, r.named) for r in result.departments] == [
        ("Y站", D("100.00"), D("85.00"), 1, "top"),
        ("X站", D("68.75"), D("53.75"), 2, "bottom"),
    ]


def test_slices_of_the_ranking_are_the_whole_ranking_cut_in_sql(worked):
    """Best/worst, pages and searches return the very rows of the whole ranking: same ranks, named, bands."""
    round, (a, b, c, d), *_ = worked
    extra = DepartmentFactory(name="戊科", order=9)  # rated by nobody: no rank, last
    round.departments.add(extra)
    whole = counting.department_results(round, valid=True)
    assert [(r.name, r.rank, r.position) for r in whole] == [
        ("甲科", 1, 1),
        ("乙科", 2, 2),
        ("丙科", 2, 3),
        ("丁科", 4, 4),
        ("戊科", None, 5),
    ]
    # One best and one worst ranked; the unranked department is counted but not shown.
    extremes = counting.ranking_extremes(round, shown=1, valid=True)
    assert [(r.name, r.hidden_before) for r in extremes.rows] == [("甲科", 0), ("丁科", 2)]
    assert (extremes.total, extremes.ranked) == (5, 4)
    assert extremes.rows == [whole[0], whole[3]]
    assert [r.name for r in counting.ranking_extremes(round, shown=3, valid=True).rows] == [r.name for r in whole]
    assert counting.ranking_slice(round, offset=1, limit=2, valid=True) == whole[1:3]
    assert counting.ranking_slice(round, offset=5, limit=2, valid=True) == []
    assert counting.ranking_slice(round, offset=0, limit=9, valid=True, search="丙") == [whole[2]]
    assert (
        counting.ranking_count(round),
        counting.ranking_count(round, search="科"),
        counting.ranking_count(round, search="丙"),
    ) == (5, 5, 1)
    # An invalid round names nobody, in slices as in the whole.
    assert {r.named for r in counting.ranking_extremes(round, shown=1, valid=False).rows} == {None}
