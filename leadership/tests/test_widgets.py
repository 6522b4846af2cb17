"""The department picker widget: every option up to the limit, only the chosen one (and the search) above it."""

import pytest
from django import forms
from django.urls import reverse

from campaigns.filters import MeasureFilter
from campaigns.models import Measure
from campaigns.tests.factories import MeasureFactory
from leadership.models import Department
from leadership.widgets import DepartmentSelect
from liujiguan.tests.factories import DepartmentFactory, PillarFactory

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("order", "name"), required=False, widget=DepartmentSelect()
    )


class RequiredPickForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("order", "name"), empty_label=None, widget=DepartmentSelect()
    )


@pytest.fixture
def five():
    return [DepartmentFactory(name=f"第{n}管理站", order=n) for n in range(1, 6)]


def test_below_the_limit_every_department_is_an_option(five):
    html = str(PickForm()["department"])
    assert all(f'<option value="{d.pk}">{d.name}</option>' in html for d in five)
    assert "data-department-search" not in html


def test_at_the_limit_every_department_is_still_an_option(settings, five):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 5
    html = str(PickForm()["department"])
    assert all(d.name in html for d in five) and "data-department-search" not in html


def test_above_the_limit_only_the_chosen_department_and_the_search(settings, five):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    chosen = five[3]
    html = str(PickForm({"department": str(chosen.pk)})["department"])
    assert f'<option value="{chosen.pk}" selected>{chosen.name}</option>' in html
    assert '<option value="">---------</option>' in html
    assert html.count("<option") == 2
    assert all(d.name not in html for d in five if d != chosen)
    assert f'data-department-search="{reverse("leadership:department-search")}"' in html
    assert 'data-search-label="Type to search departments"' in html and 'data-no-match="No match"' in html


def test_above_the_limit_with_nothing_chosen_only_the_empty_choice(settings, five, django_assert_num_queries):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    with django_assert_num_queries(1):
        html = str(PickForm()["department"])
    assert html.count("<option") == 1 and "data-department-search" in html


def test_above_the_limit_an_initial_department_is_shown(settings, five):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    html = str(RequiredPickForm(initial={"department": five[0]})["department"])
    assert f'<option value="{five[0].pk}" selected>{five[0].name}</option>' in html
    assert html.count("<option") == 1 and " required" not in html


def test_above_the_limit_a_value_that_is_no_department_shows_nothing_chosen(settings, five):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    html = str(PickForm({"department": "x1"})["department"])
    assert html.count("<option") == 1


def test_the_search_of_a_filter_over_all_departments_includes_inactive_ones(settings, five):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    html = str(MeasureFilter(queryset=Measure.objects.none()).form["lead_department"])
    assert f'data-department-search="{reverse("leadership:department-search")}?inactive=1"' in html


def test_below_the_limit_rendering_takes_one_query_as_a_plain_select_does(django_assert_num_queries, five):
    form = PickForm({"department": str(five[0].pk)})
    assert form.is_valid()
    with django_assert_num_queries(1):
        html = str(form["department"])
    assert html.count("<option") == 6


@pytest.mark.parametrize("departments", [5, 40])
def test_rendering_above_the_limit_takes_two_queries_however_many_departments(
    settings, django_assert_num_queries, departments
):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    chosen = DepartmentFactory.create_batch(departments)[-1]
    form = RequiredPickForm({"department": str(chosen.pk)})
    assert form.is_valid()  # as in a view, which validates before it renders
    with django_assert_num_queries(2):  # the first limit + 1 departments, and the chosen one
        html = str(form["department"])
    assert chosen.name in html and html.count("<option") == 1


def test_measure_list_above_the_limit_still_filters_by_the_submitted_department(settings, client_as, org):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    DepartmentFactory.create_batch(3)
    pillar = PillarFactory(campaign=org.campaign)
    ours = MeasureFactory(pillar=pillar, lead_department=org.dept_b, title="第一管理队的措施")
    theirs = MeasureFactory(pillar=pillar, lead_department=org.dept_a, title="景区管理站的措施")
    response = client_as("office").get(reverse("campaigns:measure-list"), {"lead_department": org.dept_b.pk})
    body = response.content.decode()
    assert list(response.context["filter"].qs) == [ours]
    assert theirs.title not in body
    picker = body[body.index('name="lead_department"') : body.index("</select>", body.index('name="lead_department"'))]
    assert f'<option value="{org.dept_b.pk}" selected>{org.dept_b.name}</option>' in picker
    assert org.dept_a.name not in picker and "data-department-search" in picker


PICKERS = [  # URL name, its arguments, the department field on the page
    ("campaigns:measure-list", lambda org: {}, "lead_department"),
    ("campaigns:reading-list", lambda org: {}, "department"),
    ("campaigns:measure-create", lambda org: {"pillar_pk": PillarFactory(campaign=org.campaign).pk}, "lead_department"),
    ("reception:request-list", lambda org: {}, "host_department"),
    ("reception:record-list", lambda org: {}, "host_department"),
    ("reception:request-create", lambda org: {}, "host_department"),
    ("reception:record-create", lambda org: {}, "host_department"),
    ("registers:record-list", lambda org: {"key": "study"}, "department"),
    ("registers:record-create", lambda org: {"key": "study"}, "department"),
    ("registers:coordination-list", lambda org: {}, "department"),
    ("dashboards:leader", lambda org: {}, "department"),
    ("dashboards:department", lambda org: {}, "department"),
    ("leadership:department-create", lambda org: {}, "parent"),
    ("leadership:person-create", lambda org: {}, "department"),
    ("leadership:charge-create", lambda org: {"campaign_pk": org.campaign.pk}, "department"),
]


@pytest.mark.parametrize(("name", "kwargs", "field"), PICKERS, ids=[name for name, _, _ in PICKERS])
def test_every_department_picker_becomes_a_search_above_the_limit(settings, client_as, org, name, kwargs, field):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    DepartmentFactory(name="不应列出的科室")
    response = client_as("office").get(reverse(name, kwargs=kwargs(org)))
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index(f'<select name="{field}"')
    select = body[start : body.index("</select>", start)]
    assert "data-department-search" in select and "不应列出的科室" not in select
