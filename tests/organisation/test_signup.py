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
