"""Pages of the open market dialogue, used the way a browser does: rendered, only the fields shown filled in, sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from webtest import Upload

from procurement.dialogue import services
from procurement.models import MeetingSlot, Question, ResponseStatus, Rfi, RfiStatus, SupplierInterest, WrittenResponse
from tests.forms.browser_like import errors, fill, post_forms
from tests.procurement.dialogue.conftest import PDF, write_rfi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client, django_app):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    django_app.set_cookie(settings.LANGUAGE_COOKIE_NAME, "en")


def signed_out(django_app, url: str, **kwargs):
    """The page as someone signed out sees it (webtest keeps the session of an earlier ``user=``)."""
    django_app.reset()
    django_app.set_cookie(settings.LANGUAGE_COOKIE_NAME, "en")
    return django_app.get(url, **kwargs)


def _form(django_app, url, user, posts_to, index: int = 0):
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, sorted(forms)
    return forms[posts_to][index]


def test_the_officer_writes_a_request_with_a_document_and_publishes_it_after_a_confirmation(case, officers, django_app):
    officer = officers["officer"]
    url = reverse("procurement:rfi_create", args=[case.pk])
    form = _form(django_app, url, officer, "procurement:rfi_create")
    assert form["title"].value == case.title
    day = timezone.localdate()
    fill(
        form,
        {
            "description": "Hur kan skolornas energi styras smartare?",
            "questions_close_on": (day + timedelta(days=10)).isoformat(),
            "questions_close_time": "12:00",
            "responses_close_on": (day + timedelta(days=20)).isoformat(),
            "responses_close_time": "15:00",
            "attachments": [Upload("behov.pdf", PDF, "application/pdf")],
        },
    )
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    rfi = Rfi.objects.get(case=case)
    assert rfi.status == RfiStatus.DRAFT and rfi.documents.count() == 1
    assert rfi.responses_close_at.astimezone(timezone.get_current_timezone()).hour in (15, 14, 16)
    # Anyone else gets the same 404 as for a request that does not exist.
    assert signed_out(django_app, rfi.get_absolute_url(), expect_errors=True).status_int == 404
    confirm = _form(django_app, reverse("procurement:rfi_publish", args=[rfi.pk]), officer, "procurement:rfi_publish")
    confirm.submit().follow(user=officer)
    rfi.refresh_from_db()
    assert rfi.status == RfiStatus.PUBLISHED
    page = signed_out(django_app, rfi.get_absolute_url())
    assert "behov.pdf" in page.text
    doc = rfi.documents.get()
    assert django_app.get(reverse("procurement:rfi_document", args=[rfi.pk, doc.pk])).body == PDF


def test_questions_after_responses_are_refused_on_the_form_with_what_was_typed(case, officers, django_app):
    url = reverse("procurement:rfi_create", args=[case.pk])
    form = _form(django_app, url, officers["officer"], "procurement:rfi_create")
    day = timezone.localdate()
    fill(
        form,
        {
            "description": "Min beskrivning",
            "questions_close_on": (day + timedelta(days=20)).isoformat(),
            "responses_close_on": (day + timedelta(days=10)).isoformat(),
        },
    )
    resp = form.submit()
    assert resp.status_int == 200
    assert "at or after the last time for questions" in errors(resp)
    assert "Min beskrivning" in resp.text


def test_a_supplier_registers_asks_books_and_responds(rfi, suppliers, officers, django_app):
    alfa = suppliers["alfa"]
    page = django_app.get(rfi.get_absolute_url(), user=alfa)
    register_url = reverse("procurement:rfi_register", args=[rfi.pk])
    assert register_url in page.text
    _form(django_app, register_url, alfa, "procurement:rfi_register").submit().follow(user=alfa)
    assert SupplierInterest.objects.filter(rfi=rfi, supplier=alfa.supplier).exists()

    ask = _form(django_app, reverse("procurement:rfi_ask", args=[rfi.pk]), alfa, "procurement:rfi_ask")
    fill(ask, {"text": "Alfas fråga om befintliga givare"})
    page = ask.submit().follow(user=alfa)
    assert "Alfas fråga om befintliga givare" in page.text  # its own question, waiting

    slots = services.slots_offer(
        rfi=rfi,
        by=officers["officer"],
        slots=[
            services.SlotTime(
                starts_at=timezone.now() + timedelta(days=2, hours=i),
                ends_at=timezone.now() + timedelta(days=2, hours=i, minutes=30),
                place="Stadshuset",
            )
            for i in range(2)
        ],
    )
    book = _form(django_app, rfi.get_absolute_url(), alfa, "procurement:rfi_book")
    book.submit().follow(user=alfa)
    assert MeetingSlot.objects.get(pk=slots[0].pk).booked_by_supplier == alfa.supplier
    cancel_url = reverse("procurement:rfi_cancel_booking", args=[rfi.pk, slots[0].pk])
    _form(django_app, cancel_url, alfa, "procurement:rfi_cancel_booking").submit().follow(user=alfa)
    assert MeetingSlot.objects.get(pk=slots[0].pk).booked_by_supplier is None

    url = reverse("procurement:rfi_response", args=[rfi.pk])
    form = _form(django_app, url, alfa, "procurement:rfi_response")
    assert form["price_secret"].checked  # a price indication is a business secret unless said otherwise
    fill(form, {"solution": "Sensorer i varje klassrum", "maturity": "prototype"})
    form.submit("save").follow(user=alfa)
    response = WrittenResponse.objects.get(rfi=rfi, supplier=alfa.supplier)
    assert response.status == ResponseStatus.DRAFT
    form = _form(django_app, url, alfa, "procurement:rfi_response")
    assert form["solution"].value == "Sensorer i varje klassrum"
    form.submit("submit").follow(user=alfa)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED


def _close(rfi, *, questions: bool = True, responses: bool = True) -> None:
    now = timezone.now()
    Rfi.objects.filter(pk=rfi.pk).update(
        questions_close_at=now - timedelta(hours=2) if questions else rfi.questions_close_at,
        responses_close_at=now - timedelta(hours=1) if responses else rfi.responses_close_at,
    )


def test_a_response_sent_after_the_deadline_shows_the_closed_page_with_the_input_and_the_draft_unchanged(
    registered, suppliers, django_app
):
    alfa = suppliers["alfa"]
    url = reverse("procurement:rfi_response", args=[registered.pk])
    services.response_save(rfi=registered, by=alfa, expected_version=None, solution="Utkastet", maturity="idea")
    form = _form(django_app, url, alfa, "procurement:rfi_response")
    _close(registered)
    fill(form, {"solution": "Sent skriven text"})
    resp = form.submit("submit")
    assert resp.status_int == 200
    assert "Written responses closed on" in resp.text
    assert "procurement:rfi_response" not in post_forms(resp, url)  # no form to fill in again
    assert "Sent skriven text" in resp.text  # what was typed is shown back, not lost
    assert "never sent" in resp.text and "Utkastet" in resp.text  # the kept draft, read only
    assert WrittenResponse.objects.get(rfi=registered, supplier=alfa.supplier).solution == "Utkastet"


def test_after_the_deadline_the_response_page_says_it_closed_and_shows_what_was_sent_without_a_form(
    registered, suppliers, django_app
):
    url = reverse("procurement:rfi_response", args=[registered.pk])
    services.response_save(
        rfi=registered,
        by=suppliers["alfa"],
        expected_version=None,
        solution="Det skickade",
        maturity="idea",
        submit=True,
    )
    _close(registered)
    page = django_app.get(url, user=suppliers["alfa"])
    assert "Written responses closed on" in page.text
    assert "Until then you may change it" not in page.text
    assert "procurement:rfi_response" not in post_forms(page, url)
    assert "Det skickade" in page.text and "Your organisation's response, sent" in page.text
    # An organisation with neither a response nor a draft is told so, and not that a draft is kept.
    page = django_app.get(url, user=suppliers["beta"])
    assert "Written responses closed on" in page.text and "procurement:rfi_response" not in post_forms(page, url)
    assert "sent no written response" in page.text and "draft" not in page.text.lower()


def test_after_the_last_time_for_questions_the_ask_page_says_it_closed_without_a_form(
    registered, suppliers, django_app
):
    alfa = suppliers["alfa"]
    url = reverse("procurement:rfi_ask", args=[registered.pk])
    form = _form(django_app, url, alfa, "procurement:rfi_ask")
    _close(registered, responses=False)
    page = django_app.get(url, user=alfa)
    assert "Questions closed on" in page.text and "Questions are taken until" not in page.text
    assert "procurement:rfi_ask" not in post_forms(page, url)
    fill(form, {"text": "En sen fråga"})
    resp = form.submit()
    assert resp.status_int == 200 and "Questions closed on" in resp.text and "En sen fråga" in resp.text
    assert not Question.objects.filter(rfi=registered).exists()


def test_the_request_page_hides_asking_and_responding_once_closed(registered, suppliers, django_app):
    alfa = suppliers["alfa"]
    ask_url = reverse("procurement:rfi_ask", args=[registered.pk])
    response_url = reverse("procurement:rfi_response", args=[registered.pk])
    page = django_app.get(registered.get_absolute_url(), user=alfa)
    assert ask_url in page.text and response_url in page.text
    _close(registered, responses=False)
    page = django_app.get(registered.get_absolute_url(), user=alfa)
    assert ask_url not in page.text and response_url in page.text
    _close(registered)
    page = django_app.get(registered.get_absolute_url(), user=alfa)
    assert ask_url not in page.text and response_url not in page.text


def test_the_officer_answers_and_publishes_every_answer_at_once_from_the_workroom(
    registered, suppliers, officers, django_app
):
    officer = officers["officer"]
    q = services.question_ask(rfi=registered, by=suppliers["beta"], text="Beta Bygg undrar om pris")
    work = django_app.get(reverse("procurement:rfi_work", args=[registered.pk]), user=officer)
    assert "Beta Bygg undrar om pris" in work.text and "Beta Bygg AB" in work.text
    url = reverse("procurement:rfi_answer", args=[registered.pk, q.pk])
    form = _form(django_app, url, officer, "procurement:rfi_answer")
    fill(form, {"public_text": "En leverantör undrar om pris.", "answer": "Pris tas upp i dialogen."})
    form.submit().follow(user=officer)
    assert Question.objects.get(pk=q.pk).published_at is None
    assert "Pris tas upp" not in signed_out(django_app, registered.get_absolute_url()).text
    publish_url = reverse("procurement:rfi_answers_publish", args=[registered.pk])
    page = django_app.get(publish_url, user=officer)
    assert "Publish 1 answer?" in page.text
    post_forms(page, publish_url)["procurement:rfi_answers_publish"][0].submit().follow(user=officer)
    assert Question.objects.get(pk=q.pk).number == 1
    public = signed_out(django_app, registered.get_absolute_url())
    assert "En leverantör undrar om pris." in public.text and "Pris tas upp i dialogen." in public.text
    assert "Beta Bygg undrar" not in public.text


def test_the_officer_offers_several_times_and_publishes_minutes(registered, suppliers, officers, django_app):
    officer = officers["officer"]
    url = reverse("procurement:rfi_slots", args=[registered.pk])
    form = _form(django_app, url, officer, "procurement:rfi_slots")
    fill(
        form,
        {
            "day": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "start_time": "09:00",
            "minutes": "45",
            "pause": "15",
            "count": "4",
            "place": "Rum 4, stadshuset",
        },
    )
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    assert MeetingSlot.objects.filter(rfi=registered).count() == 4
    slot = MeetingSlot.objects.filter(rfi=registered).first()
    services.slot_book(slot=slot, by=suppliers["alfa"])
    MeetingSlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() - timedelta(minutes=15)
    )
    minutes_url = reverse("procurement:rfi_minutes", args=[registered.pk, slot.pk])
    form = _form(django_app, minutes_url, officer, "procurement:rfi_minutes")
    fill(form, {"minutes": "Vi gick igenom givarnas placering."})
    form.submit("publish").follow(user=officer)
    assert "Vi gick igenom" in django_app.get(registered.get_absolute_url(), user=suppliers["beta"]).text
    assert "Vi gick igenom" not in signed_out(django_app, registered.get_absolute_url()).text
    assert "Vi gick igenom" not in django_app.get(registered.get_absolute_url(), user=suppliers["gamma"]).text


def test_signing_in_is_asked_for_and_others_cannot_register(rfi, people, django_app):
    register_url = reverse("procurement:rfi_register", args=[rfi.pk])
    resp = django_app.get(register_url)
    assert resp.status_int == 302 and "/account/login/" in resp.location
    for person in (people["resident"], people["employee"]):
        page = django_app.get(register_url, user=person, expect_errors=True)
        assert page.status_int == 403
        assert not post_forms(page, register_url).get("procurement:rfi_register")


def test_the_public_list_shows_open_requests_first_and_searches(case, officers, django_app, market_need):
    published = services.rfi_publish(
        rfi=(r := write_rfi(case, officers["officer"])), by=officers["officer"], expected_version=r.version
    )
    page = django_app.get(reverse("procurement:rfis"))
    assert published.title in page.text
    assert published.title in django_app.get(reverse("procurement:rfis") + "?q=energiförbrukningen").text
    empty = django_app.get(reverse("procurement:rfis") + "?q=helikopter")
    assert "No request matches the search" in empty.text
    closed = django_app.get(reverse("procurement:rfis") + "?state=closed")
    assert "No request for information has closed yet" in closed.text


def test_a_draft_is_not_in_the_list(case, officers, django_app):
    draft = write_rfi(case, officers["officer"])
    assert draft.title not in django_app.get(reverse("procurement:rfis") + "?state=all").text


def test_publishing_changes_the_kept_public_pages_at_once(case, officers, suppliers, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    draft = write_rfi(case, officers["officer"], title="Tystare ventilation i skolor")
    assert "Tystare ventilation" not in client.get(reverse("procurement:rfis")).content.decode()
    rfi = services.rfi_publish(rfi=draft, by=officers["officer"], expected_version=draft.version)
    assert "Tystare ventilation" in client.get(reverse("procurement:rfis")).content.decode()
    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    before = client.get(rfi.get_absolute_url())
    q = services.question_ask(rfi=rfi, by=suppliers["alfa"], text="Fråga")
    services.answer_draft(
        question=q, by=officers["officer"], expected_version=q.version, public_text="Om ljud", answer="Under 30 dB."
    )
    services.answers_publish(rfi=rfi, by=officers["officer"])
    after = client.get(rfi.get_absolute_url())
    assert after["ETag"] != before["ETag"] and "Under 30 dB." in after.content.decode()


def test_the_public_pages_run_a_fixed_number_of_queries(
    case, officers, suppliers, client, django_assert_max_num_queries
):
    rfi = services.rfi_publish(
        rfi=(r := write_rfi(case, officers["officer"])), by=officers["officer"], expected_version=r.version
    )
    services.interest_register(rfi=rfi, by=suppliers["alfa"])
    for n in range(12):
        q = services.question_ask(rfi=rfi, by=suppliers["alfa"], text=f"Fråga {n}")
        services.answer_draft(
            question=q, by=officers["officer"], expected_version=q.version, public_text=f"F{n}", answer="S"
        )
    services.answers_publish(rfi=rfi, by=officers["officer"])
    with django_assert_max_num_queries(10):
        client.get(reverse("procurement:rfis"))
    with django_assert_max_num_queries(12):
        page = client.get(rfi.get_absolute_url()).content.decode()
    assert "F11" in page


def test_answers_written_meanwhile_are_read_through_before_they_are_published(
    registered, suppliers, officers, django_app
):
    officer = officers["officer"]
    first = services.question_ask(rfi=registered, by=suppliers["alfa"], text="Första")
    services.answer_draft(question=first, by=officer, expected_version=first.version, public_text="F1", answer="S1")
    url = reverse("procurement:rfi_answers_publish", args=[registered.pk])
    form = _form(django_app, url, officer, "procurement:rfi_answers_publish")
    second = services.question_ask(rfi=registered, by=suppliers["beta"], text="Andra")
    services.answer_draft(question=second, by=officer, expected_version=second.version, public_text="F2", answer="S2")
    page = form.submit().follow(user=officer)
    assert "2 are written now" in page.text
    assert not Question.objects.filter(published_at__isnull=False).exists()
    post_forms(page, url)["procurement:rfi_answers_publish"][0].submit().follow(user=officer)
    assert Question.objects.filter(published_at__isnull=False).count() == 2
