"""The idea form from the outside: each role gets the page, fills in only what it shows, and sends it.

Residents and suppliers are asked what they can answer (what the idea is about, which district, where); the
innovation office names the unit and the kind of innovation at triage. Publishing needs the author's consent,
given in a box on the page; co-authors are named by email.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from core.errors import DomainError
from core.models import Notification
from ideas import services
from ideas.lock import CloseReason, Stage
from ideas.models import Idea, Visibility
from organisation.models import Role, Unit
from tests import factories
from tests.audit_log import UPDATE, assert_logged
from tests.ideas.test_views import error_message, sv

#: What a person writes into each text field the page shows.
TEXTS = {
    "title": "Fler bänkar längs Magelungen",
    "problem": "Det är långt mellan bänkarna på promenadstråket, så äldre orkar inte gå hela varvet.",
    "audience": "Äldre och alla som behöver vila på promenaden.",
    "proposal": "Sätt upp en bänk var tredje hundra meter längs stråket.",
    "expected_value": "Fler äldre kan röra sig ute, och fler stannar och pratar med varandra.",
    "place": "Promenadstråket vid Magelungen i Farsta",
}


class _Fields(HTMLParser):
    """The fields of one form as a browser shows them: name -> (kind, the values one may choose)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, tuple[str, list[str]]] = {}
        self.checked: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button"):
                return
            entry = self.fields.setdefault(name, (kind, []))
            entry[1].append(a.get("value") or ("on" if kind == "checkbox" else ""))
            if "checked" in a:
                self.checked.setdefault(name, []).append(a.get("value") or "on")
        elif tag == "textarea" and name:
            self.fields[name] = ("textarea", [])
        elif tag == "select" and name:
            self._select = name
            self.fields[name] = ("select", [])
        elif tag == "option" and self._select:
            self.fields[self._select][1].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def idea_form(response) -> _Fields:
    """The fields of the page's idea form (not the header's language form)."""
    html = response.content.decode()
    match = re.search(r'<form method="post" enctype="multipart/form-data" novalidate>(.*?)</form>', html, re.S)
    assert match, "no idea form on the page"
    parser = _Fields()
    parser.feed(match.group(1))
    return parser


def fill(fields: _Fields, **choices) -> dict:
    """What a person sends: text in every text field shown, the first real option of each choice, and ``choices``."""
    data: dict = {}
    for name, (kind, options) in fields.fields.items():
        if name in choices:
            if choices[name] is not None:
                data[name] = choices[name]
        elif kind == "hidden":
            data[name] = options[0]
        elif kind in ("text", "textarea"):
            data[name] = TEXTS.get(name, "")
        elif kind in ("radio", "select"):
            data[name] = next(o for o in options if o)
        elif kind == "checkbox" and name == "values":
            data[name] = [options[0]]
    return data


def outside_idea(author, **fields) -> Idea:
    """An idea sent as a resident or supplier sends it: no unit and no kind, unless given."""
    return services.idea_submit(author=author, **{**factories.IDEA_TEXT, "values": ["social"], **fields})


@pytest.fixture
def city_office(tree):
    """The city's innovation office: it receives the ideas sent to the city as a whole."""
    return factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stadskontor")


# --- What each role is asked ---


def test_an_employee_is_asked_for_the_unit_kind_co_authors_and_consent(client, people):
    client.force_login(people["employee"])
    fields = idea_form(client.get("/ideas/new/")).fields
    for name in ("kind", "unit", "source", "co_authors", "visibility", "public_consent", "values"):
        assert name in fields, name
    for name in ("area", "district", "place"):
        assert name not in fields, name


@pytest.mark.parametrize("role", ["resident", "supplier"])
def test_residents_and_suppliers_are_asked_what_and_where_not_the_unit_or_kind(client, people, role):
    client.force_login(people[role])
    response = client.get("/ideas/new/")
    fields = idea_form(response).fields
    for name in ("area", "district", "place", "visibility", "public_consent", "values"):
        assert name in fields, name
    for name in ("kind", "unit", "source", "co_authors"):
        assert name not in fields, name
    # Districts to choose from, and "the whole city" first; never the units of the organisation.
    assert fields["district"][1][0] == ""
    districts = set(Unit.objects.filter(kind="district_administration").values_list("pk", flat=True))
    assert {int(v) for v in fields["district"][1][1:]} == districts
    assert sv("Is it about a particular district?") in response.content.decode()


# --- Sending it, filling in only what the page shows ---


