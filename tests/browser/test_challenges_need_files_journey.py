"""A manager writes a need with two attached files and a link, sends it, sees the files on the need's page and
downloads one: in Swedish, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from challenges.models import Need, NeedStatus
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_manager_sends_a_need_with_two_files_and_a_link_and_downloads_one(new_page, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = new_page()
    sign_in(page, people["manager"].email)
    page.goto("/challenges/needs/new/")
    expect(page.locator("h1")).to_have_text("Beskriv ett behov")
    page.get_by_label("Behovets rubrik").fill("Långa köer till bygglov")
    page.get_by_label("Vem har problemet?").fill("Sökande som väntar på besked om bygglov.")
    page.get_by_label("Hur märks det?").fill("230 klagomål förra året, se filerna.")
    page.get_by_label("Vad vore ett bra resultat?").fill("Besked inom fyra veckor.")
    page.get_by_label("Klagomål och synpunkter").check()
    page.get_by_label("Adress till länk 1").fill("https://start.stockholm/klagomal")
    page.get_by_label("Vad länk 1 är").fill("Klagomål 2025")
    page.get_by_label(re.compile(r"^Filer")).set_input_files(
        files=[
            {"name": "klagomal-2025.pdf", "mimeType": "application/pdf", "buffer": PDF},
            {"name": "enkat.txt", "mimeType": "text/plain", "buffer": "Enkätsvar från sökande.\n".encode()},
        ]
    )
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("h1")).to_have_text("Långa köer till bygglov")
    page.get_by_role("button", name="Skicka för godkännande").click()
    expect(page.get_by_text("Behovet har skickats till innovationskontoret för godkännande.")).to_be_visible()

    expect(page.get_by_role("link", name="klagomal-2025.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="enkat.txt")).to_be_visible()
    expect(page.get_by_role("link", name="Klagomål 2025")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="enkat.txt").click()
    download = info.value
    assert download.suggested_filename == "enkat.txt"
    assert Path(download.path()).read_bytes() == "Enkätsvar från sökande.\n".encode()

    need = Need.objects.get()
    assert need.status == NeedStatus.SUBMITTED
    assert sorted(need.files.values_list("original_name", flat=True)) == ["enkat.txt", "klagomal-2025.pdf"]
    assert need.links.get().url == "https://start.stockholm/klagomal"
