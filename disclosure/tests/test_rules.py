"""Pure rules: lateness and markdown-lite rendering."""

import datetime

import pytest

from disclosure.rules import commitment_is_late, render_markup

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    "status, due, completed, late",
    [
        ("planned", datetime.date(2026, 6, 14), None, True),
        ("in_progress", datetime.date(2026, 6, 15), None, False),
        ("in_progress", datetime.date(2026, 6, 16), None, False),
        ("done", datetime.date(2026, 6, 10), datetime.date(2026, 6, 11), True),
        ("done", datetime.date(2026, 6, 10), datetime.date(2026, 6, 10), False),
        ("withdrawn", datetime.date(2026, 1, 1), None, False),
    ],
)
def test_commitment_is_late(status, due, completed, late):
    assert commitment_is_late(status=status, due_date=due, completed_on=completed, today=TODAY) is late


def test_markup_structure():
    html = render_markup("# 材料\n- 申请表\n- 身份证\n\n1. 受理\n2. 办结\n\n第一行\n第二行 **重点**")
    assert "<h2>材料</h2>" in html
    assert "<ul><li>申请表</li><li>身份证</li></ul>" in html
    assert "<ol><li>受理</li><li>办结</li></ol>" in html
    assert "<p>第一行<br>第二行 <strong>重点</strong></p>" in html


@pytest.mark.parametrize(
    "text, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<a href="x" onclick="y">z</a>', "<a href"),
        ("[x](javascript:alert(1))", 'href="javascript'),
        ("[x](//evil.example/)", 'href="//'),
        ('[x](https://a.example/" onmouseover="alert(1))', '" onmouseover'),
        ("**<b>x</b>**", "<b>"),
    ],
)
def test_markup_escapes_everything(text, forbidden):
    assert forbidden not in render_markup(text)


def test_markup_allows_safe_links():
    html = render_markup("[反馈](/public/feedback/) 和 [官网](https://example.gov.cn/a?b=1&c=2)")
    assert '<a href="/public/feedback/" rel="nofollow noopener">反馈</a>' in html
    assert 'href="https://example.gov.cn/a?b=1&amp;c=2"' in html
