"""The advice pages: who opens what by URL, the queue's filters, sorting and search, answering, making an idea."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ideas.models import Idea
from spread.advice import services
from spread.models import AdviceRequest, AdviceStatus
from tests.spread.advice.conftest import ask

pytestmark = pytest.mark.django_db

LIST = reverse("spread:advice_list")
ASK = reverse("spread:advice_ask")


def _get(client, user, url):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("employee", 200),  # the asker
        ("office", 200),  # Norra's office
        ("director", 200),
        ("colleague", 404),  # another employee
        ("other_office", 404),  # Södra's office
        ("manager", 404),  # Norra's manager is not the office
        ("coach", 404),  # a coach not named in it
        ("resident", 404),
        ("supplier", 404),
    ],
)
def test_who_opens_a_request_by_url(client, people, asked, role, status):
    for url in (asked.get_absolute_url(), reverse("spread:advice_idea", args=[asked.pk])):
        response = _get(client, people[role], url)
        expected = status if "idea" not in url or role == "employee" else (403 if status == 200 else status)
        assert response.status_code == expected, (role, url)


def test_signed_out_are_sent_to_sign_in(client, asked):
    for url in (LIST, ASK, asked.get_absolute_url()):
        response = _get(client, None, url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["resident", "supplier"])
def test_residents_and_suppliers_cannot_ask_or_list(client, people, role):
    assert _get(client, people[role], LIST).status_code == 403
    assert _get(client, people[role], ASK).status_code == 403
    client.force_login(people[role])
    assert client.post(ASK, {"subject": "Hej", "question": "Fråga"}).status_code == 403
    assert not AdviceRequest.objects.exists()


def test_an_employee_asks_and_sees_their_request(client, people):
    client.force_login(people["employee"])
    response = client.post(
        ASK, {"subject": "Var börjar jag?", "question": "Jag har en idé.", "coach": people["coach"].pk}
    )
    advice = AdviceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == advice.get_absolute_url()
    assert advice.coach == people["coach"]
    page = client.get(LIST).content.decode()
    assert "Var börjar jag?" in page


def test_a_refused_question_keeps_what_was_typed(client, people):
    client.force_login(people["employee"])
    response = client.post(ASK, {"subject": "", "question": "Min långa fråga som inte får försvinna."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Min långa fråga som inte får försvinna." in html
    assert "govuk-error-summary" in html
    assert not AdviceRequest.objects.exists()


def test_the_coach_choice_lists_only_the_organisations_coaches(client, people, tree):
    from organisation.models import Role
    from tests import factories

    factories.person(unit=tree["SDF-S"], role=Role.COACH, name="Sven Södercoach")
    html = _get(client, people["employee"], ASK).content.decode()
    assert "Cecilia Coach" in html and "Sven Södercoach" not in html


def test_the_queue_filters_sorts_and_searches(client, people):
    now = timezone.now()
    overdue = ask(
        people["employee"],
        subject="Gammal fråga om lås",
        now=now - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 2),
    )
    fresh = ask(people["employee"], subject="Ny fråga om matsvinn")
    answered = ask(people["employee"], subject="Besvarad fråga")
    services.advice_answer(advice=answered, by=people["office"], expected_version=1, answer="Så här.")
    ask(people["colleague"], subject="Södras fråga")
    client.force_login(people["office"])

    def subjects(**params):
        response = client.get(LIST, {"view": "queue", **params})
        return [a.subject for a in response.context["page_obj"]]

    assert set(subjects()) == {overdue.subject, fresh.subject, answered.subject}  # not Södra's
    assert subjects(state="overdue") == [overdue.subject]
    assert set(subjects(state="open")) == {overdue.subject, fresh.subject}
    assert subjects(state="answered") == [answered.subject]
    assert subjects(q="matsvinn") == [fresh.subject]
    assert subjects(sort="due")[0] == overdue.subject
    assert subjects(sort="newest")[-1] == overdue.subject
    response = client.get(LIST, {"view": "queue"})
    assert response.context["counts"] == {"waiting": 2, "overdue": 1}
    assert "Besvarad fråga" not in client.get(LIST, {"view": "queue", "state": "open"}).content.decode()
    htmx = client.get(LIST, {"view": "queue", "q": "lås"}, headers={"HX-Request": "true"})
    assert htmx.content.decode().lstrip().startswith('<div id="results"')


def test_an_employee_never_sees_the_queue(client, people, asked):
    ask(people["colleague"], subject="Kalles fråga")
    client.force_login(people["employee"])
    response = client.get(LIST, {"view": "queue"})
    assert response.context["view"] == "mine"
    assert [a.subject for a in response.context["page_obj"]] == [asked.subject]


def test_the_queue_pages_and_its_queries_do_not_grow(client, people, django_assert_max_num_queries):
    for n in range(30):
        ask(people["employee"], subject=f"Fråga {n}")
    client.force_login(people["office"])
    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"view": "queue"})
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(LIST, {"view": "queue", "page": 2}).context["page_obj"]) == 5


def test_empty_lists_say_what_to_do(client, people):
    html = _get(client, people["colleague"], LIST).content.decode()
    assert 'class="govuk-inset-text"' in html and f'<a class="govuk-link" href="{ASK}">' in html
    html = _get(client, people["office"], LIST).content.decode()
    assert 'class="govuk-inset-text"' in html


def test_the_office_answers_with_an_example_found_by_search(client, people, asked, examples):
    client.force_login(people["office"])
    url = asked.get_absolute_url()
    found = client.post(url, {"version": 1, "answer": "Mitt svar.", "find": "lås", "find_examples": "1"})
    assert found.status_code == 200
    html = found.content.decode()
    assert "Digitala lås i hemtjänsten" in html and "Mitt svar." in html
    assert "Ett förslag som inte är publicerat" not in html
    assert "govuk-error-summary" not in html
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.OPEN  # a search sends nothing
    partial = client.get(
        reverse("spread:advice_examples", args=[asked.pk]), {"find": "matsvinn", "examples": examples["locks"].pk}
    )
    assert "Mindre matsvinn" in partial.content.decode() and "checked" in partial.content.decode()
    response = client.post(
        url, {"version": 1, "answer": "Mitt svar.", "examples": [examples["locks"].pk], "suggest_idea": "on"}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.ANSWERED and asked.idea_suggested
    page = _get(client, people["employee"], url).content.decode()
    assert "Mitt svar." in page and "Digitala lås i hemtjänsten" in page
    assert reverse("spread:advice_idea", args=[asked.pk]) in page


def test_an_empty_answer_is_refused_keeping_the_ticked_examples(client, people, asked, examples):
    client.force_login(people["office"])
    response = client.post(asked.get_absolute_url(), {"version": 1, "answer": " ", "examples": [examples["locks"].pk]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and f'value="{examples["locks"].pk}" checked' in html


def test_answering_after_someone_else_keeps_the_text_and_overwrites_nothing(client, people, asked):
    services.advice_answer(advice=asked, by=people["director"], expected_version=1, answer="Direktörens svar.")
    client.force_login(people["office"])
    response = client.post(asked.get_absolute_url(), {"version": 1, "answer": "Mitt sena svar."})
    assert response.status_code == 200
    assert "Mitt sena svar." in response.content.decode()
    asked.refresh_from_db()
    assert asked.answer == "Direktörens svar."


@pytest.mark.parametrize("role", ["employee", "colleague", "manager"])
def test_others_cannot_post_an_answer(client, people, asked, role):
    client.force_login(people[role])
    response = client.post(asked.get_absolute_url(), {"version": 1, "answer": "Nej."})
    assert response.status_code in (403, 404)
    asked.refresh_from_db()
    assert asked.status == AdviceStatus.OPEN


def test_the_idea_form_is_filled_in_with_the_question_and_sends_the_idea(client, people, asked, tree):
    client.force_login(people["employee"])
    url = reverse("spread:advice_idea", args=[asked.pk])
    form = client.get(url).content.decode()
    assert asked.question in form and asked.subject in form
    response = client.post(
        url,
        {
            "version": asked.version,
            "title": asked.subject,
            "problem": asked.question,
            "audience": "Hemtjänsten.",
            "proposal": "Digitala lås.",
            "expected_value": "Mindre tid på nycklar.",
            "kind": "process",
            "values": ["economic"],
            "unit": tree["SDF-N-ALD-1"].pk,
            "source": "employee",
            "visibility": "internal",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    asked.refresh_from_db()
    assert asked.idea == idea and asked.status == AdviceStatus.BECAME_IDEA
    assert idea.title in _get(client, people["office"], asked.get_absolute_url()).content.decode()
    # Opening the form again leads to the idea.
    assert _get(client, people["employee"], url)["Location"] == idea.get_absolute_url()


def test_a_requests_page_asks_the_same_few_questions_however_many_examples(
    client, people, asked, django_assert_max_num_queries
):
    from tests.spread.advice.conftest import make_example

    chosen = [make_example(f"Exempel {n}") for n in range(8)]
    services.advice_answer(advice=asked, by=people["office"], expected_version=1, answer="Se dessa.", examples=chosen)
    for role in ("employee", "office"):
        client.force_login(people[role])
        with django_assert_max_num_queries(14):
            response = client.get(asked.get_absolute_url())
        assert "Exempel 7" in response.content.decode()


def test_an_answer_arriving_while_the_idea_form_is_filled_in_loses_nothing(client, people, asked, tree):
    client.force_login(people["employee"])
    url = reverse("spread:advice_idea", args=[asked.pk])
    data = {
        "version": asked.version,
        "title": "Digitala lås",
        "problem": asked.question,
        "audience": "Hemtjänsten.",
        "proposal": "Lås som öppnas med mobilen.",
        "expected_value": "Mindre tid på nycklar.",
        "kind": "process",
        "values": ["economic"],
        "unit": tree["SDF-N-ALD-1"].pk,
        "source": "employee",
        "visibility": "internal",
    }
    services.advice_answer(advice=asked, by=people["office"], expected_version=1, answer="Skicka in den!")
    refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 200 and "Lås som öppnas med mobilen." in html
    assert not Idea.objects.exists()
    assert 'name="version" value="2"' in html
    sent = client.post(url, {**data, "version": 2})
    assert sent.status_code == 302 and Idea.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "labels"), [("sv", ["Att svara på", "Dina frågor"]), ("en", ["To answer", "Asked by you"])]
)
def test_the_views_of_the_list_read_cleanly_in_both_languages(client, people, language, labels):
    import re

    from django.utils import translation

    client.force_login(people["office"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with translation.override(language):
        name = translation.gettext("Which requests")
    html = client.get(LIST, {"view": "mine"}).content.decode()
    nav = html.split(f'aria-label="{name}"', 1)[1].split("</nav>", 1)[0]
    assert "govuk-tabs" not in nav  # the design system's tabs, without their panels, put "— " before each label
    links = re.findall(r'<a class="govuk-link" href="\?view=(\w+)"( aria-current="page")?>([^<]*)</a>', nav)
    assert links == [("queue", "", labels[0]), ("mine", ' aria-current="page"', labels[1])]
    assert "—" not in nav and "&mdash;" not in nav
