"""Pages of challenges, used the way a browser does: rendered, only the fields shown filled in, sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from challenges.challenges import services
from challenges.models import Answer, Audience, Challenge, ChallengeStatus, Response, Route
from ideas.models import Idea
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge
from tests.challenges.conftest import routed_need
from tests.forms.browser_like import errors, fill, post_forms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client, django_app):
    """The pages in English, whatever the translations hold."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    django_app.set_cookie(settings.LANGUAGE_COOKIE_NAME, "en")


def _form(django_app, url, user, posts_to):
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, sorted(forms)
    return forms[posts_to][0]


def test_the_office_publishes_a_challenge_from_a_routed_need(people, django_app):
    need = routed_need(writer=people["manager"], office=people["office"])
    url = reverse("challenges:challenge_create", args=[need.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_create")
    assert form["title"].value == need.title and need.who_has_it in form["background"].value
    today = timezone.localdate()
    fill(
        form,
        {
            "question": "Hur får sökande besked snabbare?",
            "audience": Audience.RESIDENTS,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "criteria": "Genomförbart och billigt.",
        },
    )
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    challenge = Challenge.objects.get(need=need)
    assert challenge.status == ChallengeStatus.DRAFT
    detail = resp.follow(user=people["office"])
    publish = post_forms(detail, challenge.get_absolute_url())["challenges:challenge_publish"][0]
    publish.submit().follow(user=people["office"])
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.PUBLISHED


def test_an_audience_the_office_may_not_address_is_refused_on_the_form_with_what_was_typed(people, django_app, tree):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.INTERNAL_CHALLENGE)
    url = reverse("challenges:challenge_create", args=[need.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_create")
    # Only staff audiences are offered for an internal route.
    assert {v for v, *_ in form["audience"].options} == {Audience.UNIT_STAFF, Audience.ALL_STAFF}
    today = timezone.localdate()
    fill(
        form,
        {
            "question": "Vår egen fråga",
            "audience": Audience.ALL_STAFF,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    resp = form.submit()
    assert resp.status_int == 200
    assert "Only the city's innovation office and the director may ask all city staff" in errors(resp)
    assert "Vår egen fråga" in resp.text
    assert not Challenge.objects.filter(need=need).exists()


def test_signed_out_visitors_see_public_challenges_only(client, people, public_challenge, internal_challenge):
    page = client.get(reverse("challenges:challenges")).content.decode()
    assert public_challenge.title in page and internal_challenge.title not in page
    assert client.get(public_challenge.get_absolute_url()).status_code == 200
    assert client.get(internal_challenge.get_absolute_url()).status_code == 404
    assert "csrfmiddlewaretoken" not in client.get(public_challenge.get_absolute_url()).content.decode()


def test_a_resident_not_asked_by_an_internal_challenge_gets_not_found(client, people, internal_challenge):
    client.force_login(people["resident"])
    assert client.get(internal_challenge.get_absolute_url()).status_code == 404
    assert client.get(reverse("challenges:challenge_answer", args=[internal_challenge.pk])).status_code == 404
    client.force_login(people["colleague"])  # staff of another part of the city
    assert client.get(internal_challenge.get_absolute_url()).status_code == 404


def test_someone_who_may_read_but_is_not_asked_is_told_so(client, people, public_challenge):
    client.force_login(people["supplier"])
    resp = client.get(reverse("challenges:challenge_answer", args=[public_challenge.pk]))
    assert resp.status_code == 403
    assert "This challenge does not ask you" in resp.content.decode()


def test_a_resident_answers_with_the_idea_form(people, django_app, public_challenge):
    url = reverse("challenges:challenge_answer", args=[public_challenge.pk])
    form = _form(django_app, url, people["resident"], "challenges:challenge_answer")
    assert "source" not in form.fields and "unit" not in form.fields
    fill(form, {"title": "Checklista före ansökan", "values": ["social"]})
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    answer = Answer.objects.get(challenge=public_challenge)
    assert answer.idea.title == "Checklista före ansökan" and answer.idea.author == people["resident"]
    assert answer.idea.unit == public_challenge.unit
    page = resp.follow(user=people["resident"])
    assert "Your answer to" in page.text


def test_an_answer_after_closing_becomes_an_ordinary_idea_and_the_person_is_told(people, django_app, public_challenge):
    url = reverse("challenges:challenge_answer", args=[public_challenge.pk])
    form = _form(django_app, url, people["resident"], "challenges:challenge_answer")
    fill(form, {"title": "Sent svar", "values": ["social"]})
    close(public_challenge)
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    idea = Idea.objects.get(title="Sent svar")
    assert not Answer.objects.filter(idea=idea).exists()
    page = resp.follow(user=people["resident"])
    assert "closed before your answer arrived, so it was sent as an ordinary idea" in page.text
    # The form itself says so once the challenge has closed.
    assert "What you send now becomes an ordinary idea" in django_app.get(url, user=people["resident"]).text


def test_the_office_responds_to_every_answer_and_publishes_the_summary(people, django_app, public_challenge):
    resident = people["resident"]
    _idea, answer = services.answer_submit(challenge=public_challenge, author=resident, **idea_fields(resident))
    close(public_challenge)
    office = people["office"]
    responses_url = reverse("challenges:challenge_responses", args=[public_challenge.pk])
    page = django_app.get(responses_url, user=office)
    assert "1 answer has no response yet" in page.text
    respond_url = reverse("challenges:challenge_answer_respond", args=[answer.pk])
    form = _form(django_app, respond_url, office, "challenges:challenge_answer_respond")
    fill(form, {"response": Response.TAKEN_FORWARD, "reason": "Prövas i en pilot i Norra.", "shortlisted": True})
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    answer.refresh_from_db()
    assert answer.response == Response.TAKEN_FORWARD and answer.shortlisted
    summary_url = reverse("challenges:challenge_summary", args=[public_challenge.pk])
    form = _form(django_app, summary_url, office, "challenges:challenge_summary")
    fill(form, {"summary": "Ett svar kom in och prövas i en pilot."})
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    public_challenge.refresh_from_db()
    assert public_challenge.status == ChallengeStatus.SUMMARISED
    assert "Ett svar kom in och prövas i en pilot." in django_app.get(public_challenge.get_absolute_url()).text


def test_a_summary_with_answers_lacking_a_response_is_refused_on_the_form(people, django_app, public_challenge):
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    close(public_challenge)
    url = reverse("challenges:challenge_summary", args=[public_challenge.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_summary")
    fill(form, {"summary": "Vad som kom in."})
    resp = form.submit()
    assert resp.status_int == 200 and "respond to every answer" in errors(resp)
    assert "Vad som kom in." in resp.text


def test_an_edit_after_someone_elses_keeps_what_was_typed(people, django_app, public_challenge):
    url = reverse("challenges:challenge_edit", args=[public_challenge.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_edit")
    services.challenge_update(
        challenge=public_challenge,
        by=people["director"],
        expected_version=public_challenge.version,
        title="Direktörens",
    )
    fill(form, {"title": "Min titel"})
    resp = form.submit()
    assert resp.status_int == 200 and "Someone else changed this challenge" in errors(resp)
    assert 'value="Min titel"' in resp.text


def test_cancel_asks_first(people, django_app, public_challenge):
    url = reverse("challenges:challenge_cancel", args=[public_challenge.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_cancel")
    assert form.submit().status_int == 302
    public_challenge.refresh_from_db()
    assert public_challenge.status == ChallengeStatus.CANCELLED


def test_the_list_searches_filters_and_pages_in_few_queries(client, people, django_assert_max_num_queries):
    for n in range(3):
        make_challenge(people, title=f"Bygglovsfråga {n}")
    make_challenge(people, title="Snöröjning i tid", audience=Audience.ANYONE)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("challenges:challenges"), {"q": "snöröjningen"}).content.decode()
    assert "Snöröjning i tid" in page and "Bygglovsfråga" not in page
    page = client.get(reverse("challenges:challenges"), {"audience": Audience.ANYONE}).content.decode()
    assert "Snöröjning i tid" in page and "Bygglovsfråga 0" not in page
    page = client.get(reverse("challenges:challenges"), {"state": "closed"}).content.decode()
    assert "No challenge has closed yet." in page


def test_publishing_changes_the_kept_public_list_at_once(client, people):
    draft = make_challenge(people, publish=False, title="Tystare skolgårdar")
    assert "Tystare skolgårdar" not in client.get(reverse("challenges:challenges")).content.decode()
    services.challenge_publish(challenge=draft, by=people["office"], expected_version=draft.version)
    assert "Tystare skolgårdar" in client.get(reverse("challenges:challenges")).content.decode()


def test_an_answer_changes_the_kept_public_page_at_once(client, people, public_challenge):
    url = public_challenge.get_absolute_url()
    before = client.get(url)
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    after = client.get(url)
    assert after["ETag"] != before["ETag"]


def test_the_office_sees_closed_challenges_with_answers_lacking_a_response(client, people, public_challenge):
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    close(public_challenge)
    from core.tasks_registry import task_groups

    lines = [line.text for group in task_groups(people["office"]) for line in group.lines]
    assert any(public_challenge.title in text and "1 answer without a response" in text for text in lines)
    assert not [
        line
        for group in task_groups(people["other_office"])
        for line in group.lines
        if public_challenge.title in line.text
    ]


def test_each_reader_sees_the_answers_they_may_read(client, people, public_challenge):
    resident = people["resident"]
    services.answer_submit(
        challenge=public_challenge,
        author=resident,
        **idea_fields(resident, title="Ett publikt svar", visibility="public", public_consent=True),
    )
    services.answer_submit(
        challenge=public_challenge, author=resident, **idea_fields(resident, title="Ett internt svar")
    )
    url = public_challenge.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Ett publikt svar" in page and "Ett internt svar" not in page
    client.force_login(people["supplier"])
    page = client.get(url).content.decode()
    assert "Ett publikt svar" in page and "Ett internt svar" not in page
    client.force_login(resident)  # their own
    assert "Ett internt svar" in client.get(url).content.decode()
    client.force_login(people["colleague"])  # staff read every idea
    assert "Ett internt svar" in client.get(url).content.decode()


def _respond(answer, by, response=Response.TAKEN_FORWARD, reason="Prövas i en pilot i Norra."):
    return services.answer_respond(
        answer=answer, by=by, expected_version=answer.version, response=response, reason=reason
    )


def test_the_response_is_on_the_ideas_timeline_and_the_author_is_told(people, django_app, public_challenge):
    resident = people["resident"]
    idea, answer = services.answer_submit(challenge=public_challenge, author=resident, **idea_fields(resident))
    close(public_challenge)
    respond_url = reverse("challenges:challenge_answer_respond", args=[answer.pk])
    form = _form(django_app, respond_url, people["office"], "challenges:challenge_answer_respond")
    fill(form, {"response": Response.TAKEN_FORWARD, "reason": "Prövas i en pilot i Norra."})
    assert form.submit().status_int == 302
    page = django_app.get(idea.get_absolute_url(), user=resident)
    timeline = page.html.select_one("#challenge-response").get_text(" ", strip=True)
    assert "Taken forward into the innovation lock" in timeline and "Prövas i en pilot i Norra." in timeline
    assert public_challenge.title in timeline
    notes = django_app.get(reverse("core:notifications"), user=resident)
    assert "Prövas i en pilot i Norra." in notes.text and idea.get_absolute_url() in notes.text


def test_a_page_shows_the_last_day_to_answer_not_the_closing_midnight(people, django_app):
    need = routed_need(writer=people["manager"], office=people["office"])
    url = reverse("challenges:challenge_create", args=[need.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_create")
    today = timezone.localdate()
    last = today + timedelta(days=30)
    fill(
        form,
        {
            "question": "Hur får sökande besked snabbare?",
            "audience": Audience.RESIDENTS,
            "opens_on": today.isoformat(),
            "closes_on": last.isoformat(),
            "criteria": "Genomförbart och billigt.",
        },
    )
    page = form.submit().follow(user=people["office"])
    challenge = Challenge.objects.get(need=need)
    services.challenge_publish(challenge=challenge, by=people["office"], expected_version=challenge.version)
    day = f"{last.day} {last.strftime('%B')} {last.year}"
    for url in (challenge.get_absolute_url(), reverse("challenges:challenges")):
        page = django_app.get(url, user=people["resident"])
        assert day in page.text, url
        assert "00:00" not in page.html.select_one("main").get_text(), url
    assert "Last day to answer" in django_app.get(challenge.get_absolute_url()).text


def test_the_answer_form_says_who_responds_to_an_answer(people, django_app, public_challenge, internal_challenge):
    page = django_app.get(reverse("challenges:challenge_answer", args=[public_challenge.pk]), user=people["resident"])
    assert "The district administration then answers" not in page.text
    assert f"The innovation office of {public_challenge.unit.name}, which asks the challenge, responds" in page.text
    url = reverse("challenges:challenge_answer", args=[internal_challenge.pk])
    assert "which asks the challenge, responds to every answer" in django_app.get(url, user=people["employee"]).text


def test_the_summary_button_shows_only_once_every_answer_has_a_response(people, django_app, public_challenge):
    resident = people["resident"]
    _idea, answer = services.answer_submit(challenge=public_challenge, author=resident, **idea_fields(resident))
    close(public_challenge)
    url = reverse("challenges:challenge_responses", args=[public_challenge.pk])
    summary_url = reverse("challenges:challenge_summary", args=[public_challenge.pk])
    page = django_app.get(url, user=people["office"])
    assert summary_url not in page.text and "once every answer has a response" in page.text
    _respond(answer, people["office"])
    page = django_app.get(url, user=people["office"])
    assert summary_url in page.text
    assert "Every answer has a response." in page.text and "0 answers" not in page.text


def test_the_cancel_page_says_nothing_of_answers_when_there_are_none(people, django_app, public_challenge):
    page = django_app.get(reverse("challenges:challenge_cancel", args=[public_challenge.pk]), user=people["office"])
    assert "0 answers" not in page.text and "This cannot be undone." in page.text
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    page = django_app.get(reverse("challenges:challenge_cancel", args=[public_challenge.pk]), user=people["office"])
    assert "1 answer already sent stays an idea" in page.text


def test_a_summarised_challenge_says_plainly_it_can_no_longer_change(people, django_app, public_challenge):
    close(public_challenge)
    services.challenge_summarise(
        challenge=public_challenge, by=people["office"], expected_version=public_challenge.version, summary="Inget."
    )
    page = django_app.get(reverse("challenges:challenge_edit", args=[public_challenge.pk]), user=people["office"])
    assert page.status_int == 200 and "The challenge can no longer be changed" in page.text
    assert "Its summary is published" in page.text and "ask the" not in page.text
    detail = django_app.get(public_challenge.get_absolute_url(), user=people["office"])
    assert reverse("challenges:challenge_edit", args=[public_challenge.pk]) not in detail.text
    # Someone else still gets the refusal.
    django_app.get(
        reverse("challenges:challenge_edit", args=[public_challenge.pk]), user=people["other_office"], status=403
    )


def test_an_edit_moving_a_live_challenges_closing_into_the_past_is_refused_on_the_form(
    people, django_app, public_challenge
):
    url = reverse("challenges:challenge_edit", args=[public_challenge.pk])
    form = _form(django_app, url, people["office"], "challenges:challenge_edit")
    fill(form, {"closes_on": (timezone.localdate() - timedelta(days=1)).isoformat()})
    resp = form.submit()
    assert resp.status_int == 200 and "last day to answer can only be moved to a day still to come" in errors(resp)
    # The unchanged opening day is no change, though the challenge opened at another moment of that day.
    form = _form(django_app, url, people["office"], "challenges:challenge_edit")
    fill(form, {"title": "Ny titel"})
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)


def test_the_office_closes_a_challenge_early_after_a_confirmation(people, django_app, public_challenge):
    services.answer_submit(challenge=public_challenge, author=people["resident"], **idea_fields(people["resident"]))
    detail = django_app.get(public_challenge.get_absolute_url(), user=people["office"])
    url = reverse("challenges:challenge_close", args=[public_challenge.pk])
    assert url in detail.text
    page = django_app.get(url, user=people["office"])
    assert "the 1 answer already sent stays an answer" in page.text and "ordinary idea" in page.text
    resp = post_forms(page, url)["challenges:challenge_close"][0].submit()
    assert resp.status_int == 302
    public_challenge.refresh_from_db()
    assert public_challenge.closed_early_by == people["office"] and public_challenge.closes_at <= timezone.now()
    detail = resp.follow(user=people["office"])
    assert "Closed early on" in detail.text and url not in detail.text
    django_app.get(url, user=people["resident"], status=403)


def test_the_office_chooses_the_goals_a_challenge_serves_from_its_page(people, django_app, public_challenge, tree):
    from governance import selectors as gov_selectors
    from governance import services as gov

    goal = gov.goal_create(
        by=people["director"], year=gov_selectors.current_period()[0], unit=tree["CITY"], title="Kortare väntetider"
    )
    page = django_app.get(public_challenge.get_absolute_url(), user=people["office"])
    link = reverse("governance:work_goals", args=["challenge", public_challenge.pk])
    assert link in page.text and "Not yet tied to any goal." in page.text
    gov.goal_links_set(thing=public_challenge, by=people["office"], goals=[goal], expected=[])
    page = django_app.get(public_challenge.get_absolute_url(), user=people["office"])
    assert "Kortare väntetider" in page.html.select_one("[data-goal-links]").get_text()
    assert link not in django_app.get(public_challenge.get_absolute_url(), user=people["resident"]).text
