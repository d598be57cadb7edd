"""A supplier organisation's own page: what it has going on with the city, nothing of any other organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.models import Question, Rfi, RfiStatus, SupplierInterest

pytestmark = pytest.mark.django_db


@pytest.fixture
def rfi(case, officers):
    now = timezone.now()
    return Rfi.objects.create(
        case=case,
        title="Hur kan skolbyggnader använda mindre energi?",
        description="Vi vill veta vad som finns.",
        questions_close_at=now + timedelta(days=10),
        responses_close_at=now + timedelta(days=20),
        status=RfiStatus.PUBLISHED,
        published_at=now,
        published_by=officers["officer"],
    )


def test_the_page_shows_the_organisations_dialogues_and_own_questions_only(client, rfi, suppliers):
    alfa, beta = suppliers["alfa"], suppliers["beta"]
    for person in (alfa, beta):
        SupplierInterest.objects.create(rfi=rfi, supplier=person.supplier, registered_by=person)
    Question.objects.create(rfi=rfi, supplier=alfa.supplier, asked_by=alfa, text="Alfas egen fråga om mätdata")
    Question.objects.create(rfi=rfi, supplier=beta.supplier, asked_by=beta, text="Betas hemliga fråga om priset")
    client.force_login(alfa)
    page = client.get(reverse("procurement:supplier_home")).content.decode()
    assert rfi.title in page
    assert "Alfas egen fråga" in page
    assert "Betas hemliga fråga" not in page
    assert alfa.supplier.name in page


def test_a_supplier_with_nothing_yet_is_told_where_to_start(client, suppliers):
    client.force_login(suppliers["gamma"])
    response = client.get(reverse("procurement:supplier_home"))
    assert response.status_code == 200
    assert reverse("procurement:rfis") in response.content.decode()


@pytest.mark.parametrize("who", ["employee", "resident", "office"])
def test_only_suppliers_people_have_the_page(client, people, who):
    client.force_login(people[who])
    assert client.get(reverse("procurement:supplier_home")).status_code == 403


def test_the_page_runs_a_fixed_number_of_queries(client, rfi, suppliers, django_assert_max_num_queries):
    alfa = suppliers["alfa"]
    SupplierInterest.objects.create(rfi=rfi, supplier=alfa.supplier, registered_by=alfa)
    client.force_login(alfa)
    with django_assert_max_num_queries(16):
        client.get(reverse("procurement:supplier_home"))


def test_the_page_says_whether_the_response_is_a_draft_or_sent(client, rfi, suppliers):
    from procurement.models import ResponseStatus, WrittenResponse

    alfa = suppliers["alfa"]
    SupplierInterest.objects.create(rfi=rfi, supplier=alfa.supplier, registered_by=alfa)
    response = WrittenResponse.objects.create(
        rfi=rfi, supplier=alfa.supplier, written_by=alfa, solution="Sensorer", maturity="prototype"
    )
    client.force_login(alfa)
    url = reverse("procurement:supplier_home")
    page = client.get(url).context["page"]
    assert page.dialogues[0].my_response == ResponseStatus.DRAFT
    response.status = ResponseStatus.SUBMITTED
    response.save()
    assert client.get(url).context["page"].dialogues[0].my_response == ResponseStatus.SUBMITTED


def test_visitors_and_suppliers_find_the_market_dialogues_in_the_menu_residents_do_not(client, people, suppliers):
    rfis = reverse("procurement:rfis")
    assert f'href="{rfis}"' in client.get("/").content.decode()
    client.force_login(suppliers["alfa"])
    assert f'href="{rfis}"' in client.get("/").content.decode()
    client.force_login(people["resident"])
    assert f'href="{rfis}"' not in client.get("/").content.decode()
