"""The notification centre: delivery in-app and by e-mail, the unread count, reading, and only one's own."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from notifications.nav import nav_items
from notifications.services import Section, notification_send


def _send(user, **extra):
    return notification_send(
        recipient=user, title="措施即将到期", body="请及时报送进展。", link="/dashboards/", **extra
    )


def test_send_stores_the_message_and_emails_it(org):
    user = org.users["dept_a"]
    user.email = "a@example.org"
    user.save()
    notification = _send(
        user, sections=[Section(heading="即将到期", lines=[{"text": "理论学习", "link": "/campaigns/1/"}])]
    )
    assert notification.emailed and notification.read_at is None
    [email] = mail.outbox
    assert email.to == ["a@example.org"] and "措施即将到期" in email.subject
    assert "理论学习" in email.body and "/campaigns/1/" in email.body
    assert "理论学习" in email.alternatives[0][0]


def test_without_an_address_the_message_stays_in_app(org):
    notification = _send(org.users["dept_b"])
    assert not notification.emailed and mail.outbox == []
    assert Notification.objects.filter(recipient=org.users["dept_b"]).count() == 1


def test_person_email_is_used_when_the_login_has_none(org):
    org.people["dept_b"].email = "b@example.org"
    org.people["dept_b"].save()
    _send(org.users["dept_b"])
    assert mail.outbox[0].to == ["b@example.org"]


def test_navigation_shows_the_unread_count_in_one_query(org):
    user = org.users["dept_a"]
    _send(user)
    _send(user)
    with CaptureQueriesContext(connection) as queries:
        [item] = nav_items(user)
    assert "2" in item["label"] and len(queries) == 1


def test_list_open_and_mark_read(client_as, org):
    user = org.users["dept_a"]
    first, second = _send(user), _send(user)
    client = client_as("dept_a")
    response = client.get(reverse("notifications:notification-list"))
    assert response.status_code == 200 and len(response.context["notifications"]) == 2
    response = client.get(reverse("notifications:notification-open", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/dashboards/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert len(client.get(reverse("notifications:notification-list") + "?unread=1").context["notifications"]) == 1
    client.post(reverse("notifications:notification-read-all"))
    second.refresh_from_db()
    assert second.read_at is not None


def test_someone_elses_notification_is_not_found(client_as, org):
    theirs = _send(org.users["dept_b"])
    client = client_as("dept_a")
    assert client.get(reverse("notifications:notification-open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:notification-read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_needs_post(client_as, org):
    mine = _send(org.users["dept_a"])
    client = client_as("dept_a")
    assert client.get(reverse("notifications:notification-read", args=[mine.pk])).status_code == 405
    assert client.get(reverse("notifications:notification-read-all")).status_code == 405


def test_open_does_not_redirect_off_site(client_as, org):
    notification = notification_send(recipient=org.users["dept_a"], title="x", link="https://evil.example/")
    response = client_as("dept_a").get(reverse("notifications:notification-open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:notification-list")


def test_anonymous_users_must_log_in(client, org):
    assert client.get(reverse("notifications:notification-list")).status_code == 302
