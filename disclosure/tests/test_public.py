"""The public site: every page for anonymous readers in three languages, nothing unpublished, cached and renewed."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.models import Commitment

from .factories import CommitmentFactory, NewsItemFactory, ServicePageFactory

LANGUAGES = {"zh-hans": "zh-CN,zh;q=0.9", "zh-hant": "zh-TW,zh;q=0.9", "en": "en-GB,en;q=0.9"}


def public_urls(public):
    return [
        reverse("disclosure:home"),
        reverse("disclosure:campaign-detail", args=[public.org.campaign.pk]),
        reverse("disclosure:commitment-list"),
        reverse("disclosure:commitment-list") + "?late=1&status=in_progress",
        reverse("disclosure:commitment-detail", args=[public.commitment.pk]),
        reverse("disclosure:service-list"),
        reverse("disclosure:service-detail", args=[public.page.slug]),
        reverse("disclosure:results"),
        reverse("disclosure:reception-list"),
        reverse("disclosure:reception-year", args=[2025]),
        reverse("disclosure:news-list"),
        reverse("disclosure:news-detail", args=[public.news.slug]),
        reverse("disclosure:feedback"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_reader_gets_every_public_page_in_each_language(client, public, language):
    for url in public_urls(public):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=LANGUAGES[language])
        assert response.status_code == 200, url
        body = response.content.decode()
        assert f'<html lang="{language}">' in body, url
        assert response["Content-Language"] == language
        assert "草稿" not in body and "内部备注" not in body, url


def test_traditional_readers_see_content_in_traditional_script(client, public):
    body = client.get(reverse("disclosure:commitment-list"), HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "窗口辦事一次告知" in body
    body = client.get(reverse("disclosure:commitment-list"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "窗口办事一次告知" in body


def test_language_switcher_works_for_anonymous_readers(client, public):
    url = reverse("disclosure:commitment-list")
    body = client.get(url).content.decode()
    assert 'id="language-form"' in body
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert '<html lang="en">' in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hant", "next": url})
    body = client.get(url).content.decode()
    assert '<html lang="zh-hant">' in body and "窗口辦事一次告知" in body


def test_public_pages_have_no_inline_script_and_send_a_policy(client, public):
    for url in public_urls(public):
        response = client.get(url)
        body = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert not re.search(r"\son[a-z]+\s*=", body), url
        assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "name, args",
    [
        ("commitment-detail", lambda p: [p.draft_commitment.pk]),
        ("service-detail", lambda p: [p.draft_page.slug]),
        ("news-detail", lambda p: [p.draft_news.slug]),
        ("reception-year", lambda p: [2026]),
        ("service-detail", lambda p: ["guessed-slug"]),
        ("news-detail", lambda p: ["draft"]),
        ("commitment-detail", lambda p: [999999]),
    ],
)
def test_unpublished_content_is_404_by_id_and_by_guessed_slug(client, public, name, args):
    assert client.get(reverse(f"disclosure:{name}", args=args(public))).status_code == 404


def test_unpublished_campaign_and_draft_campaign_are_404(client, public):
    services.publication_unpublish(obj=public.campaign, user=public.org.users["office"])
    assert client.get(reverse("disclosure:campaign-detail", args=[public.org.campaign.pk])).status_code == 404
    public.campaign.is_published = True
    public.campaign.save()
    public.org.campaign.status = "draft"
    public.org.campaign.save()
    from disclosure.caching import content_version_bump

    content_version_bump()
    assert client.get(reverse("disclosure:campaign-detail", args=[public.org.campaign.pk])).status_code == 404


def test_scheduled_items_stay_hidden_until_their_time(client, public):
    soon = timezone.now() + datetime.timedelta(hours=2)
    item = NewsItemFactory(title="明日发布的新闻", slug="tomorrow", published_at=soon)
    commitment = CommitmentFactory(department=public.org.dept_b, text="将来公开的承诺", published_at=soon)
    assert client.get(reverse("disclosure:news-detail", args=["tomorrow"])).status_code == 404
    assert client.get(reverse("disclosure:commitment-detail", args=[commitment.pk])).status_code == 404
    assert "明日发布的新闻" not in client.get(reverse("disclosure:news-list")).content.decode()
    assert "明日发布的新闻" not in client.get(reverse("disclosure:news-feed")).content.decode()
    item.published_at = timezone.now() - datetime.timedelta(seconds=1)  # the time has come
    item.save()
    from disclosure.caching import content_version_bump

    content_version_bump()
    assert client.get(reverse("disclosure:news-detail", args=["tomorrow"])).status_code == 200


def test_cache_entries_expire_when_a_scheduled_item_comes_due(client, public):
    from django.core.cache import cache

    from disclosure.caching import _seconds_until_next_scheduled, content_version

    NewsItemFactory(slug="later", published_at=timezone.now() + datetime.timedelta(seconds=90))
    seconds = _seconds_until_next_scheduled(content_version())
    assert 1 <= seconds <= 91
    cache.clear()


def test_internal_notes_and_drafts_never_reach_public_pages(client, public):
    for url in public_urls(public) + [reverse("disclosure:news-feed")]:
        body = client.get(url).content.decode()
        for secret in ("内部备注", "草稿承诺勿公开", "草稿办事程序", "草稿新闻"):
            assert secret not in body, (url, secret)


def test_page_is_served_from_cache_then_renewed_on_publish(client, public):
    url = reverse("disclosure:news-list")
    first = client.get(url).content.decode()
    assert "草稿新闻" not in first
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached) == 0  # served from the cache, no database at all
    services.publication_publish(obj=public.draft_news, user=public.org.users["office"])
    assert "草稿新闻" in client.get(url).content.decode()
    services.publication_unpublish(obj=public.draft_news, user=public.org.users["office"])
    assert "草稿新闻" not in client.get(url).content.decode()


def test_cache_is_per_language(client, public):
    url = reverse("disclosure:commitment-list")
    assert "窗口辦事一次告知" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()
    assert "窗口办事一次告知" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "窗口辦事一次告知" in client.get(url, HTTP_ACCEPT_LANGUAGE="zh-TW").content.decode()


def test_cached_page_is_renewed_on_edit_and_on_status_update(client, public):
    url = reverse("disclosure:commitment-detail", args=[public.commitment.pk])
    assert "Fulfilled" not in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    services.commitment_status_update(
        commitment=public.commitment,
        user=public.org.users["dept_a"],
        status=Commitment.Status.DONE,
        progress_note="已全部办结",
    )
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "已全部办结" in body and "status-done" in body


def test_cached_content_carries_no_csrf_token_of_another_reader(client, public):
    from django.test import Client

    url = reverse("disclosure:home")
    client.get(url)
    other = Client()
    body = other.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    assert other.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize("name", ["home", "commitment-list", "service-list", "news-list", "news-feed"])
def test_public_page_queries_do_not_grow_with_data(client, public, name):
    from django.core.cache import cache

    url = reverse(f"disclosure:{name}")
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(12):
        CommitmentFactory(
            department=CommitmentFactory().department, due_date=timezone.localdate() - datetime.timedelta(days=3)
        )
        ServicePageFactory()
        NewsItemFactory()
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_late_commitments_are_shown_as_late(client, public):
    today = timezone.localdate()
    late = CommitmentFactory(
        department=public.org.dept_b, text="逾期未办结的承诺", due_date=today - datetime.timedelta(1)
    )
    done_late = CommitmentFactory(
        department=public.org.dept_b,
        text="逾期办结的承诺",
        status=Commitment.Status.DONE,
        due_date=today - datetime.timedelta(10),
        completed_on=today - datetime.timedelta(2),
    )
    on_time = CommitmentFactory(
        department=public.org.dept_b,
        text="按时办结的承诺",
        status=Commitment.Status.DONE,
        due_date=today - datetime.timedelta(10),
        completed_on=today - datetime.timedelta(12),
    )
    body = client.get(reverse("disclosure:commitment-list") + "?late=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "逾期未办结的承诺" in body and "逾期办结的承诺" in body and "按时办结的承诺" not in body
    assert client.get(reverse("disclosure:commitment-detail", args=[late.pk])).content.decode().count("late-badge") == 1
    detail = client.get(reverse("disclosure:commitment-detail", args=[done_late.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Fulfilled late" in detail.content.decode()
    assert "late-badge" not in client.get(reverse("disclosure:commitment-detail", args=[on_time.pk])).content.decode()


def test_service_page_text_is_escaped(client, public):
    page = ServicePageFactory(
        slug="escaped",
        body='<script>alert(1)</script>\n[点我](javascript:alert(1))\n<img src=x onerror="alert(2)">\n**加粗**',
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and 'href="javascript' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<strong>加粗</strong>" in body


def test_atom_feed_lists_published_news_only(client, public):
    response = client.get(reverse("disclosure:news-feed"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "动员大会召开" in body and "草稿新闻" not in body
    assert 'xml:lang="en"' in body


def test_evaluation_results_page_shows_only_published_rounds(client, public):
    from evaluations.models import Round

    Round.objects.create(
        campaign=public.org.campaign,
        kind=Round.Kind.SATISFACTION,
        title="未公布的满意度评议",
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=timezone.now() - datetime.timedelta(days=1),
        status=Round.Status.CLOSED,
    )
    body = client.get(reverse("disclosure:results")).content.decode()
    assert "未公布的满意度评议" not in body
    Round.objects.filter(title="未公布的满意度评议").update(
        status=Round.Status.PUBLISHED, title="已公布的满意度评议", published_at=timezone.now()
    )
    from disclosure.caching import content_version_bump

    content_version_bump()
    body = client.get(reverse("disclosure:results")).content.decode()
    assert "已公布的满意度评议" in body
