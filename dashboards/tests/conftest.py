"""Fixtures for the dashboards tests: the `org` campaign with its six pillars and measures in every light."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from campaigns.models import Measure, Pillar
from campaigns.tests.factories import IndicatorFactory, IndicatorReadingFactory, MeasureFactory
from liujiguan.tests.factories import PillarFactory

PILLARS = [
    (Pillar.Type.LEARNING, "学习型机关"),
    (Pillar.Type.SERVICE, "服务型机关"),
    (Pillar.Type.EFFICIENCY, "效率型机关"),
    (Pillar.Type.THRIFT, "节约型机关"),
    (Pillar.Type.INTEGRITY, "廉政型机关"),
    (Pillar.Type.HARMONY, "和谐型机关"),
]


@pytest.fixture
def plan(org):
    """Six pillars (the leader is in charge of the learning pillar and of department A) and measures that are due
    in 5 days and tomorrow (A), in 3 days (B), overdue (A and B), done, and far off."""
    today = timezone.localdate()
    for key in ("dept_a", "dept_b", "leader", "office"):
        org.users[key].email = f"{key}@example.org"
        org.users[key].save(update_fields=["email"])
    pillars = [
        PillarFactory(campaign=org.campaign, type=type_, name=name, order=order)
        for order, (type_, name) in enumerate(PILLARS, start=1)
    ]
    pillars[0].leader_in_charge = org.people["leader"]
    pillars[0].save()
    start = today - timedelta(days=100)

    def measure(title, pillar, department, due_in, progress=50, **extra):
        return MeasureFactory(
            pillar=pillar,
            title=title,
            lead_department=department,
            start=start,
            due=today + timedelta(days=due_in),
            progress=progress,
            status=extra.pop("status", Measure.Status.IN_PROGRESS),
            **extra,
        )

    m = SimpleNamespace(
        due_5=measure("理论学习中心组学习", pillars[0], org.dept_a, 5, progress=95),
        due_1=measure("专题报告会", pillars[1], org.dept_a, 1, progress=96),
        due_3_b=measure("服务群众走访", pillars[1], org.dept_b, 3, progress=97),
        overdue_a=measure("精简会议文件", pillars[2], org.dept_a, -3, progress=40),
        overdue_b=measure("学习型干部培养", pillars[0], org.dept_b, -2, progress=20, weight=2),
        done=measure(
            "公务接待定点管理",
            pillars[3],
            org.dept_a,
            -10,
            progress=100,
            status=Measure.Status.VERIFIED,
            reported_at=timezone.now() - timedelta(days=12),
        ),
        later=measure("廉政文化进机关", pillars[4], org.dept_b, 60, progress=80),
        issued=measure("部门协调机制", pillars[5], org.dept_b, 90, progress=0, status=Measure.Status.ISSUED),
    )
    indicator = IndicatorFactory(pillar=pillars[2], name="平均办结天数", unit="天", target=5, direction="lower")
    IndicatorReadingFactory(indicator=indicator, value=9)
    return SimpleNamespace(org=org, campaign=org.campaign, pillars=pillars, measures=m, today=today)
