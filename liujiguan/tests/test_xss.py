"""User text is escaped everywhere: every text field the factories know carries a script payload, and every page
that shows it must show it escaped. Also: no text can make the PDF renderer fetch a local file."""

import contextlib
import importlib
import inspect
import re
from pathlib import Path

import factory
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse

from .url_table import ROLES, TABLE
from .world_fixture import *  # noqa: F403 (the module-wide world fixture)

pytestmark = pytest.mark.django_db

# A quote breaks out only of an attribute: in JSON (json_script) it comes as \" and in XML text it is harmless.
RAW = re.compile(r"<script>alert\(\d+\)</script>|(?<!\\)\"onmouseover=alert\(\d+\)|<s\d+>")
RAW_XML = re.compile(r"<script>alert\(\d+\)</script>|<s\d+>")
SHOWN = re.compile(r"&lt;script&gt;alert\((\d+)\)|&lt;s(\d+)&gt;")
FACTORY_MODULES = [
    "liujiguan.tests.factories",
    "campaigns.tests.factories",
    "reception.tests.factories",
    "evaluations.tests.factories",
    "registers.tests.factories",
    "dashboards.tests.factories",
    "disclosure.tests.factories",
]
# Fields that cannot hold markup by construction: they take part in URLs or logins.
NOT_TEXT = {"password", "username"}


def factory_models():
    """Every model that has a factory in the apps' tests."""
    found = set()
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, factory.django.DjangoModelFactory) and obj._meta.model is not None:
                found.add(obj._meta.model)
    return sorted(found, key=lambda m: m._meta.label)


def text_fields(model):
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        if field.choices or isinstance(field, (models.SlugField, models.EmailField)) or field.name in NOT_TEXT:
            continue
        if not field.editable:
            continue
        yield field


def payload(n, max_length):
    full = f'<script>alert({n})</script>"onmouseover=alert({n})'
    if max_length is None or max_length >= len(full):
        return full
    short = f'<s{n}>"'
    return short if max_length >= len(short) else None


@pytest.fixture(scope="module")
def poisoned(world, django_db_blocker):
    """Put a numbered payload into every text field of every row of every factory model; returns number → field."""
    numbers = {}
    with django_db_blocker.unblock():
        for model in factory_models():
            for field in text_fields(model):
                for pk in model._default_manager.values_list("pk", flat=True):
                    n = len(numbers) + 1
                    text = payload(n, field.max_length)
                    if text is None:
                        continue
                    model._default_manager.filter(pk=pk).update(**{field.name: text})
                    numbers[n] = f"{model._meta.label}.{field.name}"
    return numbers


def page_roles(row):
    """Who to look at a page as: the administrator, the owning department and the public, where they may."""
    return [role for role in ("admin", "dept_a", "anon", "leader") if row.get[ROLES.index(role)] == "Y"]


GET_URLS = sorted(name for name, row in TABLE.items() if page_roles(row))
shown_anywhere: set[str] = set()
pages_checked: set[str] = set()


@pytest.mark.parametrize("name", GET_URLS, ids=str)
def test_payloads_are_escaped_on_every_page(world, poisoned, role_clients, name):
    row = TABLE[name]
    url = reverse(name, kwargs=row.kwargs(world))
    for role in page_roles(row):
        cache.clear()
        response = role_clients(role).get(url)
        assert response.status_code == 200, f"{name} as {role}: {response.status_code}"
        kind = response.get("Content-Type", "")
        if not kind.startswith(("text/html", "application/atom+xml", "application/xml", "text/xml")):
            continue
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        raw = RAW if kind.startswith("text/html") else RAW_XML
        leaked = {poisoned.get(int(re.search(r"\d+", m).group())) for m in raw.findall(text)}
        where = [text[max(0, m.start() - 80) : m.end() + 20] for m in raw.finditer(text)][:3]
        assert not leaked, f"{name} as {role} shows unescaped user text from {sorted(leaked)}: {where}"
        for match in SHOWN.finditer(text):
            shown_anywhere.add(poisoned.get(int(match.group(1) or match.group(2))))
    pages_checked.add(name)


def test_zz_the_payloads_were_really_shown(poisoned):
    """The payload test means something only if the pages did show the poisoned fields (this runs last)."""
    if pages_checked != set(GET_URLS):
        pytest.skip("meaningful only after every page was checked in this run")
    for label in ("campaigns.Measure.title", "reception.ReceptionRecord.visiting_unit", "leadership.Department.name"):
        assert label in shown_anywhere, f"{label} was not shown on any page"
    assert len(shown_anywhere) >= 40, sorted(shown_anywhere)


# --- the PDF renderer --------------------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF's bytes with every deflated stream inflated (embedded files are deflated)."""
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"".join(parts)


def test_a_round_title_cannot_make_the_link_sheet_embed_a_local_file(world, tmp_path):
    from evaluations.exports import links_pdf

    secret = tmp_path / "secret.txt"
    secret.write_text("secret-marker-4711")
    world.open_round.title = f'x"; }}</style><a rel="attachment" href="file://{secret}">a</a><style>'
    pdf = links_pdf(round=world.open_round, rater_group=world.open_group, urls=["https://example.org/b/x/"])
    assert b"secret-marker-4711" not in _pdf_text(pdf)


def test_the_report_renderer_fetches_no_local_file(tmp_path, settings):
    from dashboards.pdf import pdf_render

    secret = tmp_path / "secret.txt"
    secret.write_text("secret-marker-4712")
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "probe.html").write_text(
        f'<p>x</p><a rel="attachment" href="file://{secret}">a</a><img src="file://{secret}">'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}]
    pdf, _pages = pdf_render(template="probe.html", context={})
    assert b"secret-marker-4712" not in _pdf_text(pdf)


def test_base_template_has_no_inline_script():
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "json" in tag, f"inline script in {path}"
