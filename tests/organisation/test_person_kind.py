"""Nobody becomes city staff by default: every way of creating a person names its kind."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from core.errors import DomainError
from organisation import services as org_services
from organisation.models import PersonKind, User


def test_a_person_created_without_a_kind_is_refused(db):
    with pytest.raises(ValueError, match="kind of person is required"):
        User.objects.create_user("nobody@example.se", "a-long-test-password", name="Ingen")
    assert not User.objects.exists()


def test_a_person_saved_without_a_kind_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="nobody@example.se", name="Ingen")
    assert not User.objects.exists()


def test_a_person_without_a_kind_is_not_city_staff():
    assert User(email="nobody@example.se", name="Ingen").is_city_staff is False


def test_the_service_names_the_field_when_the_kind_is_missing(db):
    with pytest.raises(DomainError) as error:
        org_services.person_create(email="nobody@example.se", name="Ingen", kind="")
    assert error.value.field == "kind"
    assert not User.objects.exists()


def test_createsuperuser_asks_for_the_kind(db):
    with pytest.raises(CommandError):
        call_command(
            "createsuperuser", "--no-input", "--email", "admin@example.se", "--name", "Adam", stdout=io.StringIO()
        )
    assert not User.objects.exists()
    call_command(
        "createsuperuser",
        "--no-input",
        "--email",
        "admin@example.se",
        "--name",
        "Adam",
        "--kind",
        "employee",
        stdout=io.StringIO(),
    )
    admin = User.objects.get()
    assert admin.kind == PersonKind.EMPLOYEE and admin.is_superuser


def test_someone_signing_up_cannot_make_themselves_city_staff(client, db):
    page = client.get("/account/signup/")
    assert 'value="employee"' not in page.content.decode()
    response = client.post(
        "/account/signup/",
        {
            "email": "eva@example.se",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "name": "Eva",
            "kind": PersonKind.EMPLOYEE,
        },
    )
    assert response.status_code == 200
    assert not User.objects.exists()


def test_someone_signing_up_is_the_kind_they_chose_from_the_start(client, db):
    response = client.post(
        "/account/signup/",
        {
            "email": "rut@example.se",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "name": "Rut",
            "kind": PersonKind.RESIDENT,
        },
    )
    assert response.status_code == 302
    assert User.objects.get().kind == PersonKind.RESIDENT
