"""The needs list and a need's page: who sees what, search, filters, order, a fixed number of queries, the tasks,
the link on an idea's page, the API and a person's own data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from challenges.models import Need, NeedOrigin, NeedStatus, Route
from challenges.needs import services
from organisation.models import PersonKind, Role
from tests import factories
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def needs(people):
    manager, office = people["manager"], people["office"]
    draft = write_need(manager, title="Utkast om snöröjning")
    sent = write_need(manager, title="Trasiga hissar i Husby", how_it_shows="Hissarna står still varje vecka.")
    services.need_submit(need=sent, by=manager, expected_version=sent.version)
    routed = routed_need(writer=manager, office=office, title="Långa köer till bygglov", route=Route.OPENLAB)
    return {"draft": draft, "sent": sent, "routed": routed}


def test_staff_read_sent_needs_writers_also_their_drafts(client, people, needs):
    client.force_login(people["colleague"])
    page = text(client.get(reverse("challenges:needs")))
    assert needs["sent"].title in page and needs["routed"].title in page and needs["draft"].title not in page
    assert client.get(needs["draft"].get_absolute_url()).status_code == 404
    client.force_login(people["manager"])
    page = text(client.get(reverse("challenges:needs")))
    assert needs["draft"].title in page


@pytest.mark.parametrize("kind", [PersonKind.RESIDENT, PersonKind.SUPPLIER, PersonKind.PARTNER, PersonKind.UNIVERSITY])
def test_people_outside_the_staff_never_reach_internal_needs(client, needs, kind):
    client.force_login(factories.person(kind=kind))
    assert client.get(reverse("challenges:needs")).status_code in (403, 404)
    for need in needs.values():
        assert client.get(need.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(reverse("challenges:needs")).status_code == 302  # to sign in
    assert client.get(needs["routed"].get_absolute_url()).status_code == 302


def test_search_finds_every_form_of_a_word_and_filters_narrow(client, people, needs):
    client.force_login(people["colleague"])
    page = text(client.get(reverse("challenges:needs"), {"q": "hiss"}))
    assert needs["sent"].title in page and needs["routed"].title not in page
    page = text(client.get(reverse("challenges:needs"), {"q": "kö"}))
    assert needs["routed"].title in page and needs["sent"].title not in page
    page = text(client.get(reverse("challenges:needs"), {"status": NeedStatus.ROUTED, "route": Route.OPENLAB}))
    assert needs["routed"].title in page and needs["sent"].title not in page
    page = text(client.get(reverse("challenges:needs"), {"origin": NeedOrigin.USER_SURVEY}))
    assert "No needs match" in page or "Inga behov" in page


def test_most_same_need_first(client, people, needs, tree):
    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER)
    services.same_need_report(need=needs["sent"], by=south, unit=tree["SDF-S"])
    client.force_login(people["colleague"])
    page = text(client.get(reverse("challenges:needs"), {"sort": "same"}))
    assert page.index(needs["sent"].title) < page.index(needs["routed"].title)


def test_the_empty_list_says_what_to_do(client, people):
    client.force_login(people["colleague"])
    page = text(client.get(reverse("challenges:needs")))
    assert 'class="govuk-inset-text"' in page


def test_the_list_runs_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    manager = people["manager"]
    for n in range(30):
        need = write_need(manager, title=f"Behov nummer {n}")
        services.need_submit(need=need, by=manager, expected_version=need.version)
    client.force_login(people["colleague"])
    client.get(reverse("challenges:needs"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("challenges:needs"), {"q": "behov", "sort": "same"})
    assert response.status_code == 200


def test_a_needs_page_shows_its_decisions_links_and_same_need(client, people, tree):
    manager, office = people["manager"], people["office"]
    need = write_need(manager, links=[("https://start.stockholm/enkat", "Brukarenkät 2025")])
    services.need_submit(need=need, by=manager, expected_version=need.version)
    services.need_validate(
        need=need, by=office, expected_version=need.version, valid=False, comment="Lägg till kostnaden."
    )
    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER)
    services.same_need_report(need=need, by=south, unit=tree["SDF-S"], note="Även hos oss.")
    client.force_login(people["colleague"])
    page = text(client.get(need.get_absolute_url()))
    for shown in ("Brukarenkät 2025", "Lägg till kostnaden.", office.name, tree["SDF-S"].name, "Även hos oss."):
        assert shown in page
    assert reverse("challenges:need_decide", args=[need.pk]) not in page
    client.force_login(manager)
    page = text(client.get(need.get_absolute_url()))
    assert reverse("challenges:need_submit", args=[need.pk]) in page


def test_the_office_gets_the_decide_page_others_are_refused(client, people, needs):
    url = reverse("challenges:need_decide", args=[needs["sent"].pk])
    for role in ("manager", "colleague", "other_office"):
        client.force_login(people[role])
        assert client.get(url).status_code == 403, role
    client.force_login(people["office"])
    assert client.get(url).status_code == 200
    assert reverse("challenges:need_decide", args=[needs["sent"].pk]) in text(
        client.get(needs["sent"].get_absolute_url())
    )


def test_a_need_validated_twice_the_second_is_told(client, people, needs):
    need = needs["sent"]
    url = reverse("challenges:need_decide", args=[need.pk])
    seen = need.version
    services.need_validate(need=need, by=people["director"], expected_version=seen, valid=True)
    client.force_login(people["office"])
    response = client.post(url, {"version": seen, "route": Route.OPENLAB, "rationale": "Forskning."})
    assert response.status_code == 200
    assert 'class="govuk-error-summary' in text(response) and "Forskning." in text(response)
    assert Need.objects.get(pk=need.pk).status == NeedStatus.VALIDATED


def test_tasks_office_waiting_and_writer_returned(client, people, needs):
    from core.tasks_registry import task_groups

    groups = {str(g.heading): g for g in task_groups(people["office"])}
    assert any(line.count == 1 for g in groups.values() for line in g.lines if "status=submitted" in line.url)
    services.need_validate(
        need=needs["sent"], by=people["office"], expected_version=needs["sent"].version, valid=False, comment="Mer."
    )
    lines = [line for g in task_groups(people["manager"]) for line in g.lines if "status=returned" in line.url]
    assert [line.count for line in lines] == [1]


def test_the_menu_link_for_staff_only(client, people):
    client.force_login(people["employee"])
    assert reverse("challenges:needs") in text(client.get("/"))
    client.force_login(people["resident"])
    assert reverse("challenges:needs") not in text(client.get("/"))


def test_describe_the_need_behind_an_idea(client, people):
    idea = factories.idea(author=people["employee"])
    link = f"{reverse('challenges:need_new')}?idea={idea.pk}"
    client.force_login(people["manager"])
    assert link in text(client.get(idea.get_absolute_url()))
    client.force_login(people["colleague"])
    assert link not in text(client.get(idea.get_absolute_url()))


def test_the_api_lists_and_reads_needs_for_staff_and_only_public_ones_for_others(client, people, needs):
    client.force_login(people["colleague"])
    body = client.get("/api/v1/needs/").json()
    titles = {row["title"] for row in body["items"]} if isinstance(body, dict) else {row["title"] for row in body}
    assert titles == {needs["sent"].title, needs["routed"].title}
    detail = client.get(f"/api/v1/needs/{needs['routed'].pk}").json()
    assert detail["route"] == Route.OPENLAB and [d["kind"] for d in detail["decisions"]] == [
        "submitted",
        "validated",
        "routed",
    ]
    client.logout()
    body = client.get("/api/v1/needs/").json()
    rows = body["items"] if isinstance(body, dict) else body
    assert rows == []
    assert client.get(f"/api/v1/needs/{needs['routed'].pk}").status_code == 404
    Need.objects.filter(pk=needs["routed"].pk).update(visibility="public")
    body = client.get("/api/v1/needs/", {"q": "bygglov"}).json()
    rows = body["items"] if isinstance(body, dict) else body
    assert [row["title"] for row in rows] == [needs["routed"].title]
    assert client.get(f"/api/v1/needs/{needs['draft'].pk}").status_code == 404


def test_a_persons_data_holds_their_needs(people, needs, tree):
    from core.selectors import personal_data_export

    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER)
    services.same_need_report(need=needs["sent"], by=south, unit=tree["SDF-S"], note="Hos oss med.")
    data = personal_data_export(user=people["manager"])
    assert {n["title"] for n in data["needs_written"]} == {n.title for n in needs.values()}
    assert [d["decision"] for d in personal_data_export(user=people["office"])["need_decisions"]] == [
        "validated",
        "routed",
    ]
    assert personal_data_export(user=south)["same_needs_reported"][0]["note"] == "Hos oss med."