@pytest.mark.parametrize("role", ["employee", "resident", "supplier"])
def test_each_role_sends_a_public_idea_with_consent(client, people, role):
    client.force_login(people[role])
    fields = idea_form(client.get("/ideas/new/"))
    response = client.post("/ideas/new/", fill(fields, visibility="public", public_consent="on"))
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.visibility == Visibility.PUBLIC
    assert idea.public_consent_by == people[role] and idea.public_consent_at is not None
    assert idea.title == TEXTS["title"]
    if role == "employee":
        assert idea.kind and idea.unit.kind != "city" and not idea.needs_classification
    else:
        assert idea.kind == "" and idea.needs_classification


@pytest.mark.parametrize("role", ["employee", "resident"])
def test_public_without_consent_points_at_the_box_on_the_page(client, people, role):
    client.force_login(people[role])
    fields = idea_form(client.get("/ideas/new/"))
    response = client.post("/ideas/new/", fill(fields, visibility="public", public_consent=None))
    assert response.status_code == 200
    assert not Idea.objects.exists()
    body = response.content.decode()
    assert 'href="#id_public_consent"' in body
    assert "public_consent" in idea_form(response).fields
    assert error_message(response, "public_consent")
    # What was written is kept.
    assert TEXTS["proposal"] in body


def test_the_consent_box_is_revealed_for_public_only(client, people):
    client.force_login(people["employee"])
    body = client.get("/ideas/new/").content.decode()
    assert re.search(r'<div data-shown-when="visibility=public">\s*<div class="govuk-form-group', body)


def test_a_resident_who_names_no_district_reaches_the_citys_innovation_office(client, people, tree, city_office):
    client.force_login(people["resident"])
    fields = idea_form(client.get("/ideas/new/"))
    client.post("/ideas/new/", fill(fields, visibility="internal", district="", area="streets"))
    idea = Idea.objects.get()
    assert idea.unit == tree["CITY"] and idea.area == "streets" and idea.place == TEXTS["place"]
    assert idea.source == "resident"
    told = set(Notification.objects.filter(url=idea.get_absolute_url()).values_list("recipient", flat=True))
    assert city_office.pk in told and people["director"].pk in told
    assert people["office"].pk not in told


def test_a_resident_who_names_a_district_reaches_its_innovation_office(client, people, tree, city_office):
    client.force_login(people["resident"])
    fields = idea_form(client.get("/ideas/new/"))
    client.post("/ideas/new/", fill(fields, visibility="internal", district=str(tree["SDF-N"].pk)))
    idea = Idea.objects.get()
    assert idea.unit == tree["SDF-N"] and idea.kind == ""
    told = set(Notification.objects.filter(url=idea.get_absolute_url()).values_list("recipient", flat=True))
    assert people["office"].pk in told and people["other_office"].pk not in told


def test_an_employee_names_co_authors_who_then_see_the_idea(client, people):
    client.force_login(people["employee"])
    fields = idea_form(client.get("/ideas/new/"))
    data = fill(fields, visibility="internal", co_authors=f"{people['colleague'].email}, {people['supplier'].email}")
    client.post("/ideas/new/", data)
    idea = Idea.objects.get()
    assert set(idea.co_authors.all()) == {people["colleague"], people["supplier"]}
    client.force_login(people["supplier"])
    assert client.get(idea.get_absolute_url()).status_code == 200


def test_an_unknown_co_author_gets_the_neutral_answer_at_the_field(client, people):
    client.force_login(people["employee"])
    fields = idea_form(client.get("/ideas/new/"))
    response = client.post("/ideas/new/", fill(fields, visibility="internal", co_authors="ingen@example.se"))
    assert not Idea.objects.exists()
    assert "ingen@example.se" in error_message(response, "co_authors")
    assert 'href="#id_co_authors"' in response.content.decode()


def test_the_author_edits_co_authors_and_publishes_from_the_edit_form(client, people):
    idea = factories.idea(author=people["employee"])
    client.force_login(people["employee"])
    fields = idea_form(client.get(f"/ideas/{idea.pk}/edit/"))
    assert {"co_authors", "visibility", "public_consent"} <= set(fields.fields)
    data = fill(fields, visibility="public", public_consent="on", co_authors=people["colleague"].email)
    data["kind"] = idea.kind
    data["unit"] = str(idea.unit_id)
    response = client.post(f"/ideas/{idea.pk}/edit/", data)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_by == people["employee"]
    assert list(idea.co_authors.all()) == [people["colleague"]]


