"""Every dashboard page in a real browser (headless Chromium), with screenshots in the test's tmp dir."""

from __future__ import annotations

import pytest

from bounceback.web import ServerSettings, create_app

from .browser import DESKTOP, PHONE, launch
from .server import running

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url():
    with running(create_app(ServerSettings())) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert errors == [], errors


def test_explain_a_code(page, base_url, tmp_path):
    page.goto(f"{base_url}/explain")
    page.fill("#q", "550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown")
    page.click("button[type=submit]")
    card = page.locator("[data-testid=explanation]")
    card.wait_for()
    assert "userunknown" in card.inner_text()
    assert "Remove the address" in card.inner_text()
    assert page.url.endswith("/explain")  # HTMX swapped the answer in; no full page load
    page.screenshot(path=str(tmp_path / "explain.png"), full_page=True)


def test_example_chips(page, base_url):
    page.goto(f"{base_url}/explain")
    page.click("button.chip:has-text('452 4.2.2 mailbox full')")
    page.locator("[data-testid=explanation] .reason:has-text('mailboxfull')").wait_for()


def test_paste_a_whole_bounce(page, base_url, sample):
    page.goto(f"{base_url}/explain")
    page.fill("#q", sample("02-exim-mailbox-full.eml").decode("utf-8", "replace"))
    page.click("button[type=submit]")
    bounce = page.locator("[data-testid=bounce]").first
    bounce.wait_for()
    assert "mailboxfull" in bounce.inner_text()


def test_explain_at_phone_width(browser, base_url, tmp_path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}/explain?q=554+5.7.1+blocked+using+zen.spamhaus.org")
    page.locator("[data-testid=explanation]").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways at phone width ({width}px)"
    page.screenshot(path=str(tmp_path / "explain-phone.png"), full_page=True)
    context.close()
