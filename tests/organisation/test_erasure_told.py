"""What a person who asks to have their account removed, and the office that decides, are told and can do: a partner
outside the city may ask too; while a request waits the person is told so and not offered to ask again; a refusal
is shown with its reason and date, notified in the person's language, and the person may ask again; the decision page
shows the person's other requests; the pages list what every app's erasure part declares it keeps and removes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from core.models import Notification
from core.personal_data_registry import erasure_kept, erasure_removed, erasures
from organisation.models import ErasureOutcome, ErasureRequest, PersonKind, User
from organisation.services import erasure_confirm, erasure_refuse, erasure_request, person_update_profile
from spread.models import Membership, NetworkKind
from spread.networks import services as networks
from tests.organisation.test_erasure import zelda  # noqa: F401  (the fixture)

STHLM = ZoneInfo("Europe/Stockholm")
FIRST = datetime(2026, 3, 2, 10, tzinfo=STHLM)
REFUSED = datetime(2026, 3, 9, 14, tzinfo=STHLM)
SECOND = datetime(2026, 5, 4, 9, tzinfo=STHLM)


@pytest.fixture
def app(django_app):
    """django-webtest's app: pages fetched and forms submitted as a browser does."""
    return django_app


@pytest.fixture
def partner(people):
    """Someone from Uppsala kommun who accepted an invitation to a regional network with a new account."""
    region = networks.network_create(
        by=people["office"], name="Regionens nätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    _invitation, token = networks.invitation_send(network=region, by=people["office"], email="eva@uppsala.se")
    user = networks.invitation_accept_new_account(token=token, name="Eva Ek", password="ett-langt-losenord-9")
    assert user.kind == PersonKind.PARTNER
    return user


def _ask_form(page):
    """The form asking to have the account removed (the header has forms of its own), or ``None``."""
    return next((form for form in page.forms.values() if "understood" in form.fields), None)


def _refused(person: User, by: User, reason: str = "Ditt projekt pågår fortfarande.") -> ErasureRequest:
    return erasure_refuse(request=erasure_request(person=person, now=FIRST), by=by, reason=reason, now=REFUSED)


# A partner outside the city.


def test_a_partner_outside_the_city_may_ask_and_be_erased(partner, people):
    request = erasure_request(person=partner)
    assert Notification.objects.filter(recipient=people["director"], url="/people/erasure-requests/").exists()
    erasure_confirm(request=request, by=people["director"])
    assert User.objects.get(pk=partner.pk).is_erased
    assert not Membership.objects.filter(person=partner).exists()


def test_a_partner_reaches_the_page_through_the_fence_and_asks(app, partner):
    settings_page = app.get("/profile/", user=partner)
    page = settings_page.click(description="Be om att få ditt konto borttaget")
    assert page.status_code == 200 and "Ta bort ditt konto" in page.text
    form = _ask_form(page)
    form["understood"].checked = True
    sent = form.submit().follow()
    assert "Din begäran är skickad" in sent.text
    assert ErasureRequest.objects.get().person == partner


# While a request waits.


def test_while_a_request_waits_the_person_is_told_and_not_offered_to_ask_again(app, people):
    resident = people["resident"]
    erasure_request(person=resident, now=FIRST)
    settings_page = app.get("/profile/", user=resident)
    assert "Du bad om att få ditt konto borttaget den 2 mars 2026" in settings_page.text
    assert "Innovationskontoret beslutar" in settings_page.text
    assert not settings_page.html.find("a", string="Be om att få ditt konto borttaget")
    page = settings_page.click(description="Vad som tas bort och vad som sparas")
    assert "Du bad om att få ditt konto borttaget den 2 mars 2026" in page.text
    assert _ask_form(page) is None and "Be om att få mitt konto borttaget" not in page.text


# After a refusal.


def test_a_refusal_is_notified_in_the_persons_language(people):
    supplier = people["supplier"]
    person_update_profile(user=supplier, name=supplier.name, language="en", email_notifications=True)
    _refused(supplier, people["director"], reason="A contract of yours is still running.")
    told = Notification.objects.get(recipient=supplier)
    assert told.message == "Your account is not removed: A contract of yours is still running."
    assert told.url == "/profile/"
    _refused(people["resident"], people["director"])
    assert Notification.objects.get(recipient=people["resident"]).message.startswith("Ditt konto tas inte bort: ")


def test_after_a_refusal_the_person_sees_the_reason_and_asks_again(app, people):
    resident = people["resident"]
    _refused(resident, people["director"])
    settings_page = app.get("/profile/", user=resident)
    assert "Den 9 mars 2026 beslutade innovationskontoret att inte ta bort ditt konto" in settings_page.text
    assert "Ditt projekt pågår fortfarande." in settings_page.text
    page = settings_page.click(description="Be igen om att få ditt konto borttaget")
    assert "Ditt projekt pågår fortfarande." in page.text
    form = _ask_form(page)
    form["understood"].checked = True
    asked = form.submit().follow()
    assert "Du bad om att få ditt konto borttaget den" in asked.text and _ask_form(asked) is None
    outcomes = list(ErasureRequest.objects.filter(person=resident).values_list("outcome", flat=True))
    assert outcomes == [ErasureOutcome.REFUSED, ErasureOutcome.PENDING]


def test_the_page_is_in_english_too(app, people):
    resident = people["resident"]
    _refused(resident, people["director"])
    app.set_cookie("django_language", "en")
    page = app.get("/people/remove-account/", user=resident)
    assert "On 9 March 2026 the innovation office decided not to remove your account" in page.text
    assert "Ask again to have my account removed" in page.text
    assert "your comments on ideas, your own and others'" in page.html.get_text()


# The decision page.


def test_the_decision_page_shows_the_persons_other_requests_newest_first(app, people):
    resident, director = people["resident"], people["director"]
    _refused(resident, director, reason="Första skälet.")
    later = erasure_refuse(
        request=erasure_request(person=resident, now=datetime(2026, 4, 1, 9, tzinfo=STHLM)),
        by=director,
        reason="Andra skälet.",
        now=datetime(2026, 4, 2, 9, tzinfo=STHLM),
    )
    waiting = erasure_request(person=resident, now=SECOND)
    page = app.get(f"/people/erasure-requests/{waiting.pk}/", user=director)
    table = page.html.find("table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")
    ]
    assert rows == [
        ["1 april 2026", "Avslaget", "2 april 2026", director.name, "Andra skälet."],
        ["2 mars 2026", "Avslaget", "9 mars 2026", director.name, "Första skälet."],
    ]
    first = app.get(f"/people/erasure-requests/{later.pk}/", user=director)
    assert "Första skälet." in first.text and "Andra skälet." in first.text  # its own reason, and the other one
    alone = erasure_request(person=people["supplier"])
    assert "Det här är personens första begäran." in app.get(f"/people/erasure-requests/{alone.pk}/", user=director)


