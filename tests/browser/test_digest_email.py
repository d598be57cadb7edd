"""The digest's HTML email read on a phone: no sideways scrolling, large enough text, and nothing axe finds."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.digests import render_digest
from core.models import Notification
from tests.browser.test_accessibility import WCAG_AA


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_digest_reads_on_a_phone_in_both_languages(browser, people, language, tmp_path):
    person = people["employee"]
    person.language = language
    notes = [
        Notification(
            recipient=person, message="”Digitala lås i hemtjänsten” går vidare till förstudie.", url="/ideas/1/"
        ),
        Notification(recipient=person, message="”Digitala lås i hemtjänsten” går vidare till pilot.", url="/ideas/1/"),
        Notification(
            recipient=person,
            message="”Innovationsfonden 2026”: ansökningar som väntar på dina poäng: 3.",
            url="/calls/jury/",
        ),
        Notification(
            recipient=person,
            message="Rapporten från Norra stadsdelsförvaltningen för Tertialrapport 1 (januari–april) 2026 ska vara "
            "inskickad senast 15 maj 2026 och har inte skickats in än.",
            url="/governance/reports/4/",
        ),
    ]
    _subject, _text, html = render_digest(person, notes, weekly=False)
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.set_content(html)
        page.add_script_tag(content=Axe().axe_script)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "the digest scrolls sideways on a phone"
        assert page.locator("h2").count() == 3
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('li')).fontSize)")
        assert size >= 16
        results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
        assert [v["id"] for v in results["violations"]] == []
        # Looked at: docs/screenshots/digest-phone.png is this page in Swedish.
        page.screenshot(path=str(tmp_path / f"digest-{language}.png"), full_page=True)
    finally:
        context.close()
