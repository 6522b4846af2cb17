"""The daily sweep: who hears what, once; one consolidated message per person; nothing when nothing to say."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboards import sweep
from notifications.models import Notification, SentReminder


@pytest.fixture(autouse=True)
def no_monthly_report(settings):
    # The monthly report run is covered by the worker tests; here it would only queue a task for nobody.
    settings.DASHBOARDS_MONTHLY_REPORT_DAY = 0


def _messages(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_running_the_sweep_twice_sends_each_reminder_once(plan):
    org = plan.org
    first = sweep.sweep_run()
    assert first["messages"] == 3  # contact of A, contact of B, the leader
    sent_mail = len(mail.outbox)
    ledger = SentReminder.objects.count()
    second = sweep.sweep_run()
    assert second == {"items": first["items"], "claimed": 0, "messages": 0, "report_run": None}
    assert len(mail.outbox) == sent_mail == 3
    assert SentReminder.objects.count() == ledger
    assert len(_messages(org.users["dept_a"])) == 1


def test_contact_gets_one_consolidated_message_with_every_measure_due(plan):
    sweep.sweep_run()
    [message] = _messages(plan.org.users["dept_a"])
    assert message.kind == Notification.Kind.DUE_REMINDER
    assert "理论学习中心组学习" in message.body and "专题报告会" in message.body
    assert "服务群众走访" not in message.body  # department B's measure goes to B's contact
    [email] = [m for m in mail.outbox if m.to == ["dept_a@example.org"]]
    assert "理论学习中心组学习" in email.body and "专题报告会" in email.body
    ledger = SentReminder.objects.filter(recipient=plan.org.users["dept_a"])
    assert set(ledger.values_list("kind", flat=True)) == {"due_reminder_7", "due_reminder_1"}
    assert all(r.sent_at and r.notification_id == message.pk for r in ledger)


def test_overdue_measures_escalate_to_the_leader_in_charge(plan):
    sweep.sweep_run()
    [message] = _messages(plan.org.users["leader"])
    # A's measure through the charge of department A, B's through the learning pillar the leader is in charge of.
    assert "精简会议文件" in message.body and "学习型干部培养" in message.body
    assert message.kind == Notification.Kind.SWEEP  # escalation and weekly digest in one message
    assert SentReminder.objects.filter(kind="overdue_escalation", recipient=plan.org.users["leader"]).count() == 2


def test_next_reminder_threshold_and_a_moved_due_date_send_again(plan):
    today = plan.today
    sweep.sweep_run(now=timezone.now())
    measure = plan.measures.due_5
    # Four days later the same measure is due tomorrow: the 1-day reminder goes out, once.
    later = timezone.now() + timedelta(days=4)
    sweep.sweep_run(now=later)
    sweep.sweep_run(now=later)
    kinds = SentReminder.objects.filter(key=f"measure:{measure.pk}", recipient=plan.org.users["dept_a"])
    assert sorted(kinds.values_list("kind", flat=True)) == ["due_reminder_1", "due_reminder_7"]
    measure.due = today + timedelta(days=30)
    measure.save()
    moved = sweep.due_reminder_items(campaign=plan.campaign, today=today + timedelta(days=25))
    assert [i.key for i in moved if i.key == f"measure:{measure.pk}"]


def test_escalation_repeats_weekly_not_daily(plan, settings):
    settings.DASHBOARDS_ESCALATION_REPEAT_DAYS = 7
    due = plan.today
    dates = {sweep.escalation_date(due=due, today=due + timedelta(days=n), repeat=7) for n in range(1, 8)}
    assert dates == {due + timedelta(days=1)}
    assert sweep.escalation_date(due=due, today=due + timedelta(days=8), repeat=7) == due + timedelta(days=8)
    assert sweep.escalation_date(due=due, today=due + timedelta(days=30), repeat=0) == due + timedelta(days=1)


def test_no_message_when_there_is_nothing_to_say(org):
    # A campaign without measures: no reminders, no escalation, no empty digest.
    assert sweep.sweep_run() == {"items": 0, "claimed": 0, "messages": 0, "report_run": None}
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_weekly_digest_only_for_leaders_with_something_in_their_charge(plan):
    items = sweep.digest_items(campaign=plan.campaign, today=plan.today)
    assert [i.recipient_id for i in items] == [plan.org.users["leader"].pk]
    text = " ".join(line["text"] for line in items[0].lines)
    assert "精简会议文件" in text  # an overdue measure of department A
    # Nothing overdue, lagging or due soon and no recent updates: no digest.
    from campaigns.models import Measure

    Measure.objects.filter(pillar__campaign=plan.campaign).update(status=Measure.Status.VERIFIED, progress=100)
    assert sweep.digest_items(campaign=plan.campaign, today=plan.today) == []


def test_a_concurrent_claim_of_the_same_reminder_loses(plan):
    from notifications.services import reminder_claim

    user = plan.org.users["dept_a"]
    assert reminder_claim(key="measure:1", kind="due_reminder_7", date=plan.today, recipient=user) is not None
    assert reminder_claim(key="measure:1", kind="due_reminder_7", date=plan.today, recipient=user) is None
    assert reminder_claim(key="campaign:1", kind="monthly_report", date=plan.today) is not None
    assert reminder_claim(key="campaign:1", kind="monthly_report", date=plan.today) is None


def _more_measures(plan, n):
    """n measures due within the week for each department and n overdue ones in A: items for the same three people."""
    from campaigns.models import Measure
    from campaigns.tests.factories import MeasureFactory

    start = plan.today - timedelta(days=60)
    for department, due_in in [(plan.org.dept_a, 2), (plan.org.dept_b, 6), (plan.org.dept_a, -5)]:
        for _ in range(n):
            MeasureFactory(
                pillar=plan.pillars[1],
                lead_department=department,
                start=start,
                due=plan.today + timedelta(days=due_in),
                progress=10,
                status=Measure.Status.IN_PROGRESS,
            )


def _sweep_counting_queries():
    """The sweep's result and query count; then the ledger and messages are cleared so the next run starts over."""
    with CaptureQueriesContext(connection) as queries:
        result = sweep.sweep_run()
    SentReminder.objects.all().delete()
    Notification.objects.all().delete()
    return result, len(queries)


def test_sweep_queries_grow_with_the_people_written_to_not_the_items(plan):
    _more_measures(plan, 4)
    small, small_queries = _sweep_counting_queries()
    _more_measures(plan, 8)
    large, large_queries = _sweep_counting_queries()
    assert large["items"] == small["items"] + 3 * 8
    assert small["messages"] == large["messages"] == 3
    assert small["claimed"] == small["items"] and large["claimed"] == large["items"]
    assert large_queries == small_queries
    # Per message: the claim, the notification, its e-mailed flag, the ledger marked sent; the collectors are a
    # constant (the weekly digest a few per leader).
    assert large_queries <= 4 * large["messages"] + 30
