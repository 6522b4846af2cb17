"""Shared steps of the browser journeys: screenshots, logging out, switching the language, a small real PNG."""

import struct
import zlib
from pathlib import Path

from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def shot(page, journey: str, step: str) -> None:
    """Keep a full-page screenshot of a key step as a test artifact (test-artifacts/<journey>-<step>.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{journey}-{step}.png"), full_page=True)


def logout(page) -> None:
    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/**")


def switch_language(page, code: str) -> None:
    """Choose a language in the navbar's switcher and wait for the page to come back in it."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # a phone-sized screen: the navbar is collapsed
        toggler.click()
        page.wait_for_selector("#portal-nav.show")
    page.click("#language-menu")
    with page.expect_navigation():
        page.click(f"#language-form button[data-language='{code}']")
    page.wait_for_selector(f"html[lang='{code}']", state="attached")


def check_languages(page, journey: str, selector: str, hant: str, en: str) -> None:
    """Switch the current page to Traditional Chinese and to English; `selector` shows the expected heading."""
    switch_language(page, "zh-hant")
    assert hant in page.inner_text(selector)
    shot(page, journey, "zh-hant")
    switch_language(page, "en")
    assert en in page.inner_text(selector)
    shot(page, journey, "en")


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A small, valid PNG (a red square), built here so the upload is a real image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
