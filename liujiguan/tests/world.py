"""One object of every kind the portal's URLs point at, owned by department A, built from the apps' factories.

The permission matrix, the CSRF test and the payload test all walk the URLconf against this world.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import Evidence
from campaigns.tests.factories import IndicatorFactory, IndicatorReadingFactory, MeasureFactory, ProgressUpdateFactory
from dashboards.models import ReportRun
from dashboards.tests.factories import ReportRunFactory
from disclosure.tests.factories import (
    CampaignPublicationFactory,
    CommitmentFactory,
    FeedbackMessageFactory,
    NewsItemFactory,
    ReceptionDisclosureFactory,
    ServicePageFactory,
)
from evaluations import services as evaluation_services
from evaluations.models import Round
from evaluations.tests.factories import BandFactory, CriterionFactory, RaterGroupFactory, RoundFactory
from leadership.models import Charge, Membership
from liujiguan.tests.factories import PillarFactory
from notifications.models import Notification
from planimport.models import PlanImport
from reception.models import Attachment
from reception.tests.factories import BudgetFactory, PolicyFactory, RecordFactory, RequestFactory, VenueFactory
from registers.models import CoordinationTarget, Holiday, RegisterPolicy
from registers.tests.factories import (
    CoordinationRequestFactory,
    PublicIssueFactory,
    StudyActivityFactory,
    TripFactory,
    VehicleFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def world_build(org) -> SimpleNamespace:
    """Objects of department A (and the shared records the URLs need) on top of the `org` fixture."""
    a, b = org.dept_a, org.dept_b
    w = SimpleNamespace(org=org)
    w.campaign = org.campaign
    w.pillar = PillarFactory(campaign=org.campaign, order=1)
    w.measure = MeasureFactory(pillar=w.pillar, title="A站学习计划", lead_department=a)
    w.measure_b = MeasureFactory(pillar=w.pillar, title="B队学习计划", lead_department=b)
    w.update = ProgressUpdateFactory(measure=w.measure)
    w.evidence = Evidence.objects.create(
        update=w.update,
        file=ContentFile(PDF_BYTES, name="evidence.pdf"),
        original_name="证明材料.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    w.indicator = IndicatorFactory(pillar=w.pillar)
    w.reading = IndicatorReadingFactory(indicator=w.indicator, department=a)
    w.plan_import = PlanImport.objects.create(
        uploaded_by=org.users["office"], file_name="plan.txt", text="方案", parsed={}, status=PlanImport.Status.DRAFT
    )
    w.membership = Membership.objects.get(campaign=org.campaign, person=org.people["leader"])
    w.charge = Charge.objects.get(campaign=org.campaign, person=org.people["leader"], department=a)
    w.person = org.people["dept_a"]

    w.round = RoundFactory(campaign=org.campaign, departments=[a, b], status=Round.Status.DRAFT)
    w.criterion = CriterionFactory(round=w.round)
    w.rater_group = RaterGroupFactory(round=w.round, ballots_issued=0)
    w.band = BandFactory(round=w.round)
    w.open_round = RoundFactory(campaign=org.campaign, departments=[a, b], status=Round.Status.OPEN)
    CriterionFactory(round=w.open_round)
    w.open_group = RaterGroupFactory(round=w.open_round, ballots_issued=0)
    w.token = evaluation_services.links_issue(rater_group=w.open_group, count=1)[0]
    w.closed_round = RoundFactory(campaign=org.campaign, departments=[a, b], status=Round.Status.CLOSED)
    CriterionFactory(round=w.closed_round)

    w.policy = PolicyFactory()
    w.venue = VenueFactory(name="港区宾馆")
    w.budget = BudgetFactory(department=a, year=timezone.localdate().year)
    w.request = RequestFactory(host_department=a)
    w.record = RecordFactory(host_department=a)
    w.attachment = Attachment.objects.create(
        record=w.record,
        file=ContentFile(PDF_BYTES, name="invoice.pdf"),
        original_name="发票.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=org.users["dept_a"],
    )

    w.notification = Notification.objects.create(
        recipient=org.users["dept_a"], title="提醒", body="请按时报送", link="/campaigns/measures/"
    )
    w.report = ReportRunFactory(
        campaign=org.campaign, department=a, requested_by=org.users["dept_a"], status=ReportRun.Status.DONE
    )
    w.report.file.save("report.pdf", ContentFile(PDF_BYTES), save=True)

    w.study = StudyActivityFactory(department=a)
    w.issue = PublicIssueFactory(department=a)
    w.vehicle = VehicleFactory(department=a)
    w.trip = TripFactory(vehicle=w.vehicle, driver=org.people["dept_a"])
    w.coordination = CoordinationRequestFactory(department=b)
    w.target = CoordinationTarget.objects.create(request=w.coordination, department=a)
    w.register_policy = RegisterPolicy.objects.create(effective_from=datetime.date(2026, 1, 1))
    w.holiday = Holiday.objects.create(date=datetime.date(2026, 10, 1), name="国庆节")

    w.commitment = CommitmentFactory(department=a)
    w.service_page = ServicePageFactory()
    w.news = NewsItemFactory()
    w.publication = CampaignPublicationFactory(campaign=org.campaign)
    w.reception_disclosure = ReceptionDisclosureFactory(year=2026)
    w.feedback = FeedbackMessageFactory()
    w.meal_cost = Decimal("150.00")
    return w
