"""The leaders' dashboard at province scale: bounded lists, a full ranking a page at a time, and cached figures
that any committed change renews."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Measure
from campaigns.tests.factories import MeasureFactory
from dashboards import reports, selectors
from liujiguan.tests.factories import ChargeFactory, DepartmentFactory

from .test_views import _grow


def _departments_in_order(plan, n):
    """n departments whose on-time rates fall with their number: department i has i overdue measures of 10 due."""
    today = timezone.localdate()
    made = []
    for i in range(n):
        department = DepartmentFactory(name=f"排名科室{i:02d}")
        for j in range(10):
            late = j < i
            MeasureFactory(
                pillar=plan.pillars[j % 6],
                lead_department=department,
                start=today - timedelta(days=60),
                due=today - timedelta(days=5),
                progress=40 if late else 100,
                status=Measure.Status.IN_PROGRESS if late else Measure.Status.VERIFIED,
                reported_at=None if late else timezone.now() - timedelta(days=10),
            )
        made.append(department)
    return made


def test_ranking_shows_top_bottom_and_my_departments_with_gaps(plan, settings):
    settings.DASHBOARDS_RANKING_SHOWN = 2
    made = _departments_in_order(plan, 8)
    measures = Measure.objects.filter(pillar__campaign=plan.campaign, lead_department__in=made)
    full, total = selectors.department_ranking(campaign=plan.campaign, measures=measures, today=timezone.localdate())
    assert total == 8 and [d.pk for d in full] == [d.pk for d in made]
    mine = made[4]
    shown, total = selectors.department_ranking(
        campaign=plan.campaign, measures=measures, today=timezone.localdate(), shown=2, first={mine.pk}
    )
    assert total == 8
    assert [(d.rank, d.gap_before) for d in shown] == [(1, False), (2, False), (5, True), (7, True), (8, False)]
    assert [d.pk for d in shown] == [made[0].pk, made[1].pk, mine.pk, made[6].pk, made[7].pk]
    # The ranks of the bounded list are those of the full ranking.
    assert {d.pk: d.rank for d in shown}.items() <= {d.pk: d.rank for d in full}.items()


def test_dashboard_links_to_the_full_ranking_which_pages_through_every_department(client_as, plan, settings):
    settings.DASHBOARDS_RANKING_SHOWN = 2
    made = _departments_in_order(plan, 6)
    client = client_as("office")
    body = client.get(reverse("dashboards:leader")).content.decode()
    ranking = body[body.index('id="department-ranking"') :].split("</table>")[0]
    assert ranking.count('<tr class="ranking-gap">') == 1
    assert "排名科室00" in ranking and "排名科室03" not in ranking and "排名科室05" in ranking
    assert reverse("dashboards:ranking") in body

    full_url = reverse("dashboards:ranking")
    page = client.get(full_url)
    assert page.status_code == 200
    names = [d.name for d in page.context["departments"]]
    assert [n for n in names if n.startswith("排名科室")] == [d.name for d in made]
    assert page.context["paginator"].count == 8  # the six and the plan's two

    # 50 a page: with 60 departments the second page holds the last ten, ranked 51-60.
    for _ in range(52):
        MeasureFactory(pillar=plan.pillars[0], lead_department=DepartmentFactory(), due=timezone.localdate())
    second = client.get(full_url, {"page": 2})
    assert [d.rank for d in second.context["departments"]] == list(range(51, 61))
    with CaptureQueriesContext(connection) as first_page:
        client.get(full_url)
    _grow(plan, 10)
    with CaptureQueriesContext(connection) as grown:
        client.get(full_url)
    assert len(grown) == len(first_page)


def test_dashboard_renders_a_bounded_page_whatever_the_number_of_departments(client_as, plan, settings):
    settings.DASHBOARDS_RANKING_SHOWN = 3
    settings.DASHBOARDS_LIST_LIMIT = 4
    client = client_as("office")
    _grow(plan, 8)
    small = client.get(reverse("dashboards:leader"))
    _grow(plan, 30)
    large = client.get(reverse("dashboards:leader"))
    for response in (small, large):
        body = response.content.decode()
        ranking = body[body.index('id="department-ranking"') :].split("</table>")[0]
        assert ranking.count("<tr>") + ranking.count('<tr class="mine">') <= 2 * 3 + 1  # header row + 6
        attention = body[body.index('id="attention-list"') :].split("</table>")[0]
        assert attention.count("<tr") <= 1 + 2 * 4
    # Every overdue measure is counted, though only four are listed.
    assert large.context["light_totals"]["red"] == 2 + 38
    assert len(large.context["overdue"]) == 4
    assert abs(len(large.content) - len(small.content)) < 2000


def test_a_deputys_own_overdue_measures_come_first(client_as, plan, settings):
    settings.DASHBOARDS_LIST_LIMIT = 1
    # The leader is in charge of department A; B's overdue measure is due earlier but A's comes first.
    plan.measures.overdue_b.due = timezone.localdate() - timedelta(days=30)
    plan.measures.overdue_b.save()
    response = client_as("leader").get(reverse("dashboards:leader"))
    assert [m.pk for m in response.context["overdue"]] == [plan.measures.overdue_a.pk]
    office = client_as("office").get(reverse("dashboards:leader"))
    assert [m.pk for m in office.context["overdue"]] == [plan.measures.overdue_b.pk]


def test_reception_table_keeps_the_departments_nearest_their_caps():
    from reception.selectors import _usage

    usages = [
        _usage(
            year=2026,
            department_id=i,
            department_name=f"D{i}",
            spend=Decimal(i * 10),
            cap=Decimal(100),
            warning_percent=80,
            alert_percent=95,
        )
        for i in range(1, 8)
    ]
    bureau = _usage(
        year=2026,
        department_id=None,
        department_name=None,
        spend=Decimal(280),
        cap=Decimal(1000),
        warning_percent=80,
        alert_percent=95,
    )
    kept = reports.most_used([*usages, bureau], shown=3, first={2})
    assert [u.department_id for u in kept] == [2, 5, 6, 7, None]


@pytest.fixture
def cached(settings):
    settings.DASHBOARDS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_figures_are_cached_and_renewed_by_a_committed_change(client_as, plan, cached):
    client = client_as("office")
    url = reverse("dashboards:leader")
    first = client.get(url)
    with CaptureQueriesContext(connection) as hit:
        second = client.get(url)
    body = first.content.decode()
    fragment = body[body.index('id="kpis"') : body.index('id="dashboard-data"')]
    assert fragment in second.content.decode()
    assert len(hit) < 20  # no figure is computed: session, user, navigation, filters, charges, report runs
    assert 'data-kpi="red">2<' in second.content.decode()

    # Marking an overdue measure done is committed (transaction=True): the next request shows it.
    measure = plan.measures.overdue_a
    measure.status = Measure.Status.REPORTED
    measure.progress = 100
    measure.reported_at = timezone.now()
    measure.save()
    third = client.get(url).content.decode()
    assert 'data-kpi="red">1<' in third

    # A new department in someone's charge renews it too (another app's model).
    ChargeFactory(campaign=plan.campaign, department=DepartmentFactory(), person=plan.org.people["leader"])
    assert client.get(url).status_code == 200


def test_figures_differ_by_language_and_by_leader(client_as, plan, cached):
    url = reverse("dashboards:leader")
    english = client_as("office").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_as("office").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Overdue and behind schedule" in english and "Overdue and behind schedule" not in chinese
    # The deputy's own department is marked for them, not for the office.
    leader = client_as("leader").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "in my charge" in leader and "in my charge" not in english
