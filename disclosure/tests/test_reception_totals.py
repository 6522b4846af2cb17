"""The published reception spending equals the reception records, and shows no names at all."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reception.models import Guest, ReceptionRecord
from reception.services import record_refresh
from reception.tests.factories import MealFactory, RecordFactory

from .. import services
from .factories import ReceptionDisclosureFactory


def _record(department, *, day, guests, meals, transport="0.00"):
    record = RecordFactory(
        host_department=department,
        start_date=day,
        end_date=day,
        guests=guests,
        visiting_unit="机密来访单位",
        transport_cost=Decimal(transport),
    )
    for cost in meals:
        MealFactory(record=record, guests=guests, cost=Decimal(cost))
    Guest.objects.create(record=record, name="张来宾", post="处长")
    with transaction.atomic():
        record_refresh(record=record)
    return record


def _number(text):
    return Decimal(re.sub(r"[^\d.]", "", text))


def test_disclosure_totals_equal_the_records(client, org):
    _record(org.dept_a, day=datetime.date(2025, 3, 4), guests=5, meals=["150.00", "120.50"])
    _record(org.dept_a, day=datetime.date(2025, 9, 1), guests=3, meals=["90.00"], transport="200.00")
    _record(org.dept_b, day=datetime.date(2025, 11, 20), guests=12, meals=["480.00"])
    _record(org.dept_b, day=datetime.date(2024, 12, 30), guests=7, meals=["999.00"])  # another year
    ReceptionDisclosureFactory(year=2025)

    body = client.get(reverse("disclosure:reception-year", args=[2025]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    expected = ReceptionRecord.objects.filter(start_date__year=2025).aggregate(
        n=Count("pk"), guests=Sum("guests"), spend=Sum("total_cost")
    )
    assert expected == {"n": 3, "guests": 20, "spend": Decimal("1040.50")}
    assert _number(re.search(r'id="total-count">([^<]+)<', body).group(1)) == expected["n"]
    assert _number(re.search(r'id="total-guests">([^<]+)<', body).group(1)) == expected["guests"]
    assert _number(re.search(r'id="total-amount">([^<]+)<', body).group(1)) == expected["spend"]

    rows = re.findall(
        r"<tr><td>([^<]+)</td><td class=\"text-end\">(\d+)</td><td class=\"text-end\">(\d+)</td>"
        r"<td class=\"text-end\">([^<]+)</td></tr>",
        body,
    )
    by_department = {name: (int(n), int(g), _number(amount)) for name, n, g, amount in rows}
    for department in (org.dept_a, org.dept_b):
        records = ReceptionRecord.objects.filter(start_date__year=2025, host_department=department)
        agg = records.aggregate(n=Count("pk"), guests=Sum("guests"), spend=Sum("total_cost"))
        assert by_department[department.name] == (agg["n"], agg["guests"], agg["spend"])

    for personal in ("张来宾", "处长", "机密来访单位"):
        assert personal not in body


def test_unpublished_year_is_404_even_with_records(client, org):
    _record(org.dept_a, day=datetime.date(2025, 3, 4), guests=5, meals=["150.00"])
    ReceptionDisclosureFactory(year=2025, is_published=False, published_at=None)
    assert client.get(reverse("disclosure:reception-year", args=[2025])).status_code == 404


# --- many departments: the table is paginated, the totals stay the bureau's -------------------------------------


def _departments_with_receptions(count, *, start=0):
    from liujiguan.tests.factories import DepartmentFactory

    departments = [DepartmentFactory(name=f"站所{i:02d}", order=i) for i in range(start, start + count)]
    for i, department in enumerate(departments):
        _record(department, day=datetime.date(2025, 5, 1), guests=2, meals=[f"{100 + i}.00"])
    return departments


def _table_rows(body):
    return re.findall(r"<tr><td>([^<]+)</td><td class=\"text-end\">\d+</td>", body)


@pytest.fixture
def three_per_page(monkeypatch):
    from disclosure import selectors

    monkeypatch.setattr(selectors, "RECEPTION_ROWS_PER_PAGE", 3)


def test_reception_year_pages_through_departments_with_bureau_totals(client, db, three_per_page):
    _departments_with_receptions(7)
    ReceptionDisclosureFactory(year=2025)
    url = reverse("disclosure:reception-year", args=[2025])
    pages = {n: client.get(url, {"page": n}).content.decode() for n in (1, 2, 3)}
    assert [_table_rows(pages[n]) for n in (1, 2, 3)] == [
        ["站所00", "站所01", "站所02"],
        ["站所03", "站所04", "站所05"],
        ["站所06"],
    ]
    for body in pages.values():
        assert _number(re.search(r'id="total-count">([^<]+)<', body).group(1)) == 7
        assert _number(re.search(r'id="total-amount">([^<]+)<', body).group(1)) == Decimal("721.00")
        assert "Total of all departments" in body
    assert "Page 2 of 3" in pages[2] and 'href="?page=3"' in pages[2] and 'href="?page=1"' in pages[2]
    assert "4–6 of 7" in pages[2]
    # Out of range and nonsense pages: the last and the first page, as on the commitment and news lists.
    assert _table_rows(client.get(url, {"page": 99}).content.decode()) == ["站所06"]
    assert _table_rows(client.get(url, {"page": "x"}).content.decode()) == _table_rows(pages[1])


def test_reception_year_pages_are_cached_per_page_and_language_and_renewed_on_publish(client, public, three_per_page):
    _departments_with_receptions(4)
    url = reverse("disclosure:reception-year", args=[2025])
    first = {n: _table_rows(client.get(url, {"page": n}).content.decode()) for n in (1, 2)}
    assert first == {1: ["站所00", "站所01", "站所02"], 2: ["站所03"]}
    with CaptureQueriesContext(connection) as cached:
        again = {n: _table_rows(client.get(url, {"page": n}).content.decode()) for n in (1, 2)}
    assert len(cached) == 0 and again == first
    # Each language has its own entry for each page.
    hant = client.get(url, {"page": 2}, HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "第 2 頁，共 2 頁" in hant and _table_rows(hant) == ["站所03"]
    assert "Page 2 of 2" in client.get(url, {"page": 2}).content.decode()
    _departments_with_receptions(2, start=4)  # reception data refreshes with the cache, or at once on publishing
    assert _table_rows(client.get(url, {"page": 2}).content.decode()) == ["站所03"]
    services.publication_publish(obj=public.draft_news, user=public.org.users["office"])
    assert _table_rows(client.get(url, {"page": 1}).content.decode()) == ["站所00", "站所01", "站所02"]
    assert _table_rows(client.get(url, {"page": 2}).content.decode()) == ["站所03", "站所04", "站所05"]
    assert "Total of all departments" in client.get(url, {"page": 2}).content.decode()


def test_reception_year_queries_and_rows_do_not_grow_with_departments(client, db, three_per_page):
    from django.core.cache import cache

    ReceptionDisclosureFactory(year=2025)
    url = reverse("disclosure:reception-year", args=[2025])
    measured = []
    for count in (7, 23):  # 7, then 30 departments
        _departments_with_receptions(count, start=len(measured) * 7)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url, {"page": 2}).content.decode()
        measured.append((len(queries), len(_table_rows(body))))
    assert measured[0] == measured[1] and measured[0][1] == 3


def test_preview_of_a_reception_year_is_paginated_too(client, org, three_per_page):
    _departments_with_receptions(4)
    draft = ReceptionDisclosureFactory(year=2025, is_published=False, published_at=None)
    client.force_login(org.users["office"])
    body = client.get(reverse("disclosure:preview", args=["reception", draft.pk]), {"page": 2}).content.decode()
    assert _table_rows(body) == ["站所03"] and 'id="preview-banner"' in body
