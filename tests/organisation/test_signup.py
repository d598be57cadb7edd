"""Residents and suppliers sign up themselves and confirm their email address."""

import re

from django.core import mail

from organisation.models import PersonKind, User


def _signup(client, **extra):
    data = {
        "email": "rut@example.se",
        "password1": "ett-langt-losenord-42",
        "password2": "ett-langt-losenord-42",
        "name": "Rut Invånare",
        "kind": PersonKind.RESIDENT,
        **extra,
    }
    return client.post("/account/signup/", data)


def test_resident_signs_up_confirms_and_is_signed_in(client, db):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="rut@example.se")
    assert (user.kind, user.name, user.unit_id) == (PersonKind.RESIDENT, "Rut Invånare", None)
    assert not user.emailaddress_set.get().verified
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/account/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    client.post(path)
    assert user.emailaddress_set.get().verified
    assert client.get("/ideas/new/").status_code == 200


def test_supplier_needs_a_valid_organisation_number(client, db):
    response = _signup(client, email="sam@example.se", kind=PersonKind.SUPPLIER, org_name="Cyklar AB", org_number="123")
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'href="#id_org_number"' in body
    assert 'value="Cyklar AB"' in body
    assert not User.objects.filter(email="sam@example.se").exists()

    _signup(client, email="sam@example.se", kind=PersonKind.SUPPLIER, org_name="Cyklar AB", org_number="5560360793")
    user = User.objects.get(email="sam@example.se")
    assert user.kind == PersonKind.SUPPLIER
    assert user.supplier.org_number == "556036-0793"


def test_nobody_joins_a_company_already_in_sprang_by_giving_its_organisation_number(client, db):
    # The number is public; a company's people read what it has sent the city, business secrets included.
    from organisation import services

    company = services.supplier_get_or_create(name="Nordlås Trygghet AB", org_number="556781-2341")
    response = _signup(
        client,
        email="falsk@example.se",
        kind=PersonKind.SUPPLIER,
        org_name="Falskt Nordlås AB",
        org_number="5567812341",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_org_number"' in body
    assert not User.objects.filter(email="falsk@example.se").exists()
    assert not company.people.exists()


def test_a_number_whose_check_digit_is_wrong_is_named_as_such(client, db):
    from core.errors import DomainError
    from organisation.services import normalise_org_number

    try:
        normalise_org_number("556036-0794")
    except DomainError as exc:
        short = exc.message
    try:
        normalise_org_number("123")
    except DomainError as exc:
        wrong_length = exc.message
    assert short != wrong_length


def test_the_service_refuses_an_existing_company_too(db):
    import pytest

    from core.errors import DomainError
    from organisation import services

    services.supplier_get_or_create(name="Nordlås Trygghet AB", org_number="556781-2341")
    person = User.objects.create_user("ny@example.se", "ett-langt-losenord-42", name="", kind=PersonKind.RESIDENT)
    with pytest.raises(DomainError) as err:
        services.external_person_register(
            user=person, kind=PersonKind.SUPPLIER, name="Ny", org_name="Falskt AB", org_number="556781-2341"
        )
    assert err.value.field == "org_number"
