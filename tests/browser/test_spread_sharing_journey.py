"""The innovation office imports another city's good examples from its feed, in Chromium, in Swedish: an address
that is not a feed's, then the feed, then the same feed again. axe checks the import page in Swedish and English,
empty, with an error and with what came in; screenshots at 1280 and 390 pixels."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from spread.models import Example
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _violations
from tests.spread.sharing.conftest import _example_path, example
from tests.spread.sharing.feed_server import Answer, FeedServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT_URL = "/spread/shared/import/"
#: Where screenshots are kept when asked for: ``SPRANG_SHOTS=/some/folder``.
SHOTS = os.environ.get("SPRANG_SHOTS", "")


@pytest.fixture
def other_city_feed(people, tree, settings, monkeypatch):
    """Another city's Atom feed with two public examples, served from 127.0.0.1 (allowed here)."""
    settings.SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES = True
    monkeypatch.setattr(Example, "get_absolute_url", _example_path)
    example(unit=tree["SDF-S-SKO"], owner=people["colleague"], public=True, title="Läsgrupper på rasten")
    example(unit=tree["SDF-N-ALD-1"], owner=people["employee"], public=True, title="Kvällsfika mot ensamhet")
    body = Client().get("/spread/shared/examples.atom").content
    Example.objects.all().delete()  # they live in the other city's Språng, not here
    with FeedServer() as server:
        yield server.put("/spread/shared/examples.atom", Answer(body))


@pytest.fixture
def office_page(browser, live_server, people):
    contexts = []

    def make(language: str = "sv", width: int = 1280):
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(10_000)
        context.add_init_script(Axe().axe_script)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        sign_in(page, people["office"].email) if language == "sv" else _sign_in_english(page, people["office"].email)
        return page

    yield make
    for context in contexts:
        context.close()


def _sign_in_english(page, email: str) -> None:
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-test-password")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/")


def sv(text: str) -> str:
    """What a Swedish reader sees for an English source text."""
    with translation.override("sv"):
        return gettext(text)


def svn(singular: str, plural: str, count: int) -> str:
    with translation.override("sv"):
        return ngettext(singular, plural, count) % {"counter": count}


def _shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_office_imports_another_citys_examples_in_swedish(office_page, other_city_feed):
    page = office_page("sv")
    problems: list[str] = []
    page.goto(IMPORT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(sv("Import good examples from another city"))
    expect(
        page.get_by_text(
            sv(
                "No examples from other cities yet. Give the address of another city's feed above to bring in its examples."
            )
        )
    ).to_be_visible()
    field = page.get_by_label(sv("The address of the other city's feed"))
    expect(field).to_have_accessible_description(
        sv(
            "The Atom feed (ending in /spread/shared/examples.atom) or the JSON feed (ending in "
            "/api/v1/examples/feed.json) of another city's Språng."
        )
    )
    problems += _violations(page, "sv: empty")

    # An address that is not a web address: refused at the field, with what to do; nothing typed is lost.
    field.fill("ftp://grannstaden.se/flode")
    page.get_by_role("button", name=sv("Import the examples")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(sv("Give the feed's whole address, beginning with https:// (or http://)."))
    expect(page.get_by_label(sv("The address of the other city's feed"))).to_have_value("ftp://grannstaden.se/flode")
    problems += _violations(page, "sv: error")
    _shoot(page, "sharing-import-error-1280")

    page.get_by_label(sv("The address of the other city's feed")).fill(other_city_feed)
    page.get_by_role("button", name=sv("Import the examples")).click()
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text(svn("%(counter)s new example", "%(counter)s new examples", 2))
    expect(banner).to_contain_text(svn("%(counter)s example updated", "%(counter)s examples updated", 0))
    table = page.get_by_role("table")
    expect(table).to_contain_text("Läsgrupper på rasten")
    expect(table).to_contain_text("Kvällsfika mot ensamhet")
    expect(table).to_contain_text(sv("Good examples from %(city)s") % {"city": "Stockholms stad"})
    problems += _violations(page, "sv: imported")
    _shoot(page, "sharing-import-done-1280")
    assert Example.objects.filter(visibility="internal").exclude(source_url="").count() == 2

    # The same feed again: nothing comes in twice.
    page.get_by_label(sv("The address of the other city's feed")).fill(other_city_feed)
    page.get_by_role("button", name=sv("Import the examples")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        svn("%(counter)s example unchanged", "%(counter)s examples unchanged", 2)
    )
    assert Example.objects.count() == 2

    narrow = office_page("sv", width=390)
    narrow.goto(IMPORT_URL)
    expect(narrow.get_by_role("table")).to_contain_text("Läsgrupper på rasten")
    problems += _violations(narrow, "sv: 390 px")
    _shoot(narrow, "sharing-import-list-390")
    assert problems == []


def test_the_import_page_in_english_has_no_wcag_aa_violations(office_page, other_city_feed):
    page = office_page("en")
    page.goto(IMPORT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Import good examples from another city")
    problems = _violations(page, "en: empty")
    page.get_by_label("The address of the other city's feed").fill("grannstaden")
    page.get_by_role("button", name="Import the examples").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems += _violations(page, "en: error")
    page.get_by_label("The address of the other city's feed").fill(other_city_feed)
    page.get_by_role("button", name="Import the examples").click()
    expect(page.get_by_role("alert")).to_contain_text("2 new examples")
    problems += _violations(page, "en: imported")
    assert problems == []
