"""What suppliers read, in Swedish: the organisation is addressed as "ni" throughout, and the start page points to
the menu item that exists ("Ditt företag")."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from procurement.dialogue import services as dialogue
from tests.procurement.contracts.conftest import make_contract
from tests.procurement.dialogue.conftest import published_rfi

pytestmark = pytest.mark.django_db

#: "du", "dig", "din", "ditt", "dina" as words: the form for one person, not for the organisation.
DU = re.compile(r"\b(du|dig|din|ditt|dina)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _in_swedish(swedish_words, django_app):
    django_app.set_cookie(settings.LANGUAGE_COOKIE_NAME, "sv")


def _main_text(page) -> str:
    """The page's main content, without the header's menu (whose "Ditt företag" is the page's name)."""
    return page.html.find("main").get_text(" ", strip=True)


def test_the_dialogue_pages_address_the_organisation_as_ni(django_app, case, officers, suppliers):
    rfi = published_rfi(case, officers["officer"])
    alfa = suppliers["alfa"]
    page = django_app.get(reverse("procurement:rfi_register", args=[rfi.pk]), user=alfa)
    assert "Anmäl er organisations intresse" in page.text
    assert page.html.find("main").find("button", type="submit").get_text(strip=True) == "Anmäl er organisation"
    assert not DU.search(_main_text(page)), _main_text(page)
    dialogue.interest_register(rfi=rfi, by=alfa)
    page = django_app.get(reverse("procurement:rfi_response", args=[rfi.pk]), user=alfa)
    assert "om ni inte säger" in page.text
    assert not DU.search(_main_text(page)), DU.findall(_main_text(page))
    page = django_app.get(reverse("procurement:rfi_ask", args=[rfi.pk]), user=alfa)
    assert "Er fråga" in page.text
    assert not DU.search(_main_text(page)), DU.findall(_main_text(page))


def test_the_proposal_form_addresses_the_organisation_as_ni(django_app, officers, people, suppliers, tree):
    contract = make_contract(officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"]])
    page = django_app.get(reverse("procurement:contract_propose", args=[contract.pk]), user=suppliers["alfa"])
    assert "Ert förslag går till avtalsägaren" in page.text and "Vad föreslår ni?" in page.text
    assert not DU.search(_main_text(page)), DU.findall(_main_text(page))


def test_the_suppliers_start_page_points_to_the_menu_item_ditt_foretag(django_app, suppliers):
    page = django_app.get("/", user=suppliers["alfa"])
    assert "Er organisation har inte" not in page.text
    assert "Mina avtal" not in page.text
    assert "under ”Ditt företag” i menyn" in page.text
    menu_item = page.html.find("a", href=reverse("procurement:supplier_home"))
    assert menu_item is not None and menu_item.get_text(strip=True) == "Ditt företag"
