"""Every dashboard page in a real browser: headless Debian Chromium driven by Playwright.

Screenshots go to the test's tmp dir (``--basetemp`` keeps them). Each page is
also loaded at phone width, where nothing may scroll sideways.
"""

from __future__ import annotations

import pytest

from bounceback.web import ServerSettings, create_app

from .browser import DESKTOP, PHONE, launch
from .server import running

sync_api = pytest.importorskip("playwright.sync_api")
PAGES = ("/", "/suppressions", "/addresses/someone@example.org", "/explain", "/upload", "/api/docs")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(demo_store):
    """The demo month served by a real uvicorn."""
    with running(create_app(ServerSettings(store=demo_store))) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def _watch(pg) -> list[str]:
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    errors = _watch(pg)
    yield pg
    context.close()
    assert errors == [], errors


def test_overview_has_incidents_and_real_charts(page, base_url, shots):
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-charts-ready=true]")
    incident = page.locator("[data-testid=incident]").first
    assert "blocked" in incident.inner_text() and "microsoft" in incident.inner_text()
    assert "What to do" in incident.inner_text()
    drawn = page.evaluate("""() => ['chart-daily', 'chart-faults', 'chart-reasons', 'chart-domains',
        'chart-suppressions'].map(id => {
            const c = document.getElementById(id).chart;
            return c ? c.data.datasets.reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0) : -1; })""")
    assert all(n > 0 for n in drawn), drawn
    stacked = page.evaluate("document.getElementById('chart-daily').chart.data.datasets.map(d => d.label)")
    assert stacked[:4] == ["Recipient", "Sender (you)", "Content", "Receiving side"]
    page.screenshot(path=str(shots / "overview.png"), full_page=True)
    page.click("a.chip:has-text('7d')")
    page.wait_for_selector("body[data-charts-ready=true]")
    assert page.evaluate("document.getElementById('chart-daily').chart.data.labels.length") == 8


