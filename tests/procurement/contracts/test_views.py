"""The contract pages and API: who opens what by URL, the forms submitted as a browser does (only the fields
shown), the register's search and filters, and the start page's tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ideas.models import Idea, Source
from procurement.contracts import services
from procurement.models import Contract, ContractKind, ProposalStatus, SupplierProposal
from tests.forms.browser_like import errors, fill, post_forms
from tests.procurement.contracts.conftest import PROPOSAL

pytestmark = pytest.mark.django_db


def submit(django_app, user, url, posts_to, values=None, *, expect_errors=False):
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    response = fill(forms[posts_to][0], values or {}).submit()
    if expect_errors:
        assert response.status_int == 200
        return response
    assert response.status_int in (302, 303), errors(response)
    followed = response.follow(user=user)
    assert not errors(followed)
    return followed


def test_an_officer_adds_a_contract_through_the_form(django_app, officers, people, suppliers, tree):
    url = reverse("procurement:contract_add")
    page = submit(
        django_app,
        officers["officer"],
        url,
        "procurement:contract_add",
        {
            "title": "Hemtjänst i Norra",
            "kind": ContractKind.CHOICE_SYSTEM,
            "unit": str(tree["SDF-N"].pk),
            "owner": people["manager"].email,
            "suppliers": "559126-4428\n556677-8899 Beta Bygg AB",
            "starts_on": "2025-01-01",
            "open_for_proposals": True,
        },
    )
    contract = Contract.objects.get(title="Hemtjänst i Norra")
    assert contract.kind == ContractKind.CHOICE_SYSTEM and contract.owner == people["manager"]
    assert set(contract.suppliers.all()) == {suppliers["gamma"].supplier, suppliers["beta"].supplier}
    assert "Hemtjänst i Norra" in page.text


def test_a_wrong_owner_and_number_are_named_and_nothing_typed_is_lost(django_app, officers, tree, suppliers):
    url = reverse("procurement:contract_add")
    response = submit(
        django_app,
        officers["officer"],
        url,
        "procurement:contract_add",
        {"title": "Städning", "unit": str(tree["SDF-N"].pk), "owner": "ingen@example.se", "starts_on": "2025-01-01"},
        expect_errors=True,
    )
    assert errors(response) and 'value="ingen@example.se"' in response.text
    assert 'value="Städning"' in response.text
    response = submit(
        django_app,
        officers["officer"],
        url,
        "procurement:contract_add",
        {
            "title": "Städning",
            "unit": str(tree["SDF-N"].pk),
            "owner": officers["officer"].email,
            "suppliers": "123456-7890 Fel AB",
            "starts_on": "2025-01-01",
        },
        expect_errors=True,
    )
    assert "123456-7890" in errors(response)
    assert not Contract.objects.exists()


def test_an_officer_edits_and_a_stale_edit_keeps_the_text(django_app, contract, officers, people, tree):
    url = reverse("procurement:contract_edit", args=[contract.pk])
    page = django_app.get(url, user=officers["officer"])
    form = post_forms(page, url)["procurement:contract_edit"][0]
    services.contract_update(
        contract=contract,
        by=officers["officer"],
        expected_version=1,
        unit=tree["SDF-N"],
        title="Ändrad av någon annan",
        kind=contract.kind,
        owner=people["manager"],
        starts_on=contract.starts_on,
        open_for_proposals=True,
    )
    form["title"] = "Min nya rubrik"
    response = form.submit()
    assert response.status_int == 200 and 'value="Min nya rubrik"' in response.text
    assert errors(response)
    again = post_forms(response, url)["procurement:contract_edit"][0].submit()
    assert again.status_int == 302
    contract.refresh_from_db()
    assert contract.title == "Min nya rubrik" and contract.version == 3


def test_the_register_searches_filters_and_sorts(django_app, contract, lov, people):
    page = django_app.get(reverse("procurement:contracts"), user=people["colleague"])
    assert "Drift av skolfastigheter" in page.text and "Hemtjänst enligt LOV" in page.text
    page = django_app.get(reverse("procurement:contracts") + "?kind=choice_system", user=people["colleague"])
    assert "Hemtjänst enligt LOV" in page.text and "Drift av skolfastigheter" not in page.text
    page = django_app.get(reverse("procurement:contracts") + "?q=SN-2024&sort=newest", user=people["colleague"])
    assert "Drift av skolfastigheter" in page.text and "Hemtjänst enligt LOV" not in page.text
    page = django_app.get(reverse("procurement:contracts") + "?q=finns+inte", user=people["colleague"])
    assert "Try fewer words" in page.text or "färre ord" in page.text


def test_the_register_is_a_fixed_number_of_queries(client, contract, lov, people, django_assert_max_num_queries):
    client.force_login(people["colleague"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("procurement:contracts")).status_code == 200


def test_a_supplier_proposes_through_the_form_and_the_owner_accepts(django_app, contract, suppliers, people):
    page = django_app.get(reverse("procurement:my_contracts"), user=suppliers["alfa"])
    assert "Drift av skolfastigheter" in page.text
    url = reverse("procurement:contract_propose", args=[contract.pk])
    page = submit(django_app, suppliers["alfa"], url, "procurement:contract_propose", PROPOSAL)
    proposal = SupplierProposal.objects.get()
    assert PROPOSAL["title"] in page.text and "sprang-guidance" in page.text
    url = reverse("procurement:proposal_accept", args=[proposal.pk])
    page = submit(
        django_app,
        people["manager"],
        url,
        "procurement:proposal_accept",
        {"answer": "Vi testar.", "audience": "Elever.", "kind": "process", "values": ["environmental"]},
    )
    proposal.refresh_from_db()
    idea = Idea.objects.get()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.idea == idea
    assert idea.source == Source.SUPPLIER and list(idea.co_authors.all()) == [suppliers["alfa"]]
    assert idea.title in page.text


def test_the_owner_declines_through_the_form(django_app, proposal, people):
    url = reverse("procurement:proposal_decline", args=[proposal.pk])
    submit(django_app, people["manager"], url, "procurement:proposal_decline", {"answer": "Ryms inte i avtalet."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_the_accept_page_of_a_choice_system_says_every_supplier_is_offered_it(django_app, lov, suppliers, people):
    item = services.proposal_submit(contract=lov, by=suppliers["alfa"], **PROPOSAL)
    page = django_app.get(reverse("procurement:proposal_accept", args=[item.pk]), user=people["manager"])
    assert "govuk-warning-text" in page.text and "LOV" in page.text


def test_the_proposal_page_shows_the_due_date_and_overdue(django_app, contract, suppliers, people):
    sent = timezone.now() - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 2)
    late = services.proposal_submit(contract=contract, by=suppliers["alfa"], now=sent, **PROPOSAL)
    page = django_app.get(late.get_absolute_url(), user=people["manager"])
    assert timezone.localtime(late.due_at).strftime("%Y-%m-%d") in page.text and "sprang-overdue" in page.text


@pytest.mark.parametrize(
    ("who", "status"),
    [("alfa", 200), ("beta", 404), ("gamma", 404), ("manager", 200), ("colleague", 404), ("resident", 404)],
)
def test_who_opens_a_proposal_by_url_and_api(client, proposal, suppliers, people, who, status):
    person = suppliers.get(who) or people[who]
    client.force_login(person)
    assert client.get(proposal.get_absolute_url()).status_code == status
    assert client.get(f"/api/v1/procurement/proposals/{proposal.pk}").status_code == status
    for name in ("proposal_accept", "proposal_decline"):
        expected = 200 if who == "manager" else (403 if status == 200 else 404)
        assert client.get(reverse(f"procurement:{name}", args=[proposal.pk])).status_code == expected


def test_a_supplier_of_another_organisation_gets_404_for_the_contract(client, contract, suppliers, people):
    client.force_login(suppliers["gamma"])
    assert client.get(contract.get_absolute_url()).status_code == 404
    assert client.get(reverse("procurement:contract_propose", args=[contract.pk])).status_code == 404
    response = client.post(
        "/api/v1/procurement/proposals", {"contract_id": contract.pk, **PROPOSAL}, content_type="application/json"
    )
    assert response.status_code == 404
    assert client.get("/api/v1/procurement/contracts").json()["items"] == []
    client.force_login(people["resident"])
    assert client.get(reverse("procurement:contracts")).status_code == 403


def test_the_api_lists_a_suppliers_own_and_takes_a_proposal(client, contract, proposal, suppliers):
    client.force_login(suppliers["beta"])
    assert [c["id"] for c in client.get("/api/v1/procurement/contracts").json()["items"]] == [contract.pk]
    assert client.get("/api/v1/procurement/proposals").json()["items"] == []
    response = client.post(
        "/api/v1/procurement/proposals", {"contract_id": contract.pk, **PROPOSAL}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["supplier"] == suppliers["beta"].supplier.name and body["status"] == "submitted"
    assert [p["id"] for p in client.get("/api/v1/procurement/proposals").json()["items"]] == [body["id"]]
    bad = client.post(
        "/api/v1/procurement/proposals",
        {"contract_id": contract.pk, **PROPOSAL, "title": " "},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "title"


def test_the_owners_tasks_put_overdue_first(client, contract, suppliers, people):
    from procurement.contracts.todo import owner_tasks, supplier_tasks

    sent = timezone.now() - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 2)
    services.proposal_submit(contract=contract, by=suppliers["alfa"], now=sent, **PROPOSAL)
    services.proposal_submit(contract=contract, by=suppliers["beta"], **PROPOSAL)
    group = owner_tasks(people["manager"])
    assert [line.count for line in group.lines] == [1, 2]
    assert "overdue" in group.lines[0].url
    assert owner_tasks(people["colleague"]) is None
    assert [line.count for line in supplier_tasks(suppliers["alfa"]).lines] == [1]
    for person in (people["manager"], suppliers["alfa"]):
        client.force_login(person)
        assert client.get("/").status_code == 200


def test_the_proposals_page_says_a_proposal_is_avbojt_and_shows_no_overdue_in_red(
    django_app, proposal, suppliers, people, swedish_words
):
    services.proposal_decline(proposal=proposal, by=people["manager"], expected_version=proposal.version, answer="Nej.")
    for user in (suppliers["alfa"], people["manager"]):
        page = django_app.get(reverse("procurement:proposals") + "?state=declined", user=user)
        assert "Avböjt" in page.text and "Antaget" in page.text  # ett förslag: the status and the filter
        assert "Avböjd" not in page.text and "Antagen<" not in page.text
    page = django_app.get(reverse("procurement:proposals"), user=people["manager"])
    assert "försenade" in page.text and "sprang-overdue" not in page.text  # 0 is not shown in red


def test_proposals_past_their_due_date_are_counted_in_red(django_app, contract, suppliers, people):
    sent = timezone.now() - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 2)
    services.proposal_submit(contract=contract, by=suppliers["alfa"], now=sent, **PROPOSAL)
    page = django_app.get(reverse("procurement:proposals"), user=people["manager"])
    assert 'sprang-stat sprang-overdue">1<' in page.text