# What is kept and removed, as every app's part declares it.


def test_every_erasure_part_declares_what_it_keeps_and_removes_in_both_languages():
    for part in erasures():
        assert part.keeps or part.removes, f"{part.key}: say what of the person it keeps or removes"
        for text in (*part.keeps, *part.removes):
            with translation.override("en"):
                english = str(text)
            with translation.override("sv"):
                swedish = str(text)
            assert english and swedish != english, f"{part.key}: {english!r} has no Swedish translation"


def test_the_pages_list_every_parts_declarations(app, people):
    resident = people["resident"]
    asked = app.get("/people/remove-account/", user=resident)
    decided = app.get(f"/people/erasure-requests/{erasure_request(person=resident).pk}/", user=people["director"])
    with translation.override("sv"):
        texts = [str(t) for t in (*erasure_kept(), *erasure_removed())]
    for page in (asked, decided):
        items = {li.get_text(strip=True) for li in page.html.select("main ul.govuk-list--bullet li")}
        assert set(texts) <= items
    for kept in ("dina kommentarer på idéer, dina egna och andras", "goda exempel som du publicerat"):
        assert any(t.startswith(kept) for t in texts)


def test_a_part_that_says_it_keeps_nothing_leaves_no_row_naming_the_person(zelda, people):  # noqa: F811
    person = zelda["zelda"]
    erasure_confirm(request=erasure_request(person=person), by=people["director"])
    for part in erasures():
        if part.keeps:
            continue
        for model in part.models:
            if model is User:
                continue  # the person's own row is kept, pseudonymised
            keys = [
                f.name for f in model._meta.get_fields() if getattr(f, "related_model", None) is User and f.concrete
            ]
            for key in keys:
                assert not model._base_manager.filter(**{key: person}).exists(), f"{part.key}: {model.__name__}.{key}"
