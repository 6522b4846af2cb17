"""The public feedback form: a human check without third parties, a honeypot, a rate limit, the office's inbox."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from disclosure.humancheck import SALT
from disclosure.models import FeedbackMessage

URL = "/public/feedback/"


def _form(client, **extra):
    """Fetch the form and answer its question the way a person reading the page would."""
    body = client.get(URL, **extra).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', body).group(1)
    a, b = map(int, re.search(r"(\d+) \+ (\d+)", body).groups())
    return {
        "topic": "question",
        "subject": "企业入驻需要多久？",
        "body": "请问材料齐全后多久可以签订入驻协议？",
        "name": "",
        "contact": "",
        "website": "",
        "challenge": token,
        "answer": str(a + b),
    }


def test_message_reaches_the_office_inbox(client, no_min_wait, org):
    data = _form(client)
    response = client.post(URL, data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and response["Location"] == reverse("disclosure:feedback-thanks")
    message = FeedbackMessage.objects.get()
    assert message.subject == "企业入驻需要多久？" and message.status == FeedbackMessage.Status.NEW
    assert "203.0.113.7" not in message.client_hash and len(message.client_hash) == 40
    office = client
    office.force_login(org.users["office"])
    listing = office.get(reverse("disclosure:feedback-list")).content.decode()
    assert "企业入驻需要多久？" in listing


def test_wrong_answer_is_refused_with_a_new_question(client, no_min_wait, db):
    data = _form(client)
    data["answer"] = str(int(data["answer"]) + 1)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert FeedbackMessage.objects.count() == 0
    new_token = re.search(r'name="challenge" value="([^"]+)"', response.content.decode()).group(1)
    assert new_token != data["challenge"]


def test_forged_token_is_refused(client, no_min_wait, db):
    data = _form(client)
    data["challenge"] = signing.dumps({"a": 1, "b": 1, "n": "x"}, salt="another-salt")
    data["answer"] = "2"
    assert client.post(URL, data).status_code == 200
    assert FeedbackMessage.objects.count() == 0


def test_a_token_answers_only_once(client, no_min_wait, db):
    data = _form(client)
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 200
    assert FeedbackMessage.objects.count() == 1


def test_honeypot_filled_by_a_robot_is_refused(client, no_min_wait, db):
    data = _form(client)
    data["website"] = "http://spam.example"
    assert client.post(URL, data).status_code == 200
    assert FeedbackMessage.objects.count() == 0


def test_an_answer_sent_at_once_is_too_fast(client, db):
    data = _form(client)  # the default minimum of three seconds applies
    assert client.post(URL, data).status_code == 200
    assert FeedbackMessage.objects.count() == 0


def test_token_numbers_come_from_the_signature_not_the_form(db):
    token = signing.dumps({"a": 2, "b": 3, "n": "abc"}, salt=SALT, compress=True)
    from disclosure.humancheck import ChallengeError, challenge_verify

    with pytest.raises(ChallengeError):
        challenge_verify(token=token, answer="6", used_marker=False)


def test_rate_limit_per_client_address(client, no_min_wait, db, settings):
    settings.DISCLOSURE_FEEDBACK_PER_HOUR = 5
    for _ in range(5):
        assert client.post(URL, _form(client), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(URL, _form(client), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert FeedbackMessage.objects.count() == 5
    # another address is not affected
    assert client.post(URL, _form(client), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_failed_attempts_count_towards_the_limit(client, no_min_wait, db, settings):
    settings.DISCLOSURE_FEEDBACK_PER_HOUR = 3
    for _ in range(3):
        data = _form(client)
        data["answer"] = "999"
        client.post(URL, data, REMOTE_ADDR="198.51.100.9")
    assert client.post(URL, _form(client), REMOTE_ADDR="198.51.100.9").status_code == 429


def test_feedback_about_a_published_commitment_links_it(client, no_min_wait, public):
    data = _form(client, QUERY_STRING=f"commitment={public.commitment.pk}")
    data["commitment"] = str(public.commitment.pk)
    assert client.post(URL, data).status_code == 302
    assert FeedbackMessage.objects.get().commitment == public.commitment


def test_feedback_cannot_point_at_a_draft_commitment(client, no_min_wait, public):
    data = _form(client)
    data["commitment"] = str(public.draft_commitment.pk)
    assert client.post(URL, data).status_code == 200
    assert FeedbackMessage.objects.count() == 0


def test_office_opens_a_message_and_marks_it_handled(client_as, org):
    from .factories import FeedbackMessageFactory

    message = FeedbackMessageFactory()
    client = client_as("office")
    assert "意见" in client.get(reverse("disclosure:feedback-detail", args=[message.pk])).content.decode()
    message.refresh_from_db()
    assert message.status == FeedbackMessage.Status.READ
    response = client.post(
        reverse("disclosure:feedback-detail", args=[message.pk]), {"status": "handled", "office_note": "已电话回复"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == FeedbackMessage.Status.HANDLED and message.handled_by == org.users["office"]
    assert message.handled_at is not None and message.office_note == "已电话回复"


@pytest.mark.parametrize("key", ["leader", "dept_a", "viewer"])
def test_only_the_office_reads_the_inbox(client_as, key):
    from .factories import FeedbackMessageFactory

    message = FeedbackMessageFactory()
    client = client_as(key)
    assert client.get(reverse("disclosure:feedback-list")).status_code == 403
    assert client.get(reverse("disclosure:feedback-detail", args=[message.pk])).status_code == 403


def test_anonymous_is_sent_to_login_for_the_inbox(client, db):
    response = client.get(reverse("disclosure:feedback-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
