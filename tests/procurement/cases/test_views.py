"""The cases pages as a browser uses them: the list (who sees it, search, filters, a fixed number of queries),
the case's page, making a case from the need's page, each step's form, the thresholds and the procured values."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from organisation.models import PersonKind
from procurement.cases import services as cases
from procurement.models import CaseStage, Contract, ProcuredValue, ProcurementCase, ProcurementRoute, Threshold
from tests import factories
from tests.forms.browser_like import errors, fill, post_forms

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


def test_city_staff_read_the_list_and_the_case_others_never(client, case, people):
    client.force_login(people["colleague"])
    assert case.title in client.get(reverse("procurement:cases")).content.decode()
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.title in page and 'id="log"' not in page
    for kind in (PersonKind.RESIDENT, PersonKind.SUPPLIER):
        client.force_login(factories.person(kind=kind))
        assert client.get(reverse("procurement:cases")).status_code == 403
        assert client.get(case.get_absolute_url()).status_code == 404


def test_the_officer_sees_the_log_and_the_next_step(client, case, officers):
    client.force_login(officers["officer"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="log"' in page and reverse("procurement:case_route", args=[case.pk]) in page


def test_search_filters_and_mine(client, case, officers, people, market_need):
    other = cases.case_create(
        need=market_need,
        by=officers["central"],
        officer=officers["central"],
        title="Digitala lås",
        estimated_value_sek=100,
        period_months=12,
        plan="P.",
    )
    cases.case_route_choose(
        case=other, by=officers["central"], expected_version=other.version, route="design_contest", rationale="R"
    )
    client.force_login(officers["officer"])
    url = reverse("procurement:cases")
    page = client.get(url, {"q": "skolbyggnad"}).content.decode()
    assert case.title in page and other.title not in page
    page = client.get(url, {"route": "design_contest"}).content.decode()
    assert other.title in page and case.title not in page
    page = client.get(url, {"stage": CaseStage.PLANNING, "mine": "on"}).content.decode()
    assert case.title in page and other.title not in page
    page = client.get(url, {"q": "ingenting"}).content.decode()
    assert 'class="govuk-inset-text"' in page


def test_the_empty_list_says_what_to_do(client, people):
    client.force_login(people["colleague"])
    page = client.get(reverse("procurement:cases")).content.decode()
    assert reverse("challenges:needs") in page


def test_the_list_runs_a_fixed_number_of_queries(client, market_need, officers, django_assert_max_num_queries):
    for n in range(12):
        cases.case_create(
            need=market_need,
            by=officers["officer"],
            title=f"Fall {n}",
            estimated_value_sek=1,
            period_months=1,
            plan="P",
        )
    client.force_login(officers["officer"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("procurement:cases")).status_code == 200


def test_the_officer_makes_a_case_from_the_needs_page(django_app, market_need, officers, threshold, old_contract):
    page = django_app.get(market_need.get_absolute_url(), user=officers["officer"])
    url = reverse("procurement:case_create", args=[market_need.pk])
    assert url in page.text
    form_page = django_app.get(url, user=officers["officer"])
    assert "2300000" in re.sub(r"&nbsp;|[\s,]", "", form_page.text)
    done = submit(
        django_app,
        officers["officer"],
        url,
        "procurement:case_create",
        {
            "title": "Energismart styrning",
            "estimated_value_sek": "4 000 000",
            "period_months": "48",
            "plan": "Dialog i vår.",
            "affected_contracts": [str(old_contract.pk)],
        },
    )
    case = ProcurementCase.objects.get(title="Energismart styrning")
    assert case.above_eu_threshold and list(case.affected_contracts.all()) == [old_contract]
    assert 'id="threshold-verdict"' in done.text
    need_page = django_app.get(market_need.get_absolute_url(), user=officers["officer"])
    assert case.get_absolute_url() in need_page.text


def test_the_need_page_offers_nothing_to_those_who_may_not(django_app, market_need, people):
    page = django_app.get(market_need.get_absolute_url(), user=people["colleague"])
    assert reverse("procurement:case_create", args=[market_need.pk]) not in page.text
    assert (
        django_app.get(
            reverse("procurement:case_create", args=[market_need.pk]), user=people["office"], expect_errors=True
        ).status_int
        == 403
    )


def test_a_missing_value_is_named_and_nothing_typed_is_lost(django_app, market_need, officers):
    url = reverse("procurement:case_create", args=[market_need.pk])
    page = submit(
        django_app,
        officers["officer"],
        url,
        "procurement:case_create",
        {"title": "Mitt fall", "estimated_value_sek": "två miljoner", "period_months": "12", "plan": "P"},
        expect_errors=True,
    )
    assert page.html.select_one("#estimated_value_sek-error, .govuk-error-message") is not None
    assert 'value="Mitt fall"' in page.text


def test_edit_route_tender_outcome_through_the_forms(django_app, case, officers, suppliers):
    officer = officers["officer"]
    submit(
        django_app,
        officer,
        reverse("procurement:case_edit", args=[case.pk]),
        "procurement:case_edit",
        {"estimated_value_sek": "5000000"},
    )
    case.refresh_from_db()
    assert case.estimated_value_sek == 5_000_000 and case.version == 2
    submit(
        django_app,
        officer,
        reverse("procurement:case_route", args=[case.pk]),
        "procurement:case_route",
        {"route": ProcurementRoute.INNOVATION_PARTNERSHIP, "rationale": "Ingen lösning finns."},
    )
    submit(
        django_app,
        officer,
        reverse("procurement:case_tender", args=[case.pk]),
        "procurement:case_tender",
        {"reference": "UH-2026-77", "url": "https://e-avrop.example.se/77"},
    )
    page = submit(
        django_app,
        officer,
        reverse("procurement:case_outcome", args=[case.pk]),
        "procurement:case_outcome",
        {"suppliers": "556036-0793", "value_sek": "3 200 000", "starts_on": "2027-01-01", "ends_on": "2030-12-31"},
    )
    case.refresh_from_db()
    assert case.stage == CaseStage.CONCLUDED and Contract.objects.get(from_case=case).value_sek == 3_200_000
    assert "UH-2026-77" in page.text


def test_a_stale_form_is_refused_with_the_input_kept(django_app, case, officers):
    url = reverse("procurement:case_route", args=[case.pk])
    page = django_app.get(url, user=officers["officer"])
    form = fill(post_forms(page, url)["procurement:case_route"][0], {"route": "functional", "rationale": "Min text"})
    cases.case_route_choose(
        case=case, by=officers["central"], expected_version=case.version, route="design_contest", rationale="Först"
    )
    response = form.submit()
    assert response.status_int == 200 and errors(response)
    assert "Min text" in response.text
    case.refresh_from_db()
    assert case.route == "design_contest"


def test_the_pilot_and_the_ideas_link_back(django_app, case, officers):
    officer = officers["officer"]
    cases.case_route_choose(
        case=case, by=officer, expected_version=case.version, route=ProcurementRoute.EXISTING_SOLUTION, rationale="R"
    )
    submit(
        django_app,
        officer,
        reverse("procurement:case_pilot", args=[case.pk]),
        "procurement:case_pilot",
        {"kind": "service", "values": ["economic"]},
    )
    case.refresh_from_db()
    idea_page = django_app.get(case.pilot_idea.get_absolute_url(), user=officer)
    assert case.get_absolute_url() in idea_page.text


def test_closing_asks_first(django_app, case, officers):
    url = reverse("procurement:case_close", args=[case.pk])
    page = django_app.get(url, user=officers["officer"])
    assert "govuk-warning-text" in page.text
    submit(django_app, officers["officer"], url, "procurement:case_close", {"reason": "Löst på annat sätt."})
    case.refresh_from_db()
    assert case.stage == CaseStage.CLOSED


def test_the_central_function_adds_thresholds_others_only_read(django_app, officers, threshold):
    url = reverse("procurement:thresholds")
    page = django_app.get(url, user=officers["officer"])
    assert "EUT C/2023/1495" in page.text and "procurement:thresholds" not in post_forms(page, url)
    submit(
        django_app,
        officers["central"],
        url,
        "procurement:thresholds",
        {
            "valid_from": "2026-01-01",
            "supplies_services_sek": "2 700 000",
            "works_sek": "67 000 000",
            "social_services_sek": "9 000 000",
            "source": "EUT 2025/2150",
        },
    )
    assert Threshold.objects.filter(supplies_services_sek=2_700_000).exists()


def test_an_officer_enters_and_corrects_the_procured_value(django_app, officers, tree):
    url = reverse("procurement:procured_values")
    submit(
        django_app,
        officers["officer"],
        url,
        "procurement:procured_values",
        {"year": "2025", "value_sek": "800000000", "source": "Årsredovisning 2025"},
    )
    value = ProcuredValue.objects.get()
    assert value.unit == tree["SDF-N"]
    submit(
        django_app,
        officers["officer"],
        f"{url}?correct={value.pk}",
        "procurement:procured_values",
        {"value_sek": "820000000", "source": "Rättad"},
    )
    value.refresh_from_db()
    assert value.value_sek == 820_000_000 and value.version == 2


def test_only_procurement_officers_enter_values(client, people):
    client.force_login(people["office"])
    assert client.get(reverse("procurement:procured_values")).status_code == 403
