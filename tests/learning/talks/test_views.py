"""The development talk's pages: the guide, the manager's list, recording a talk and sending an idea from it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import DevelopmentTalk, TalkIdea
from learning.talks import services
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("learning:talks")
GUIDE = reverse("learning:talk_guide")


def _year() -> int:
    return timezone.localdate().year


def _record_url(person, year=None) -> str:
    return reverse("learning:talk_record", args=[person.pk, year or _year()])


def _talk(people, **changes) -> DevelopmentTalk:
    fields = {"held_on": timezone.localdate(), "innovation_discussed": True, "ideas_count": 2}
    fields.update(changes)
    return services.talk_record(employee=people["employee"], by=people["manager"], year=_year(), **fields)


@pytest.mark.parametrize("who", ["employee", "manager", "director"])
def test_the_guide_is_read_by_staff(client, people, who):
    client.force_login(people[who])
    page = client.get(GUIDE).content.decode()
    assert "Inget av det som sades i samtalet sparas" in page


@pytest.mark.parametrize("who", ["resident", "supplier"])
def test_the_guide_is_not_for_people_outside_the_city(client, people, who):
    client.force_login(people[who])
    assert client.get(GUIDE).status_code == 403


def test_the_employee_finds_their_talk_on_the_guide(client, people):
    talk = _talk(people)
    client.force_login(people["employee"])
    assert reverse("learning:talk_idea", args=[talk.pk]) in client.get(GUIDE).content.decode()


def test_the_manager_sees_their_staff_with_this_years_talk(client, people, staff):
    _talk(people)
    client.force_login(people["manager"])
    page = client.get(LIST).content.decode()
    assert "Anna Anställd" in page
    assert staff["north"][0].name in page
    assert staff["south"][0].name not in page
    assert _record_url(people["employee"]) in page


def test_filter_and_search(client, people, staff, tree):
    client.force_login(people["manager"])
    page = client.get(LIST, {"q": "Anna"}).content.decode()
    assert "Anna Anställd" in page and staff["north"][0].name not in page
    page = client.get(LIST, {"unit": tree["SDF-N-ALD-1"].pk, "q": "nobody-here"}).content.decode()
    assert "Ingen av dina medarbetare matchar" in page


def test_the_list_reads_a_fixed_number_of_queries(client, people, staff, django_assert_max_num_queries):
    client.force_login(people["manager"])
    client.get(LIST)
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    for _ in range(8):
        factories.person(unit=people["employee"].unit)
    _talk(people)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


@pytest.mark.parametrize("who", ["employee", "director", "office"])
def test_only_managers_see_the_list(client, people, who):
    client.force_login(people[who])
    assert client.get(LIST).status_code == 403


def test_a_manager_of_another_unit_gets_not_found_by_url(client, people, staff):
    talk = _talk(people)
    client.force_login(staff["south_manager"])
    assert client.get(_record_url(people["employee"])).status_code == 404
    response = client.post(
        _record_url(people["employee"]),
        {
            "lock_version": talk.lock_version,
            "held_on": timezone.localdate().isoformat(),
            "innovation_discussed": "no",
            "ideas_count": "0",
        },
    )
    assert response.status_code == 404
    talk.refresh_from_db()
    assert talk.innovation_discussed


def test_a_future_year_or_oneself_is_not_found(client, people):
    client.force_login(people["manager"])
    assert client.get(_record_url(people["employee"], _year() + 1)).status_code == 404
    assert client.get(_record_url(people["manager"])).status_code == 404


def test_the_manager_records_a_talk(client, people):
    client.force_login(people["manager"])
    response = client.post(
        _record_url(people["employee"]),
        {"held_on": timezone.localdate().isoformat(), "innovation_discussed": "yes", "ideas_count": "2"},
    )
    assert response.status_code == 302
    talk = DevelopmentTalk.objects.get()
    assert (talk.ideas_count, talk.unit_id) == (2, people["employee"].unit_id)


def test_bad_input_names_the_field_and_keeps_what_was_typed(client, people):
    client.force_login(people["manager"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        _record_url(people["employee"]), {"held_on": tomorrow, "innovation_discussed": "yes", "ideas_count": "7"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "kan inte ligga i framtiden" in page and 'value="7"' in page
    assert not DevelopmentTalk.objects.exists()


def test_a_concurrent_edit_is_a_clear_conflict(client, people):
    talk = _talk(people)
    client.force_login(people["manager"])
    services.talk_update(
        talk=talk,
        by=people["manager"],
        expected_version=1,
        held_on=talk.held_on,
        innovation_discussed=True,
        ideas_count=5,
    )
    response = client.post(
        _record_url(people["employee"]),
        {"lock_version": "1", "held_on": talk.held_on.isoformat(), "innovation_discussed": "no", "ideas_count": "0"},
    )
    assert "Någon annan ändrade samtalet" in response.content.decode()
    talk.refresh_from_db()
    assert talk.ideas_count == 5


def test_the_talk_record_shows_how_many_ideas_the_employee_sent(client, people):
    talk = _talk(people)
    idea = factories.idea(author=people["employee"], title="Hemlig titel")
    TalkIdea.objects.create(talk=talk, idea=idea)
    client.force_login(people["manager"])
    page = client.get(_record_url(people["employee"])).content.decode()
    assert "Medarbetaren har skickat in 1 idé" in page
    assert "Hemlig titel" not in page


def test_only_the_employee_opens_the_idea_form(client, people, staff):
    talk = _talk(people)
    url = reverse("learning:talk_idea", args=[talk.pk])
    for who in (people["manager"], people["colleague"], staff["south_manager"]):
        client.force_login(who)
        assert client.get(url).status_code == 404
    client.force_login(people["employee"])
    page = client.get(url).content.decode()
    assert "Den här idén kommer från ditt utvecklingssamtal" in page


def test_the_employee_sends_the_idea(client, people):
    talk = _talk(people)
    client.force_login(people["employee"])
    response = client.post(
        reverse("learning:talk_idea", args=[talk.pk]),
        {
            "title": "Digital signering",
            "problem": "Papper.",
            "audience": "Personalen.",
            "proposal": "Mobilen.",
            "expected_value": "Tid.",
            "kind": "process",
            "values": ["economic"],
            "unit": people["employee"].unit_id,
            "source": "employee",
            "visibility": "internal",
        },
    )
    assert response.status_code == 302
    assert TalkIdea.objects.get(talk=talk).idea.title == "Digital signering"


@pytest.mark.parametrize("years_back", [0, 1])
def test_the_date_hint_gives_an_example_within_the_talks_year_and_not_ahead(django_app, people, years_back):
    import re
    from datetime import date

    year = _year() - years_back
    page = django_app.get(_record_url(people["employee"], year), user=people["manager"])
    hint = page.html.select_one("#id_held_on-hint").get_text(" ", strip=True)
    (example,) = re.findall(r"\d{4}-\d{2}-\d{2}", hint)
    assert date.fromisoformat(example).year == year and date.fromisoformat(example) <= timezone.localdate()
    form = next(f for f in page.forms.values() if "ideas_count" in f.fields)
    form["held_on"] = "den 40:e"
    response = form.submit(user=people["manager"])
    assert example in response.html.select_one(".govuk-error-summary").get_text()


@pytest.mark.parametrize("typed", ["-1", "51", "två"])
def test_a_bad_number_of_ideas_is_named_in_plain_words(django_app, people, typed):
    page = django_app.get(_record_url(people["employee"]), user=people["manager"])
    form = next(f for f in page.forms.values() if "ideas_count" in f.fields)
    form["held_on"] = timezone.localdate().isoformat()
    form["innovation_discussed"] = "yes"
    form["ideas_count"] = typed
    response = form.submit(user=people["manager"])
    assert response.status_int == 200 and not DevelopmentTalk.objects.exists()
    summary = response.html.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Skriv antalet idéer som ett heltal från 0 till 50." in summary
    assert "Kontrollera" not in summary and 'href="#id_ideas_count"' in response.text