def test_suppression_browser_search_filter_evidence_unsuppress(page, base_url, shots):
    page.goto(base_url + "/suppressions")
    rows = page.locator("[data-testid=suppression-row]")
    assert rows.count() == 50
    page.fill("#search", "@gmail.com")
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=suppression-row] .addr')]
        .every(a => a.textContent.endsWith('@gmail.com'))""")
    assert "q=%40gmail.com" in page.url or "q=@gmail.com" in page.url  # the search is in the address bar
    page.select_option("#reason", "mailboxfull")
    page.wait_for_function("""() => { const r = document.querySelectorAll('[data-testid=suppression-row]');
        return r.length > 0 && [...r].every(x => x.textContent.includes('mailboxfull')); }""")
    first = rows.first
    address = first.locator(".addr").inner_text()
    first.locator("[data-testid=evidence-button]").click()
    evidence = page.locator("[data-testid=evidence]").first
    evidence.wait_for()
    assert evidence.inner_text().count("mailboxfull") >= 3  # three strikes
    page.screenshot(path=str(shots / "suppressions.png"), full_page=True)
    first.locator("[data-testid=unsuppress-button]").click()
    page.locator("form.inline-form:visible input[name=note]").fill("mailbox emptied, confirmed by phone")
    page.locator("form.inline-form:visible button[type=submit]").click()
    page.locator("[data-testid=removed]").wait_for()
    assert f"Un-suppressed {address}" in page.locator("[data-testid=removed]").inner_text()
    page.goto(f"{base_url}/addresses/{address}")
    assert page.locator("[data-testid=address-status]").inner_text() == "active"
    assert "mailbox emptied, confirmed by phone" in page.locator("[data-testid=timeline]").inner_text()


def test_pages_of_suppressions(page, base_url):
    page.goto(base_url + "/suppressions")
    first = page.locator("[data-testid=suppression-row] .addr").first.inner_text()
    page.click("[data-testid=next-page]")
    page.wait_for_function("() => !document.body.textContent.includes('1–50 of')")
    assert "offset=50" in page.url
    assert first not in page.locator("[data-testid=suppressions]").inner_text()


def test_address_page_history_and_manual_suppression(page, base_url, shots):
    page.goto(base_url + "/suppressions?reason=userunknown")
    page.locator("[data-testid=suppression-row] .addr").first.click()
    page.wait_for_selector("[data-testid=timeline]")
    assert page.locator("[data-testid=address-status]").inner_text() == "suppressed"
    assert "userunknown" in page.locator("[data-testid=timeline]").inner_text()
    page.screenshot(path=str(shots / "address.png"), full_page=True)
    page.goto(base_url + "/addresses/someone.new@example.org")
    page.fill("#note", "asked to be removed at the fair")
    page.click("[data-testid=change-button]")
    page.wait_for_selector("[data-testid=change-message]")
    assert page.locator("[data-testid=address-status]").inner_text() == "suppressed"
    assert "by hand" in page.locator("[data-testid=timeline]").inner_text()


def test_upload_an_mbox_with_progress(page, base_url, shots, tmp_path, sample):
    names = ("01-postfix-user-unknown.eml", "02-exim-mailbox-full.eml", "03-sendmail-blocklisted.eml",
             "06-arf-complaint.eml", "08-newsletter-not-a-bounce.eml")
    mbox = tmp_path / "bounces.mbox"
    mbox.write_bytes(b"".join(b"From MAILER-DAEMON Mon Nov  2 09:14:00 2026\n" + sample(n).replace(b"\r\n", b"\n")
                              + b"\n" for n in names))
    page.goto(base_url + "/upload")
    page.set_input_files("#file", str(mbox))
    page.click("[data-testid=upload-button]")
    summary = page.locator("[data-testid=upload-summary]")
    summary.wait_for()
    assert "5 messages read" in summary.inner_text()
    assert page.evaluate("document.getElementById('progress').value") == 5
    page.screenshot(path=str(shots / "upload.png"), full_page=True)
    page.click("[data-testid=upload-button]")  # the same file again: nothing new
    page.wait_for_function("() => document.getElementById('summary').textContent.includes('already ingested')")


def test_explain_a_code(page, base_url, shots):
    page.goto(base_url + "/explain")
    page.fill("#q", "550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown")
    page.click("button[type=submit]")
    card = page.locator("[data-testid=explanation]")
    card.wait_for()
    assert "userunknown" in card.inner_text() and "Remove the address" in card.inner_text()
    assert page.url.endswith("/explain")  # HTMX swapped the answer in
    page.click("button.chip:has-text('452 4.2.2 mailbox full')")
    page.locator("[data-testid=explanation] .reason:has-text('mailboxfull')").wait_for()
    page.screenshot(path=str(shots / "explain.png"), full_page=True)


def test_paste_a_whole_bounce(page, base_url, sample):
    page.goto(base_url + "/explain")
    page.fill("#q", sample("02-exim-mailbox-full.eml").decode("utf-8", "replace"))
    page.click("button[type=submit]")
    bounce = page.locator("[data-testid=bounce]").first
    bounce.wait_for()
    assert "mailboxfull" in bounce.inner_text()


def test_api_docs_render(page, base_url):
    page.goto(base_url + "/api/docs")
    page.get_by_text("/api/v1/explain", exact=True).first.wait_for()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_a_phone(browser, base_url, shots, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    errors = _watch(pg)
    pg.goto(base_url + path)
    pg.wait_for_load_state("networkidle")
    width = pg.evaluate("document.documentElement.scrollWidth")
    name = path.strip("/").replace("/", "-") or "overview"
    pg.screenshot(path=str(shots / f"phone-{name}.png"), full_page=True)
    context.close()
    assert width <= PHONE["width"], f"{path} scrolls sideways at phone width ({width}px)"
    assert errors == [], errors


def test_login_logout(browser, empty_store):
    from bounceback.store.tokens import create_token

    _, secret = create_token(empty_store, "browser")
    with running(create_app(ServerSettings(store=empty_store))) as url:
        context = browser.new_context(viewport=DESKTOP)
        pg = context.new_page()
        pg.goto(url + "/suppressions")
        assert "/login" in pg.url
        pg.fill("#token", "bb_wrong_wrong_wrong_wrong_wrong_wrong_wrong")
        pg.click("button[type=submit]")
        assert "not valid" in pg.locator(".error").inner_text()
        pg.fill("#token", secret)
        pg.click("button[type=submit]")
        pg.wait_for_url(url + "/suppressions")
        assert pg.locator("h1").inner_text() == "Suppressions"
        assert pg.locator(".banner").count() == 0  # not the open-server warning
        pg.click("button:has-text('Log out')")
        pg.wait_for_url("**/login")
        pg.goto(url + "/")
        assert "/login" in pg.url
        context.close()
