"""The published reception spending equals the reception records, and shows no names at all."""

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse

from reception.models import Guest, ReceptionRecord
from reception.services import record_refresh
from reception.tests.factories import MealFactory, RecordFactory

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
