"""The gate decision pages as a person uses them: render the page, fill in what it shows, submit."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.forms import parse_written_date
from ideas.lock import CloseReason, Stage
from ideas.models import GateDecision, Idea
from tests import factories
from tests.ideas.test_views import _label, error_message, form_values, sv


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Nattfasta på Björken")


def shown(response) -> dict[str, str]:
    """The fields the page's decision form shows, with the values a browser would send (first of each)."""
    html = response.content.decode()
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, re.S)
    assert form
    names = set(re.findall(r'name="([^"]+)"', form.group(1)))
    values = form_values(response)
    return {name: values.get(name, [""])[0] for name in names}


def summary_links(response) -> list[tuple[str, str]]:
    """(target, text) of each link in the error summary."""
    html = response.content.decode()
    body = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert body, "no error summary"
    return re.findall(r'<a href="#([^"]+)">(.*?)</a>', body.group(1))


def test_the_checklist_is_a_fieldset_with_a_legend_and_each_point_says_if_it_is_required(client, people, idea):
    client.force_login(people["office"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=prestudy").content.decode()
    fieldset = re.search(r'<fieldset class="govuk-fieldset"[^>]*>(.*?)</fieldset>', page, re.S)
    assert fieldset
    assert sv("Checklist for the gate") in re.search(r"<legend.*?</legend>", fieldset.group(1), re.S).group(0)
    labels = dict(
        re.findall(
            r'<label class="govuk-label govuk-checkboxes__label" for="id_(check_\w+)">(.*?)</label>',
            fieldset.group(1),
            re.S,
        )
    )
    assert "obligatorisk" in labels["check_need_clear"]
    assert "obligatorisk" in labels["check_owner_named"]
    assert "frivillig" in labels["check_users_involved"]


def test_one_submit_shows_the_missing_rationale_and_the_missing_box_together(client, people, idea):
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=prestudy"))
    data["check_need_clear"] = "on"  # the person ticks one box and writes nothing
    response = client.post(f"/ideas/{idea.pk}/decide/?to=prestudy", data)
    assert response.status_code == 200
    links = summary_links(response)
    assert [target for target, _text in links] == ["id_check_owner_named", "id_rationale"]
    point_error = re.search(
        r'<p id="id_check_owner_named-error" class="govuk-error-message[^"]*">(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    assert point_error, "no error message at the box"
    assert sv("Tick this point to confirm it, or choose another decision.") in point_error.group(1)
    assert sv("Write the rationale for the decision.") in error_message(response, "rationale")
    page = response.content.decode()
    assert re.search(
        r'id="id_check_owner_named"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_check_owner_named"', page
    )
    assert form_values(response).get("check_need_clear") == ["on"]  # what was ticked stays ticked
    assert not GateDecision.objects.exists()

    data = shown(response)
    data.update(check_owner_named="on", rationale="Behovet är tydligt; Björken leder förstudien.")
    response = client.post(f"/ideas/{idea.pk}/decide/?to=prestudy", data)
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PRESTUDY


def test_the_buttons_and_headings_name_the_stage_in_lower_case(client, people, idea):
    client.force_login(people["office"])
    detail = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert sv("Go on to %(stage)s", stage=_label(Stage.PRESTUDY)) in detail
    assert "Gå vidare till förstudie" in detail
    page = client.get(f"/ideas/{idea.pk}/decide/?to=prestudy").content.decode()
    assert "Från idé till förstudie." in page


@pytest.mark.parametrize("written", ["2027-03-01", "1 mars 2027", "1/3 2027", "1/3/2027", "1.3.2027", "1 March 2027"])
def test_dates_are_read_as_swedish_people_write_them(written):
    assert parse_written_date(written) == date(2027, 3, 1)


@pytest.mark.parametrize("written", ["31/2 2027", "mars 2027", "2027-13-01", "i morgon", "1 brumaire 2027"])
def test_what_is_no_date_is_refused(written):
    assert parse_written_date(written) is None


def test_parking_takes_a_date_as_written_and_says_the_format(client, people, idea):
    client.force_login(people["office"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=parked")
    year = timezone.localdate().year + 1
    hint = sv("For example %(iso)s or %(written)s.", iso=f"{year}-03-01", written=f"1 mars {year}")
    assert hint in page.content.decode()
    data = shown(page)
    data.update(rationale="Vi väntar på budgeten.", parked_until="1 mars")
    response = client.post(f"/ideas/{idea.pk}/decide/?to=parked", data)
    assert sv(
        "Enter a real date, for example %(iso)s or %(written)s.", iso=f"{year}-03-01", written=f"1 mars {year}"
    ) in error_message(response, "parked_until")
    when = timezone.localdate() + timedelta(days=60)
    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    data = shown(response)
    data["parked_until"] = f"{when.day} {months[when.month - 1]} {when.year}"
    response = client.post(f"/ideas/{idea.pk}/decide/?to=parked", data)
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).parked_until == when


def test_a_past_date_is_shown_with_the_other_errors(client, people, idea):
    client.force_login(people["office"])
    data = shown(client.get(f"/ideas/{idea.pk}/decide/?to=parked"))
    data["parked_until"] = "2020-01-01"
    response = client.post(f"/ideas/{idea.pk}/decide/?to=parked", data)
    assert [target for target, _text in summary_links(response)] == ["id_rationale", "id_parked_until"]


def test_closing_asks_once_and_the_idea_shows_that_one_answer(client, people, idea):
    client.force_login(people["office"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=closed")
    data = shown(page)
    lessons = {name for name in data if name.startswith("lesson_")}
    assert set(data) - lessons == {"csrfmiddlewaretoken", "to_stage", "version", "closed_reason", "rationale"}
    assert len(lessons) == 20  # each factor's choice and sentence: optional for a fresh idea
    offered = set(re.findall(r'name="closed_reason" type="radio" value="(\w+)"', page.content.decode()))
    assert CloseReason.IMPLEMENTED not in offered  # it never reached implementation
    assert CloseReason.NO_EFFECT in offered
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data)
    assert [target for target, _text in summary_links(response)] == ["id_closed_reason_0", "id_rationale"]

    data.update(closed_reason="no_effect", rationale="Har prövats 2019 utan tillräcklig effekt, se utvärderingen.")
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data)
    assert response.status_code == 302
    detail = client.get(f"/ideas/{idea.pk}/").content.decode()
    inset = re.search(r'<div class="govuk-inset-text">(.*?)</div>', detail, re.S).group(1)
    assert "Den har prövats utan tillräcklig effekt." in inset
    assert "Har prövats 2019 utan tillräcklig effekt, se utvärderingen." in inset


def test_an_idea_in_implementation_may_close_as_part_of_ordinary_work(client, people, idea):
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(idea, by=people["office"], to=stage)
    client.force_login(people["office"])
    page = client.get(f"/ideas/{idea.pk}/decide/?to=closed").content.decode()
    assert 'value="implemented"' in page


def test_support_counts_people(client, people, idea):
    from ideas import services

    services.support_toggle(idea=idea, user=people["colleague"], kind="same_need")
    services.support_toggle(idea=idea, user=people["colleague"], kind="want_to_help")
    services.support_toggle(idea=idea, user=people["manager"], kind="same_need")
    detail = client.get(f"/ideas/{idea.pk}/")
    client.force_login(people["office"])
    detail = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "2 personer stöttar idén." in detail
