"""Organisation pages: the seed's group and office, permissions on department edits, forms that keep input."""

from io import StringIO

import factory
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.models import Charge, Department, Membership, Person
from liujiguan.tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())


def _text_of(body, role):
    start = body.index(f'data-role="{role}"')
    return body[start : body.index("</dd>", start)]


def test_organisation_page_shows_the_seed_group_and_office(client, demo):
    client.force_login(User.objects.get(username="office"))
    body = client.get(reverse("leadership:organisation")).content.decode()
    assert "卢纪清" in _text_of(body, "leader")
    deputies = _text_of(body, "deputy")
    assert [n for n in ["赵联强", "杨智", "叶建国", "卓大巨"] if n in deputies] == [
        "赵联强",
        "杨智",
        "叶建国",
        "卓大巨",
    ]
    members = _text_of(body, "member")
    for name in ["陈霜", "严建明", "施立标", "吴应清", "刘文胜"]:
        assert name in members
    director = _text_of(body, "office_director")
    assert "陈霜" in director and "兼任" in director
    staff = _text_of(body, "office_staff")
    assert "连淑颖" in staff and "梁舒" in staff
    assert "学习型机关" in body  # pillars in charge


def test_organisation_page_in_traditional_script(client, demo):
    client.force_login(User.objects.get(username="leader"))
    body = client.get(reverse("leadership:organisation"), HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "盧紀清" in _text_of(body, "leader")
    assert "趙聯強" in _text_of(body, "deputy")
    assert "連淑穎" in _text_of(body, "office_staff")


def test_loaddemo_is_idempotent(demo):
    counts = (Department.objects.count(), Person.objects.count(), Membership.objects.count(), Charge.objects.count())
    call_command("loaddemo", stdout=StringIO())
    assert counts == (
        Department.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        Charge.objects.count(),
    )
    assert counts[0] >= 12 and Membership.objects.filter(role=Membership.Role.DEPUTY).count() == 4


def test_organisation_page_query_count_does_not_grow(client_as, org):
    from liujiguan.tests.factories import ChargeFactory, DepartmentFactory, MembershipFactory

    client = client_as("office")
    url = reverse("leadership:organisation")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(15):
        MembershipFactory(campaign=org.campaign)
        ChargeFactory(campaign=org.campaign, department=DepartmentFactory())
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


@pytest.mark.parametrize(
    "role, own_status, other_status",
    [
        ("admin", 200, 200),
        ("office", 200, 200),
        ("leader", 403, 403),
        ("dept_a", 200, 403),
        ("viewer", 403, 403),
    ],
)
def test_department_edit_matrix(client_as, org, role, own_status, other_status):
    client = client_as(role)
    assert client.get(reverse("leadership:department-update", args=[org.dept_a.pk])).status_code == own_status
    assert client.get(reverse("leadership:department-update", args=[org.dept_b.pk])).status_code == other_status


def test_department_contact_cannot_post_to_other_department(client_as, org):
    response = client_as("dept_a").post(
        reverse("leadership:department-update", args=[org.dept_b.pk]), {"phone": "123", "address": "", "duties": ""}
    )
    assert response.status_code == 403
    org.dept_b.refresh_from_db()
    assert org.dept_b.phone == ""


def test_department_contact_edits_own_contact_details_only(client_as, org):
    client = client_as("dept_a")
    response = client.post(
        reverse("leadership:department-update", args=[org.dept_a.pk]),
        {"phone": "0591-1234567", "address": "景区路1号", "duties": "景区管理", "name": "改名"},
    )
    assert response.status_code == 302
    org.dept_a.refresh_from_db()
    assert org.dept_a.phone == "0591-1234567" and org.dept_a.name == "景区管理站"


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("leadership:department-update", args=[org.dept_a.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_form_with_errors_keeps_what_was_typed(client_as, org):
    response = client_as("office").post(
        reverse("leadership:department-create"),
        {"name": org.dept_a.name, "kind": "section", "phone": "0591-7654321", "duties": "负责接待工作", "order": 3},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "0591-7654321" in body and "负责接待工作" in body
    assert "已存在" in body


def test_change_of_post_keeps_history(client_as, org):
    from liujiguan.tests.factories import MembershipFactory

    post = MembershipFactory(campaign=org.campaign, role=Membership.Role.OFFICE_DIRECTOR)
    client = client_as("office")
    response = client.post(reverse("leadership:membership-end", args=[post.pk]), {"end": "2026-06-30"})
    assert response.status_code == 302
    response = client.post(
        reverse("leadership:membership-create", args=[org.campaign.pk]),
        {"person": org.people["office"].pk, "role": "office_director", "start": "2026-07-01", "order": 1},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(role=Membership.Role.OFFICE_DIRECTOR).count() == 2
    post.refresh_from_db()
    assert str(post.end) == "2026-06-30"
    assert post.history.count() == 2


def test_only_office_may_add_posts(client_as, org):
    url = reverse("leadership:membership-create", args=[org.campaign.pk])
    assert client_as("dept_a").get(url).status_code == 403
    assert client_as("leader").get(url).status_code == 403
    assert client_as("office").get(url).status_code == 200


def test_a_department_may_not_have_two_current_leaders_in_charge(client_as, org):
    from liujiguan.tests.factories import MembershipFactory

    deputy = MembershipFactory(campaign=org.campaign, role=Membership.Role.DEPUTY).person
    response = client_as("office").post(
        reverse("leadership:charge-create", args=[org.campaign.pk]), {"person": deputy.pk, "department": org.dept_a.pk}
    )
    assert response.status_code == 200
    assert "end that charge first" in response.content.decode() or "先结束" in response.content.decode()


# --- the department search behind the department picker ---------------------------------------------------------


def _numbered(suffix):
    return factory.Sequence(lambda n: f"{n:03d}{suffix}")


def _search(client, **params):
    response = client.get(reverse("leadership:department-search"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def test_department_search_matches_either_script(client_as, org):
    archives = DepartmentFactory(name="档案管理站")
    finance = DepartmentFactory(name="財務處")  # written in Traditional script
    client = client_as("viewer")
    assert _search(client, q="檔案") == {"results": [{"id": archives.pk, "text": "档案管理站"}]}
    assert _search(client, q="档案") == {"results": [{"id": archives.pk, "text": "档案管理站"}]}
    assert _search(client, q="财务") == {"results": [{"id": finance.pk, "text": "財務處"}]}


def test_department_search_gives_twenty_in_the_organisation_order(client_as, org):
    first = DepartmentFactory(name="乙水务站", order=1)
    second = DepartmentFactory(name="甲水务站", order=2)
    DepartmentFactory.create_batch(25, name=_numbered("水务站"), order=3)
    results = _search(client_as("dept_a"), q="水务")["results"]
    assert len(results) == 20
    assert [r["id"] for r in results[:2]] == [first.pk, second.pk]
    names = [r["text"] for r in results[2:]]
    assert names == sorted(names)


def test_department_search_leaves_out_inactive_departments_unless_asked(client_as, org):
    DepartmentFactory(name="旧档案室", is_active=False)
    current = DepartmentFactory(name="新档案室")
    client = client_as("office")
    assert [r["text"] for r in _search(client, q="档案室")["results"]] == [current.name]
    assert {r["text"] for r in _search(client, q="档案室", inactive="1")["results"]} == {"旧档案室", "新档案室"}


def test_department_search_without_text_lists_the_first_departments(client_as, org):
    results = _search(client_as("leader"), q="  ")["results"]
    assert {r["id"] for r in results} == {org.dept_a.pk, org.dept_b.pk}


def test_department_search_needs_a_login(client, org):
    url = reverse("leadership:department-search")
    response = client.get(url, {"q": "管理"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_department_search_refuses_a_login_without_a_role(client, org):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("leadership:department-search"), {"q": "管理"}).status_code == 403


def test_department_search_query_count_does_not_grow(client_as, org, django_assert_max_num_queries):
    client = client_as("dept_b")
    url = reverse("leadership:department-search")
    client.get(url, {"q": "管理"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "管理"})
    DepartmentFactory.create_batch(60, name=_numbered("管理站"))
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(url, {"q": "管理"}).json()["results"]) == 20
    assert len(few) <= 5
