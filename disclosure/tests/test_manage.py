"""Publishing pages: who may publish, edit and report, and what each action does to the public site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Commitment, NewsItem

from .factories import CommitmentFactory, NewsItemFactory

MANAGE_PAGES = [
    "disclosure:manage-home",
    "disclosure:manage-page-list",
    "disclosure:manage-news-list",
    "disclosure:manage-campaign-list",
    "disclosure:manage-reception-list",
    "disclosure:feedback-list",
    "disclosure:commitment-create",
    "disclosure:page-create",
    "disclosure:news-create",
    "disclosure:reception-create",
]


@pytest.mark.parametrize(
    "key, expected", [("admin", 200), ("office", 200), ("leader", 403), ("dept_a", 403), ("viewer", 403)]
)
def test_manage_pages_matrix(client_as, key, expected):
    client = client_as(key)
    for name in MANAGE_PAGES:
        assert client.get(reverse(name)).status_code == expected, name


def test_anonymous_is_sent_to_login_from_every_manage_page(client, db):
    for name in MANAGE_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    response = client.post(reverse("disclosure:publish", args=["news", 1]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "key, own, expected",
    [
        ("office", True, 200),
        ("admin", True, 200),
        ("dept_a", True, 200),
        ("dept_b", False, 403),
        ("leader", True, 403),
        ("viewer", False, 403),
    ],
)
def test_status_update_matrix(client_as, org, key, own, expected):
    commitment = CommitmentFactory(department=org.dept_a)
    url = reverse("disclosure:commitment-status", args=[commitment.pk])
    client = client_as(key)
    assert client.get(url).status_code == expected
    response = client.post(url, {"status": "done", "progress_note": "已办结", "completed_on": ""})
    commitment.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert commitment.status == "done" and commitment.completed_on == timezone.localdate()
        assert commitment.status_updated_at is not None
    else:
        assert response.status_code == 403 and commitment.status == "in_progress"


def test_department_lists_only_its_own_commitments(client_as, org):
    CommitmentFactory(department=org.dept_a, text="甲科室的承诺")
    CommitmentFactory(department=org.dept_b, text="乙科室的承诺")
    body = client_as("dept_a").get(reverse("disclosure:manage-commitment-list")).content.decode()
    assert "甲科室的承诺" in body and "乙科室的承诺" not in body
    assert reverse("disclosure:publish", args=["commitment", 1])[:-10] not in body  # no publish controls


def test_department_cannot_publish_or_edit(client_as, org):
    commitment = CommitmentFactory(department=org.dept_a, is_published=False, published_at=None)
    client = client_as("dept_a")
    assert client.post(reverse("disclosure:publish", args=["commitment", commitment.pk])).status_code == 403
    assert client.get(reverse("disclosure:commitment-update", args=[commitment.pk])).status_code == 403
    commitment.refresh_from_db()
    assert not commitment.is_published


def test_office_publishes_now_and_unpublishes(client_as, org):
    item = NewsItemFactory(is_published=False, published_at=None, slug="fresh")
    client = client_as("office")
    assert client.get(reverse("disclosure:news-detail", args=["fresh"])).status_code == 404
    assert client.post(reverse("disclosure:publish", args=["news", item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.is_public
    assert client.get(reverse("disclosure:news-detail", args=["fresh"])).status_code == 200
    assert client.post(reverse("disclosure:unpublish", args=["news", item.pk])).status_code == 302
    assert client.get(reverse("disclosure:news-detail", args=["fresh"])).status_code == 404


def test_office_schedules_a_publication(client_as, org):
    item = NewsItemFactory(is_published=False, published_at=None, slug="scheduled")
    later = timezone.localtime() + datetime.timedelta(days=2)
    client = client_as("office")
    client.post(
        reverse("disclosure:publish", args=["news", item.pk]), {"published_at": later.strftime("%Y-%m-%dT%H:%M")}
    )
    item.refresh_from_db()
    assert item.is_scheduled and not item.is_public
    assert client.get(reverse("disclosure:news-detail", args=["scheduled"])).status_code == 404


def test_publish_needs_post(client_as, org):
    item = NewsItemFactory(is_published=False, published_at=None)
    assert client_as("office").get(reverse("disclosure:publish", args=["news", item.pk])).status_code == 405


def test_unknown_kind_is_404(client_as):
    assert client_as("office").post(reverse("disclosure:publish", args=["person", 1])).status_code == 404


def test_draft_campaign_cannot_be_published(client_as, org):
    from disclosure.services import campaign_publication_for

    org.campaign.status = "draft"
    org.campaign.save()
    publication = campaign_publication_for(campaign=org.campaign)
    client_as("office").post(reverse("disclosure:publish", args=["campaign", publication.pk]))
    publication.refresh_from_db()
    assert not publication.is_published


def test_office_creates_a_commitment_as_a_draft(client_as, org):
    client = client_as("office")
    response = client.post(
        reverse("disclosure:commitment-create"),
        {
            "department": org.dept_b.pk,
            "campaign": org.campaign.pk,
            "text": "新的公开承诺",
            "due_date": "2026-12-31",
            "status": "planned",
            "progress_note": "",
            "completed_on": "",
            "internal_note": "",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(text="新的公开承诺")
    assert not commitment.is_published
    assert client.get(reverse("disclosure:commitment-detail", args=[commitment.pk])).status_code == 404


def test_office_edits_a_page_and_the_public_sees_it_at_once(client_as, public):
    client = client_as("office")
    url = reverse("disclosure:service-detail", args=[public.page.slug])
    assert "新的办理时限" not in client.get(url).content.decode()
    response = client.post(
        reverse("disclosure:page-update", args=[public.page.pk]),
        {"title": public.page.title, "slug": public.page.slug, "kind": "procedure", "body": "新的办理时限", "order": 0},
    )
    assert response.status_code == 302
    assert "新的办理时限" in client.get(url).content.decode()


def test_office_previews_a_draft(client_as, public):
    client = client_as("office")
    response = client.get(reverse("disclosure:preview", args=["news", public.draft_news.pk]))
    assert response.status_code == 200 and "草稿新闻" in response.content.decode()
    assert (
        client_as("dept_a").get(reverse("disclosure:preview", args=["news", public.draft_news.pk])).status_code == 403
    )


def test_office_publishes_a_reception_year(client_as, org):
    client = client_as("office")
    client.post(reverse("disclosure:reception-create"), {"year": 2024, "introduction": "", "internal_note": ""})
    from disclosure.models import ReceptionDisclosure

    disclosure = ReceptionDisclosure.objects.get(year=2024)
    assert client.get(reverse("disclosure:reception-year", args=[2024])).status_code == 404
    client.post(reverse("disclosure:publish", args=["reception", disclosure.pk]))
    assert client.get(reverse("disclosure:reception-year", args=[2024])).status_code == 200


def test_manage_pages_have_bounded_queries(client_as, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("office")
    url = reverse("disclosure:manage-commitment-list")
    CommitmentFactory()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        CommitmentFactory()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_nav_offers_the_public_site_to_logged_in_users(client_as, org):
    from disclosure.nav import nav_items

    office = [item["url"] for item in nav_items(org.users["office"])]
    assert reverse("disclosure:home") in office and reverse("disclosure:manage-home") in office
    dept = [item["url"] for item in nav_items(org.users["dept_a"])]
    assert reverse("disclosure:manage-commitment-list") in dept and reverse("disclosure:manage-home") not in dept
    viewer = [item["url"] for item in nav_items(org.users["viewer"])]
    assert viewer == [reverse("disclosure:home")]


def test_office_home_shows_unread_feedback_and_commitments_due(client_as, org):
    from .factories import FeedbackMessageFactory

    FeedbackMessageFactory.create_batch(3)
    CommitmentFactory(
        department=org.dept_b, text="即将到期的承诺", due_date=timezone.localdate() + datetime.timedelta(3)
    )
    CommitmentFactory(
        department=org.dept_b, text="很久以后的承诺", due_date=timezone.localdate() + datetime.timedelta(300)
    )
    body = client_as("office").get(reverse("home")).content.decode()
    assert 'id="panel-unread-feedback"' in body and "3 unread feedback messages" in body.replace("条", "")
    assert "即将到期的承诺" in body and "很久以后的承诺" not in body


def test_department_home_shows_only_its_commitments_due(client_as, org):
    CommitmentFactory(
        department=org.dept_a, text="甲科室即将到期", due_date=timezone.localdate() + datetime.timedelta(3)
    )
    CommitmentFactory(
        department=org.dept_b, text="乙科室即将到期", due_date=timezone.localdate() + datetime.timedelta(3)
    )
    body = client_as("dept_a").get(reverse("home")).content.decode()
    assert "甲科室即将到期" in body and "乙科室即将到期" not in body and "panel-unread-feedback" not in body


def test_republishing_keeps_the_first_publication_time(org):
    from disclosure import services

    item = NewsItemFactory()
    first = item.published_at
    services.publication_unpublish(obj=item, user=org.users["office"])
    services.publication_publish(obj=item, user=org.users["office"])
    item.refresh_from_db()
    assert item.published_at == first and NewsItem.objects.published().filter(pk=item.pk).exists()
