"""Fixtures of the public portal's tests: a clean cache for every test, and a little public content."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from .factories import (
    CampaignPublicationFactory,
    CommitmentFactory,
    NewsItemFactory,
    ReceptionDisclosureFactory,
    ServicePageFactory,
)


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_min_wait(settings):
    """The feedback check normally refuses answers sent within 3 s; tests answer at once."""
    settings.DISCLOSURE_FEEDBACK_MIN_SECONDS = 0
    return settings


@pytest.fixture
def public(org):
    """One of each kind of public content, plus drafts that must never show."""
    return SimpleNamespace(
        org=org,
        campaign=CampaignPublicationFactory(campaign=org.campaign),
        commitment=CommitmentFactory(department=org.dept_a, text="窗口办事一次告知"),
        draft_commitment=CommitmentFactory(
            department=org.dept_a,
            text="草稿承诺勿公开",
            is_published=False,
            published_at=None,
            internal_note="内部备注X",
        ),
        page=ServicePageFactory(title="企业登记办事程序", slug="enterprise-registration", internal_note="内部备注Y"),
        draft_page=ServicePageFactory(
            title="草稿办事程序", slug="draft-procedure", is_published=False, published_at=None
        ),
        news=NewsItemFactory(title="动员大会召开", slug="launch"),
        draft_news=NewsItemFactory(title="草稿新闻", slug="draft-news", is_published=False, published_at=None),
        reception=ReceptionDisclosureFactory(year=2025),
    )


@pytest.fixture
def client():
    """These tests read English messages on pages: the test client asks for English unless a test says otherwise."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
