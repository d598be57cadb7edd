"""The catalogue's pages as a browser uses them: finding a course (public ones without signing in), a course's page,
signing up and cancelling, the check, and the office's pages (forms filled in with only the fields they show)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.catalogue import services
from learning.models import Audience, Completion, Course, CourseKind, CourseLanguage, CourseState, Session
from spread.models import Registration, RegistrationStatus
from tests.forms.browser_like import errors, fill, post_forms
from tests.learning.conftest import make_course, make_session

pytestmark = pytest.mark.django_db


def submit(app, user, url, posts_to, values=None, *, expect_errors=False, index=0):
    page = app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    response = fill(forms[posts_to][index], values or {}).submit()
    if expect_errors:
        assert response.status_int == 200
        return response
    assert response.status_int in (302, 303), errors(response)
    followed = response.follow(user=user)
    assert not errors(followed)
    return followed


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# --- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_shows_kind_length_language_audience_and_next_session(app, people, intro, workshop, session):
    page = app.get(reverse("learning:catalogue"), user=people["employee"])
    assert intro.title in page.text and workshop.title in page.text
    item = page.html.find("a", string=workshop.title).find_parent("li").get_text(" ", strip=True)
    assert "Workshop" in item or "Workshop" in item
    assert "3 timmar" in item or "3 hours" in item
    assert session.event.starts_at.strftime("%Y") in item


def test_the_catalogue_filters_searches_and_sorts(app, people, tree, intro, workshop, leadership):
    make_course(
        by=people["office"],
        unit=tree["SDF-N"],
        code="english",
        kind=CourseKind.SEMINAR,
        title="Seminar on service design",
        language=CourseLanguage.EN,
        length_minutes=90,
    )
    url = reverse("learning:catalogue")
    user = people["employee"]

    def titles(**params):
        page = app.get(url, params, user=user)
        return [a.get_text(strip=True) for a in page.html.select("#results h2 a")]

    assert titles(audience=Audience.MANAGERS) == [leadership.title]
    assert titles(kind=CourseKind.WORKSHOP) == [workshop.title]
    assert titles(length="short") == [intro.title]
    assert titles(length="medium") == ["Seminar on service design"]
    assert set(titles(length="long")) == {workshop.title, leadership.title}
    assert titles(language="en") == ["Seminar on service design"]
    assert titles(q="slussen") == [] and titles(q="tjänstedesign") == [workshop.title]
    assert titles(sort="title")[0] == "Att leda innovation"
    page = app.get(url, {"q": "finns inte"}, user=user)
    assert "Inga kurser matchar" in page.text or "No course matches" in page.text


def test_the_catalogue_pages(app, people, tree):
    for n in range(23):
        make_course(by=people["office"], unit=tree["SDF-N"], code=f"kurs-{n:02}", kind=CourseKind.SEMINAR)
    page = app.get(reverse("learning:catalogue"), user=people["employee"])
    assert len(page.html.select("#results h2 a")) == 20
    second = app.get(reverse("learning:catalogue"), {"page": 2}, user=people["employee"])
    assert len(second.html.select("#results h2 a")) == 3


def test_the_catalogue_empty_says_what_to_do(app, people):
    page = app.get(reverse("learning:catalogue"), user=people["office"])
    assert reverse("learning:course_new") in page.text
    page = app.get(reverse("learning:catalogue"), user=people["employee"])
    assert reverse("learning:course_new") not in page.text
    assert "inset-text" in page.text


def test_anonymous_visitors_see_public_courses_only(app, people, intro, workshop):
    page = app.get(reverse("learning:catalogue"))
    assert intro.title in page.text and workshop.title not in page.text
    assert "csrfmiddlewaretoken" not in page.text
    assert app.get(reverse("learning:course", args=[intro.pk])).status_int == 200
    assert app.get(reverse("learning:course", args=[workshop.pk]), status=404)


def test_a_published_course_shows_at_once_on_the_kept_public_page(app, people, tree):
    course = make_course(
        by=people["office"], unit=tree["SDF-N"], code="ny", kind=CourseKind.SEMINAR, title="Öppet seminarium"
    )
    course.state = CourseState.DRAFT
    course.is_public = True
    course.save()
    assert "Öppet seminarium" not in app.get(reverse("learning:catalogue")).text
    services.course_publish(course=course, by=people["office"], expected_version=course.lock_version)
    assert "Öppet seminarium" in app.get(reverse("learning:catalogue")).text


def test_residents_see_public_courses_and_drafts_are_hidden(app, people, intro, workshop):
    page = app.get(reverse("learning:catalogue"), user=people["resident"])
    assert intro.title in page.text and workshop.title not in page.text
    workshop.state = CourseState.DRAFT
    workshop.save()
    app.get(reverse("learning:course", args=[workshop.pk]), user=people["employee"], status=404)
    assert app.get(reverse("learning:course", args=[workshop.pk]), user=people["office"]).status_int == 200


def test_the_main_menu_links_the_catalogue_for_city_staff(app, people):
    assert reverse("learning:catalogue") in app.get("/", user=people["employee"]).text
    assert reverse("learning:catalogue") not in app.get("/", user=people["resident"]).text


# --- a course's page: signing up -----------------------------------------------------------------


def test_an_employee_signs_up_and_cancels(app, people, workshop, session, django_capture_on_commit_callbacks):
    user = people["employee"]
    url = reverse("learning:course", args=[workshop.pk])
    page = app.get(url, user=user)
    assert "2 platser kvar" in page.text or "2 places left" in page.text
    assert session.event.get_absolute_url() in page.text
    with django_capture_on_commit_callbacks(execute=True):
        page = submit(app, user, url, "learning:session_register")
    assert Registration.objects.get(person=user).status == RegistrationStatus.REGISTERED
    assert "Du har en plats" in page.text or "You have a place" in page.text
    page = submit(app, user, reverse("learning:session_unregister", args=[session.pk]), "learning:session_unregister")
    assert Registration.objects.get(person=user).status == RegistrationStatus.CANCELLED


def test_a_full_session_offers_the_waiting_list(app, people, workshop, session, staff):
    services.session_register(session=session, by=people["colleague"])
    services.session_register(session=session, by=staff["north"][0])
    url = reverse("learning:course", args=[workshop.pk])
    page = submit(app, people["employee"], url, "learning:session_register")
    assert Registration.objects.get(person=people["employee"]).status == RegistrationStatus.WAITING
    assert "väntelista" in page.text or "waiting list" in page.text


def test_a_non_manager_sees_why_they_cannot_sign_up_for_the_leadership_module(app, people, leadership):
    session = make_session(leadership, by=people["director"])
    url = reverse("learning:course", args=[leadership.pk])
    page = app.get(url, user=people["employee"])
    assert "learning:session_register" not in post_forms(page, url)
    assert "bara för chefer" in page.text or "for managers only" in page.text
    response = app.post(
        reverse("learning:session_register", args=[session.pk]), user=people["employee"], xhr=False, expect_errors=True
    )
    assert response.status_int in (302, 403)
    assert not Registration.objects.exists()
    submit(app, people["manager"], url, "learning:session_register")
    assert Registration.objects.get().person == people["manager"]


# --- the check -----------------------------------------------------------------------------------


def test_the_check_fails_keeps_the_answers_then_passes(app, people, intro):
    user = people["employee"]
    url = reverse("learning:check", args=[intro.pk])
    first, second, third = intro.questions.order_by("position")
    page = app.get(url, user=user)
    assert "Rätt svar" not in page.text and "Right answer" not in page.text
    form = post_forms(page, url)["learning:check"][0]
    form[f"question_{first.pk}"] = "1"
    form[f"question_{second.pk}"] = "0"
    form[f"question_{third.pk}"] = "0"
    failed = form.submit()
    assert failed.status_int == 200
    assert "1 av 3" in failed.text or "1 of 3" in failed.text
    again = post_forms(failed, url)["learning:check"][0]
    assert again[f"question_{first.pk}"].value == "1"  # the answers are kept
    assert not Completion.objects.exists()
    again[f"question_{first.pk}"] = "0"
    passed = again.submit()
    assert passed.status_int == 302
    page = passed.follow(user=user)
    assert "2 av 3" in page.text or "2 of 3" in page.text
    assert "Du slutförde den här" in page.text or "You completed this on" in page.text
    assert Completion.objects.get().source == "check"


def test_an_unanswered_question_is_named(app, people, intro):
    url = reverse("learning:check", args=[intro.pk])
    page = app.get(url, user=people["employee"])
    response = post_forms(page, url)["learning:check"][0].submit()
    assert "fråga 1" in errors(response) or "question 1" in errors(response)


def test_a_resident_does_not_take_the_check(app, people, intro):
    page = app.get(reverse("learning:course", args=[intro.pk]), user=people["resident"])
    assert reverse("learning:check", args=[intro.pk]) not in page.text
    response = app.get(reverse("learning:check", args=[intro.pk]), user=people["resident"])
    assert response.status_int == 302


# --- the office's pages --------------------------------------------------------------------------


def test_the_office_sets_up_a_workshop_adds_a_session_and_publishes(app, people, tree):
    office = people["office"]
    page = submit(
        app,
        office,
        reverse("learning:course_new"),
        "learning:course_new",
        {"title": "Prototyper på en dag", "summary": "Bygg och pröva en prototyp.", "length_minutes": "240"},
    )
    course = Course.objects.get(title="Prototyper på en dag")
    assert (course.kind, course.state, course.unit) == (CourseKind.WORKSHOP, CourseState.DRAFT, tree["SDF-N"])
    assert course.title in page.text
    submit(
        app,
        office,
        reverse("learning:session_new", args=[course.pk]),
        "learning:session_new",
        {"starts_on": _day(14), "starts_time": "09:00", "ends_time": "12:00", "place": "Stadshuset", "capacity": "15"},
    )
    session = Session.objects.get(course=course)
    assert session.event.capacity == 15
    submit(app, office, reverse("learning:course_publish", args=[course.pk]), "learning:course_publish")
    course.refresh_from_db()
    assert course.state == CourseState.PUBLISHED
    submit(app, office, reverse("learning:course_withdraw", args=[course.pk]), "learning:course_withdraw")
    course.refresh_from_db()
    assert course.state == CourseState.WITHDRAWN
    drafts = app.get(reverse("learning:drafts"), user=office)
    assert course.title in drafts.text


def test_a_refused_course_names_the_field_and_keeps_the_input(app, people):
    response = submit(
        app,
        people["office"],
        reverse("learning:course_new"),
        "learning:course_new",
        {"title": "Ledarskap", "kind": CourseKind.LEADERSHIP, "audience": Audience.EVERYONE},
        expect_errors=True,
    )
    assert "chefer" in errors(response) or "managers" in errors(response)
    form = post_forms(response, reverse("learning:course_new"))["learning:course_new"][0]
    assert form["title"].value == "Ledarskap"


def test_a_public_course_for_coaches_is_refused_naming_the_public_field(app, people):
    response = submit(
        app,
        people["office"],
        reverse("learning:course_new"),
        "learning:course_new",
        {"title": "För coacher", "audience": Audience.COACHES, "is_public": True},
        expect_errors=True,
    )
    assert "Öppen" in errors(response) and not Course.objects.exists()
    assert 'href="#id_is_public"' in response.text


def test_a_stale_edit_keeps_the_input_and_says_so(app, people, workshop):
    url = reverse("learning:course_edit", args=[workshop.pk])
    page = app.get(url, user=people["office"])
    services.course_update(
        course=workshop, by=people["director"], expected_version=workshop.lock_version, summary="Ändrad av någon annan."
    )
    form = post_forms(page, url)["learning:course_edit"][0]
    form["title"] = "Min titel"
    response = form.submit()
    assert response.status_int == 200 and errors(response)
    form = post_forms(response, url)["learning:course_edit"][0]
    assert form["title"].value == "Min titel"
    assert form.submit().status_int == 302
    workshop.refresh_from_db()
    assert workshop.title == "Min titel"


def test_the_office_keeps_the_check(app, people, intro):
    director = people["director"]
    submit(
        app,
        director,
        reverse("learning:question_add", args=[intro.pk]),
        "learning:question_add",
        {"text": "Vad gör en innovationscoach?", "choice_1": "Stöttar idéer", "choice_2": "Bestämmer", "correct": "0"},
    )
    question = intro.questions.get(position=4)
    submit(
        app,
        director,
        reverse("learning:question_edit", args=[question.pk]),
        "learning:question_edit",
        {"choice_3": "Lagar kaffe"},
    )
    question.refresh_from_db()
    assert question.choices == ["Stöttar idéer", "Bestämmer", "Lagar kaffe"]
    submit(app, director, reverse("learning:questions", args=[intro.pk]), "learning:question_move", index=0)
    submit(app, director, reverse("learning:question_remove", args=[question.pk]), "learning:question_remove")
    assert intro.questions.count() == 3
    response = submit(
        app,
        director,
        reverse("learning:question_add", args=[intro.pk]),
        "learning:question_add",
        {"text": "Fråga", "choice_1": "Samma", "choice_2": "Samma", "correct": "0"},
        expect_errors=True,
    )
    assert "en gång" in errors(response) or "only once" in errors(response)


def test_the_office_changes_and_cancels_a_session(app, people, workshop, session):
    office = people["office"]
    submit(
        app, office, reverse("learning:session_edit", args=[session.pk]), "learning:session_edit", {"capacity": "30"}
    )
    session.event.refresh_from_db()
    assert session.event.capacity == 30
    submit(app, office, reverse("learning:session_cancel", args=[session.pk]), "learning:session_cancel")
    session.event.refresh_from_db()
    assert session.event.cancelled_at is not None


@pytest.mark.parametrize("who", ["employee", "manager", "other_office", "resident"])
def test_others_do_not_change_the_course(app, people, workshop, session, who):
    for name in ("course_edit", "course_withdraw", "session_new"):
        response = app.get(reverse(f"learning:{name}", args=[workshop.pk]), user=people[who], expect_errors=True)
        assert response.status_int in (403, 404), name
    response = app.get(reverse("learning:drafts"), user=people[who], expect_errors=True)
    assert response.status_int == 403 or who == "other_office"


def test_the_event_page_of_a_session_links_its_course(app, people, workshop, session):
    page = app.get(session.event.get_absolute_url(), user=people["employee"])
    assert reverse("learning:course", args=[workshop.pk]) in page.text
    assert page.html.select_one(".govuk-caption-l").get_text(strip=True) == "Kurstillfälle"


def test_the_session_event_and_calendar_links_are_offered_only_to_those_they_answer(app, people, workshop, session):
    workshop.is_public = True
    workshop.save()
    url = reverse("learning:course", args=[workshop.pk])
    event_url, ics = session.event.get_absolute_url(), f"/spread/events/{session.event_id}/event.ics"
    signed_out = app.get(url)
    assert event_url not in signed_out.text and ics not in signed_out.text
    assert app.get(event_url, expect_errors=True).status_int == 404
    assert app.get(ics, expect_errors=True).status_int == 404
    page = app.get(url, user=people["employee"])
    assert event_url in page.text and ics in page.text
    assert page.click(href=ics).status_int == 200
    assert app.get(event_url, user=people["employee"]).status_int == 200


def test_every_refused_field_of_a_course_is_named_in_one_round(app, people, intro):
    response = submit(
        app,
        people["office"],
        reverse("learning:course_new"),
        "learning:course_new",
        {
            "kind": CourseKind.MODULE,
            "title": "Kopia",
            "code": "inno-intro",
            "audience": Audience.COACHES,
            "is_public": True,
            "video_url": "video.stockholm",
        },
        expect_errors=True,
    )
    for field in ("code", "is_public", "video_url"):
        assert f'href="#id_{field}"' in response.text, field
    assert Course.objects.filter(title="Kopia").count() == 0


def test_the_kind_chosen_decides_whether_the_content_fields_are_read(app, people, workshop):
    page = app.get(reverse("learning:course_new"), user=people["office"])
    assert "bara för en modul i egen takt" in page.text
    submit(
        app,
        people["office"],
        reverse("learning:course_new"),
        "learning:course_new",
        {"kind": CourseKind.SEMINAR, "title": "Seminarium", "body": "Text som inte hör hit.", "video_url": "x"},
    )
    seminar = Course.objects.get(title="Seminarium")
    assert (seminar.kind, seminar.body, seminar.video_url) == (CourseKind.SEMINAR, "", "")