def test_a_resident_edits_what_and_where_without_being_asked_for_unit_or_kind(client, people):
    idea = outside_idea(people["resident"], area="streets", place="Farsta torg")
    client.force_login(people["resident"])
    fields = idea_form(client.get(f"/ideas/{idea.pk}/edit/"))
    assert "kind" not in fields.fields and "unit" not in fields.fields and "district" not in fields.fields
    assert fields.checked["area"] == ["streets"]
    data = fill(fields, visibility="internal", area="travel", place="Busshållplatsen vid Farsta torg")
    response = client.post(f"/ideas/{idea.pk}/edit/", data)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.area, idea.place, idea.kind) == ("travel", "Busshållplatsen vid Farsta torg", "")


# --- Plain labels ---


def test_choices_are_named_in_plain_swedish(client, people):
    client.force_login(people["employee"])
    body = client.get("/ideas/new/").content.decode()
    assert "Nya samarbeten med andra" in body and "Externa relationer" not in body
    assert "Lärosäte eller forskare" in body


# --- The innovation office classifies at triage ---


def test_the_office_classifies_a_residents_idea_from_triage(client, people, tree, city_office):
    idea = outside_idea(people["resident"], area="care")
    client.force_login(city_office)
    triage = client.get("/ideas/triage/").content.decode()
    assert f'href="/ideas/{idea.pk}/classify/"' in triage
    assert sv("Not classified") in triage
    page = client.get(f"/ideas/{idea.pk}/classify/")
    html = page.content.decode()
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, re.S)
    assert form
    fields = _Fields()
    fields.feed(form.group(1))
    assert set(fields.fields) == {"csrfmiddlewaretoken", "version", "unit", "kind"}
    data = fill(fields, unit=str(tree["SDF-N"].pk), kind="service")
    response = client.post(f"/ideas/{idea.pk}/classify/", data)
    assert response.status_code == 302 and response["Location"] == "/ideas/triage/"
    idea.refresh_from_db()
    assert (idea.unit, idea.kind, idea.needs_classification) == (tree["SDF-N"], "service", False)
    assert_logged(idea, action=UPDATE, actor=city_office, changes={"kind": ("", "service"), "unit": None})
    # The district's office is told it has a new idea to answer.
    assert Notification.objects.filter(recipient=people["office"], url=idea.get_absolute_url()).exists()
    assert f'href="/ideas/{idea.pk}/classify/"' not in client.get("/ideas/triage/").content.decode()


def test_classifying_needs_a_unit_and_a_kind_and_the_right_role(client, people, tree, city_office):
    idea = outside_idea(people["supplier"])
    client.force_login(people["other_office"])
    assert client.get(f"/ideas/{idea.pk}/classify/").status_code == 403
    client.force_login(city_office)
    response = client.post(f"/ideas/{idea.pk}/classify/", {"version": idea.version, "unit": str(tree["CITY"].pk)})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_kind_0"' in body and 'href="#id_unit"' in body
    idea.refresh_from_db()
    assert idea.needs_classification


def test_an_unclassified_idea_moves_on_only_once_classified(people, tree):
    idea = outside_idea(people["resident"])
    director = people["director"]
    with pytest.raises(DomainError):
        factories.move(idea, by=director, to=Stage.PRESTUDY)
    services.idea_classify(idea=idea, by=director, expected_version=idea.version, unit=tree["SDF-N"], kind="process")
    factories.move(Idea.objects.get(pk=idea.pk), by=director, to=Stage.PRESTUDY)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PRESTUDY


def test_an_unclassified_idea_may_still_be_closed(people):
    idea = outside_idea(people["resident"])
    factories.move(idea, by=people["director"], to=Stage.CLOSED, closed_reason=CloseReason.DUPLICATE)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.CLOSED


# --- The API asks the same ---


def test_a_resident_sends_an_idea_through_the_api_without_unit_or_kind(client, people, tree):
    from tests.ideas.test_api import API, token_for

    payload = {
        **factories.IDEA_TEXT,
        "values": ["social"],
        "area": "leisure",
        "place": "Farsta simhall",
    }
    response = client.post(f"{API}/ideas/", payload, content_type="application/json", **token_for(people["resident"]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["area"], body["place"], body["unit_id"]) == (
        None,
        "leisure",
        "Farsta simhall",
        tree["CITY"].pk,
    )
    # City staff still name both.
    response = client.post(f"{API}/ideas/", payload, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] in ("kind", "unit_id")
