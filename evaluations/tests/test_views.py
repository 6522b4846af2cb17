"""Pages: who may do what (role × action × own/other department), voting on the web, PDF, xlsx, panels."""

import json
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from leadership.models import Department

from .. import services
from ..forms import answer_name
from ..models import Ballot, Response, Round
from .conftest import answers_for
from .factories import RaterGroupFactory


def _post_answers(round, value, departments):
    return {answer_name(d.pk, c.pk): value for d in departments for c in round.criteria.all()}


@pytest.fixture
def published_round(open_round, org):
    for _ in range(3):
        [token] = services.links_issue(rater_group=open_round.outside, count=1)
        services.ballot_submit(ballot=services.ballot_for_token(token), answers=answers_for(open_round, 80))
    services.round_close(round=open_round)
    services.round_publish(round=open_round)
    open_round.refresh_from_db()
    return open_round


# --- permission matrix ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, manage",
    [("admin", 200), ("office", 200), ("leader", 403), ("dept_a", 403), ("dept_b", 403), ("viewer", 403)],
)
def test_only_the_office_manages_rounds(client_as, open_round, role, manage):
    client = client_as(role)
    assert client.get(reverse("evaluations:round-list")).status_code == 200
    assert client.get(reverse("evaluations:round-create")).status_code == manage
    assert client.get(reverse("evaluations:round-detail", args=[open_round.pk])).status_code == manage
    assert client.get(reverse("evaluations:criterion-create", args=[open_round.pk])).status_code in (manage, 302)
    response = client.post(reverse("evaluations:round-transition", args=[open_round.pk, "close"]))
    assert response.status_code == (302 if manage == 200 else 403)
    open_round.refresh_from_db()
    assert open_round.status == (Round.Status.CLOSED if manage == 200 else Round.Status.OPEN)


@pytest.mark.parametrize(
    "role, ranking, own, other",
    [
        ("admin", 200, 200, 200),
        ("office", 200, 200, 200),
        ("leader", 200, 200, 200),
        ("viewer", 200, 200, 200),
        ("dept_a", 302, 200, 403),  # the ranking page sends a contact to their own department's result
        ("dept_b", 302, 403, 200),
    ],
)
def test_published_results_matrix(client_as, published_round, org, role, ranking, own, other):
    client = client_as(role)
    response = client.get(reverse("evaluations:round-results", args=[published_round.pk]))
    assert response.status_code == ranking
    a = client.get(reverse("evaluations:department-result", args=[published_round.pk, org.dept_a.pk]))
    b = client.get(reverse("evaluations:department-result", args=[published_round.pk, org.dept_b.pk]))
    assert (a.status_code, b.status_code) == (own, other)
    export = client.get(reverse("evaluations:round-export", args=[published_round.pk]))
    assert export.status_code == (200 if ranking == 200 else 403)


@pytest.mark.parametrize(
    "role, status", [("office", 200), ("leader", 200), ("viewer", 403), ("dept_a", 403), ("dept_b", 403)]
)
def test_closed_unpublished_results_are_for_office_and_leaders(client_as, open_round, org, role, status):
    services.round_close(round=open_round)
    client = client_as(role)
    assert client.get(reverse("evaluations:round-results", args=[open_round.pk])).status_code == status
    url = reverse("evaluations:department-result", args=[open_round.pk, org.dept_a.pk])
    assert client.get(url).status_code == status


