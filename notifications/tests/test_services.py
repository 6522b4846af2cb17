"""The reminder ledger: a batch claim records each reminder once, whoever asked first, in one statement."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import SentReminder
from notifications.services import reminder_claim, reminders_claim

DAY = date(2026, 11, 30)


def test_batch_claim_returns_only_the_reminders_not_recorded_before(org):
    user = org.users["dept_a"]
    assert reminder_claim(key="measure:2", kind="due_reminder_7", date=DAY, recipient=user) is not None
    wanted = [
        ("measure:3", "due_reminder_1", DAY),
        ("measure:2", "due_reminder_7", DAY),  # claimed one at a time above
        ("measure:1", "due_reminder_7", DAY),
        ("measure:3", "due_reminder_1", DAY),  # asked twice in the same batch
    ]
    with CaptureQueriesContext(connection) as queries:
        claimed = reminders_claim(reminders=wanted, recipient=user)
    assert len(queries) == 1
    assert [(r.key, r.kind, r.date) for r in claimed] == [wanted[0], wanted[2]]  # in the order asked
    rows = SentReminder.objects.filter(recipient=user)
    assert sorted(r.pk for r in claimed) == sorted(rows.exclude(key="measure:2").values_list("pk", flat=True))
    assert all(r.recipient_id == user.pk and r.sent_at is None and r.notification_id is None for r in rows)
    assert reminders_claim(reminders=wanted, recipient=user) == []
    assert reminder_claim(key="measure:1", kind="due_reminder_7", date=DAY, recipient=user) is None


def test_batch_claim_is_per_recipient_and_per_date(org):
    wanted = [("round:1", "rater_reminder", DAY)]
    next_week = [("round:1", "rater_reminder", date(2026, 12, 7))]
    assert len(reminders_claim(reminders=wanted, recipient=org.users["dept_a"])) == 1
    assert len(reminders_claim(reminders=wanted, recipient=org.users["dept_b"])) == 1
    assert len(reminders_claim(reminders=next_week, recipient=org.users["dept_a"])) == 1
    assert reminders_claim(reminders=wanted, recipient=org.users["dept_b"]) == []


def test_batch_claim_without_a_recipient_is_once_too(db):
    # NULLs are distinct in a plain unique constraint; the partial one for rows without a recipient must still hold.
    wanted = [("campaign:1", "monthly_report", DAY)]
    assert len(reminders_claim(reminders=wanted)) == 1
    assert reminders_claim(reminders=wanted) == []
    assert reminder_claim(key="campaign:1", kind="monthly_report", date=DAY) is None
    assert SentReminder.objects.filter(recipient__isnull=True).count() == 1


def test_a_large_batch_is_claimed_in_a_few_statements(org, monkeypatch):
    from notifications import services

    monkeypatch.setattr(services, "CLAIM_BATCH", 10)
    wanted = [(f"measure:{i}", "overdue_escalation", DAY) for i in range(25)]
    with CaptureQueriesContext(connection) as queries:
        claimed = reminders_claim(reminders=wanted, recipient=org.users["leader"])
    assert len(queries) == 3
    assert [r.key for r in claimed] == [key for key, _kind, _date in wanted]
    assert reminders_claim(reminders=[], recipient=org.users["leader"]) == []