@pytest.mark.parametrize("role", ["office", "leader", "viewer", "dept_a"])
def test_no_results_while_voting_is_open(client_as, open_round, org, role):
    client = client_as(role)
    assert client.get(reverse("evaluations:round-results", args=[open_round.pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, open_round):
    for url in [reverse("evaluations:round-list"), reverse("evaluations:round-results", args=[open_round.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


# --- voting on the web ----------------------------------------------------------------------------------------


def test_internal_rater_votes_once_and_never_for_own_department(client_as, open_round, org):
    services.internal_ballots_issue(rater_group=open_round.staff, users=[org.users["dept_a"]])
    client = client_as("dept_a")
    url = reverse("evaluations:vote", args=[open_round.pk])
    body = client.get(url).content.decode()
    assert (
        org.dept_b.name in body and f'name="{answer_name(org.dept_a.pk, open_round.criteria.first().pk)}"' not in body
    )
    # A tampered ballot that adds the rater's own department is refused as a whole.
    tampered = _post_answers(open_round, "95", [org.dept_a, org.dept_b])
    response = client.post(url, tampered)
    assert response.status_code == 200 and "cannot rate your own department" in response.content.decode()
    assert Response.objects.count() == 0
    response = client.post(url, _post_answers(open_round, "88", [org.dept_b]))
    assert response.status_code == 200 and "ballot-thanks" in response.content.decode()
    assert Response.objects.count() == 2
    again = client.post(url, _post_answers(open_round, "10", [org.dept_b]))
    assert again.status_code == 410 and "already been submitted" in again.content.decode()
    assert Response.objects.filter(value=10).count() == 0


def test_user_without_a_ballot_is_told_so(client_as, open_round):
    response = client_as("viewer").get(reverse("evaluations:vote", args=[open_round.pk]))
    assert response.status_code == 404 and "no ballot" in response.content.decode()


def test_link_ballot_errors_keep_what_was_typed(client, open_round, org):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    url = reverse("evaluations:vote-link", args=[token])
    assert client.get(url).status_code == 200
    data = _post_answers(open_round, "77", [org.dept_a, org.dept_b])
    first = next(iter(data))
    response = client.post(url, {**data, first: "150"})
    body = response.content.decode()
    assert response.status_code == 200 and "from 0 to 100" in body and 'value="77"' in body
    missing = client.post(url, {**data, first: ""})
    assert missing.status_code == 200 and "Missing" in missing.content.decode()
    assert Response.objects.count() == 0 and Ballot.objects.get().used_at is None
    assert client.post(url, data).status_code == 200
    reused = client.get(url)
    assert reused.status_code == 410 and "already been submitted" in reused.content.decode()


def test_forged_link_and_closed_round_get_clear_pages(client, open_round):
    forged = client.get(reverse("evaluations:vote-link", args=["not-a-real-token"]))
    assert forged.status_code == 404 and "not valid" in forged.content.decode()
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    services.round_close(round=open_round)
    closed = client.post(reverse("evaluations:vote-link", args=[token]), {})
    assert closed.status_code == 410 and "closed" in closed.content.decode()
    assert Response.objects.count() == 0


# --- office actions, files ------------------------------------------------------------------------------------


def test_office_creates_a_round_with_the_four_good_set(client_as, org):
    now = timezone.localtime()
    response = client_as("office").post(
        reverse("evaluations:round-create"),
        {
            "campaign": org.campaign.pk,
            "kind": "four_good",
            "title": "四好科室评议",
            "departments": [org.dept_a.pk, org.dept_b.pk],
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timezone.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            "quorum_percent": "50",
            "top_n": 3,
            "award_min_score": "85",
            "bottom_n": 1,
            "min_group_size": 5,
        },
    )
    round = Round.objects.get(title="四好科室评议")
    assert response.status_code == 302 and response.url == round.get_absolute_url()
    assert list(round.criteria.values_list("name", flat=True)) == ["学习好", "服务好", "管理好", "廉政好"]
    page = client_as("office").get(round.get_absolute_url()).content.decode()
    assert "学习好" in page and "领导班子" in page


def test_structure_is_fixed_once_open(client_as, open_round):
    client = client_as("office")
    response = client.post(
        reverse("evaluations:criterion-create", args=[open_round.pk]), {"name": "新指标", "weight": 1, "scale": "score"}
    )
    assert response.status_code == 302 and not open_round.criteria.filter(name="新指标").exists()


def test_links_pdf_has_one_qr_card_per_link(client_as, open_round):
    response = client_as("office").post(
        reverse("evaluations:links-issue", args=[open_round.pk]), {"rater_group": open_round.outside.pk, "count": 7}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert text.count("/evaluations/b/") == 7 and "群众代表" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert fonts and all("Noto-Sans-CJK-SC" in f for f in fonts), fonts
    assert Ballot.objects.filter(rater_group=open_round.outside, token_hash__isnull=False).count() == 7


def test_xlsx_export_has_the_ranking(client_as, published_round, org):
    response = client_as("leader").get(reverse("evaluations:round-export", args=[published_round.pk]))
    book = load_workbook(BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    names = [row[1] for row in rows[3:]]
    assert set(names) == {org.dept_a.name, org.dept_b.name}
    assert rows[3][0] == 1 and rows[3][2] == 80


def test_results_page_counts_queries_independent_of_departments(client_as, open_round, org):
    client = client_as("office")
    services.round_close(round=open_round)
    url = reverse("evaluations:round-results", args=[open_round.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    open_round.departments.add(*[Department.objects.create(name=f"新科室{i}") for i in range(10)])
    for i in range(4):
        RaterGroupFactory(round=open_round, name=f"另组{i}")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


# --- panels and navigation ------------------------------------------------------------------------------------


def test_department_home_lists_open_ballots_and_leader_home_latest_results(client_as, published_round, org):
    from .factories import CriterionFactory, RoundFactory

    second = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b], title="满意度测评")
    CriterionFactory(round=second)
    group = RaterGroupFactory(round=second)
    services.internal_ballots_issue(rater_group=group, users=[org.users["dept_b"]])
    body = client_as("dept_b").get(reverse("home")).content.decode()
    assert "panel-my-ballots" in body and "满意度测评" in body and reverse("evaluations:vote", args=[second.pk]) in body
    leader = client_as("leader").get(reverse("home")).content.decode()
    assert "panel-latest-results" in leader and published_round.title in leader
    assert reverse("evaluations:round-list") in leader  # navigation entry


# --- results at scale: best and worst on the page, the whole ranking paginated ----------------------------------

# Marks of the seven departments of `ranked_round`: ranks 1, 2, 2 (tie across the top-2 boundary), 4, 5, 6, 6 (tie).
SEVEN = [("甲科", 95), ("乙科", 90), ("丙科", 90), ("丁科", 80), ("戊科", 70), ("己科", 50), ("庚科", 50)]


def _ranked_round(campaign, marks):
    """A closed round rating one department per (name, mark) on one criterion, in one outside ballot."""
    from liujiguan.tests.factories import DepartmentFactory

    from .factories import CriterionFactory, RoundFactory

    departments = [DepartmentFactory(name=name, order=i) for i, (name, _) in enumerate(marks)]
    round = RoundFactory(campaign=campaign, departments=departments)
    criterion = CriterionFactory(round=round, name="总体")
    group = RaterGroupFactory(round=round, name="群众代表", ballots_issued=0)
    [token] = services.links_issue(rater_group=group, count=1)
    answers = {(d.pk, criterion.pk): mark for d, (_, mark) in zip(departments, marks, strict=True)}
    services.ballot_submit(ballot=services.ballot_for_token(token), answers=answers)
    services.round_close(round=round)
    return round


def _ranking_rows(body):
    """(rank, name) of each department row of the ranking table, and the gap rows' hidden counts."""
    rows = re.findall(r'data-department="([^"]+)" data-position="\d+">\s*<td[^>]*>([^<]+)</td>', body)
    gaps = [int(n) for n in re.findall(r'class="ranking-gap" data-hidden="(\d+)"', body)]
    return [(rank, name) for name, rank in rows], gaps


@pytest.fixture
def ranked_round(org, settings):
    settings.EVALUATIONS_RESULTS_SHOWN = 2
    return _ranked_round(org.campaign, SEVEN)


def test_results_page_shows_best_and_worst_with_sql_ranks(client_as, ranked_round):
    body = client_as("office").get(reverse("evaluations:round-results", args=[ranked_round.pk])).content.decode()
    rows, gaps = _ranking_rows(body)
    # Ranks come from SQL RANK(): the tie at 2 continues past the boundary and the last two share 6.
    assert rows == [("1", "甲科"), ("2", "乙科"), ("6", "己科"), ("6", "庚科")]
    assert gaps == [3]
    assert 'id="ranking-all-link"' in body and "Show all 7 departments" in body
    chart = re.search(r'<script id="ranking-chart" type="application/json">(.*?)</script>', body, re.S).group(1)
    assert json.loads(chart)["labels"] == ["甲科", "乙科", "己科", "庚科"]


def test_results_page_shows_every_department_when_few(client_as, ranked_round, settings):
    settings.EVALUATIONS_RESULTS_SHOWN = 4  # 7 ≤ 2 × 4: the page looks as it always did
    body = client_as("office").get(reverse("evaluations:round-results", args=[ranked_round.pk])).content.decode()
    rows, gaps = _ranking_rows(body)
    assert [name for _, name in rows] == [name for name, _ in SEVEN] and gaps == []
    assert [rank for rank, _ in rows] == ["1", "2", "2", "4", "5", "6", "6"]
    assert "ranking-all-link" not in body and "ranking-search" not in body


def test_full_ranking_paginates_without_renumbering(client_as, ranked_round, monkeypatch):
    from ..views import RoundResultsView

    monkeypatch.setattr(RoundResultsView, "FULL_PER_PAGE", 3)
    client = client_as("leader")
    url = reverse("evaluations:round-results", args=[ranked_round.pk])
    pages = [_ranking_rows(client.get(url, {"all": 1, "page": n}).content.decode())[0] for n in (1, 2, 3)]
    assert pages == [
        [("1", "甲科"), ("2", "乙科"), ("2", "丙科")],
        [("4", "丁科"), ("5", "戊科"), ("6", "己科")],
        [("6", "庚科")],
    ]
    body = client.get(url, {"all": 1, "page": 2}).content.decode()
    assert "Page 2 of 3" in body and "all=1&amp;page=3" in body and 'id="ranking-search"' in body
    # Out of range shows the last page, as Django's get_page does everywhere else.
    assert _ranking_rows(client.get(url, {"all": 1, "page": 99}).content.decode())[0] == [("6", "庚科")]


def test_full_ranking_searches_names_in_either_script(client_as, ranked_round):
    client = client_as("office")
    url = reverse("evaluations:round-results", args=[ranked_round.pk])
    body = client.get(url, {"all": 1, "q": "丙"}).content.decode()
    assert _ranking_rows(body)[0] == [("2", "丙科")] and "1 department" in body
    Department.objects.filter(name="戊科").update(name="戊科_队")
    # LIKE's wildcards are searched as plain text.
    assert _ranking_rows(client.get(url, {"all": 1, "q": "戊科_"}).content.decode())[0] == [("5", "戊科_队")]
    assert _ranking_rows(client.get(url, {"all": 1, "q": "%"}).content.decode())[0] == []
    assert _ranking_rows(client.get(url, {"all": 1, "q": "_"}).content.decode())[0] == [("5", "戊科_队")]
    body = client.get(url, {"all": 1, "q": "無此"}).content.decode()
    assert "No department matches." in body


def test_full_ranking_search_finds_a_name_written_in_the_other_script(client_as, ranked_round):
    Department.objects.filter(name="乙科").update(name="乙學科")
    body = (
        client_as("office")
        .get(reverse("evaluations:round-results", args=[ranked_round.pk]), {"all": 1, "q": "学"})
        .content.decode()
    )
    assert _ranking_rows(body)[0] == [("2", "乙學科")]


def test_results_page_queries_and_rows_do_not_grow_with_departments(client_as, org, settings):
    settings.EVALUATIONS_RESULTS_SHOWN = 2
    small = _ranked_round(org.campaign, SEVEN)
    large = _ranked_round(org.campaign, [(f"科室{i:02d}", 50 + i) for i in range(30)])
    client = client_as("office")
    measured = {}
    for round in (small, large):
        url = reverse("evaluations:round-results", args=[round.pk])
        for params in ({}, {"all": 1}, {"all": 1, "q": "科"}):
            client.get(url, params)
            with CaptureQueriesContext(connection) as queries:
                body = client.get(url, params).content.decode()
            measured[round.pk, str(params)] = (len(queries), len(_ranking_rows(body)[0]) if not params else None)
    for params in ({}, {"all": 1}, {"all": 1, "q": "科"}):
        assert measured[small.pk, str(params)] == measured[large.pk, str(params)], params
    assert measured[large.pk, "{}"][1] == 4


def test_xlsx_export_keeps_every_department(client_as, ranked_round):
    response = client_as("office").get(reverse("evaluations:round-export", args=[ranked_round.pk]))
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))[3:]
    assert [(row[0], row[1]) for row in rows] == [
        (1, "甲科"),
        (2, "乙科"),
        (2, "丙科"),
        (4, "丁科"),
        (5, "戊科"),
        (6, "己科"),
        (6, "庚科"),
    ]
