"""The organisation's writes in the audit log: the unit tree, people, roles and API tokens."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from organisation import services as org_services
from organisation.models import ApiToken, PersonKind, Unit
from tests import factories
from tests.audit_log import CREATE, UPDATE, assert_logged, entries

TREE = (
    "code,name,kind,parent_code,headcount,sectors\n"
    "STAD,Lillstaden,city,,2000,\n"
    "KS,Kommunstyrelsen,committee,STAD,15,\n"
    "SBF,Stadsbyggnadsförvaltningen,specialist_administration,KS,320,planning\n"
    "BOL,Lillstadens Bostäder AB,company,STAD,120,housing\n"
)


def test_the_import_command_names_who_imports_and_logs_a_moved_unit(db, tmp_path):
    importer = org_services.person_create(email="it@example.se", name="Ida IT", kind=PersonKind.RESIDENT)
    path = tmp_path / "units.csv"
    path.write_text(TREE, encoding="utf-8")
    call_command("import_units", str(path), "--by", "IT@example.se", stdout=io.StringIO())
    sbf = Unit.objects.get(code="SBF")
    assert_logged(sbf, action=CREATE, actor=importer, changes={"name": ("None", "Stadsbyggnadsförvaltningen")})
    path.write_text(TREE.replace(",KS,320", ",BOL,300"), encoding="utf-8")
    call_command("import_units", str(path), "--by", "it@example.se", stdout=io.StringIO())
    assert_logged(sbf, action=UPDATE, actor=importer, changes={"headcount": ("320", "300")})
    moved = Unit.objects.get(code="SBF")
    assert_logged(moved, action=UPDATE, actor=importer, changes={"path": (sbf.path, moved.path)})


def test_the_import_command_refuses_an_unknown_importer(db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(TREE, encoding="utf-8")
    with pytest.raises(CommandError, match="nobody@example.se"):
        call_command("import_units", str(path), "--by", "nobody@example.se", stdout=io.StringIO())
    assert not Unit.objects.exists()


def test_api_tokens_are_logged_when_created_and_revoked_never_their_secret(people):
    person = people["employee"]
    token, key = org_services.api_token_create(user=person, name="Rapportsystemet")
    entry = assert_logged(token, action=CREATE, actor=person, changes={"name": ("None", "Rapportsystemet")})
    assert "key_hash" not in entry.changes
    assert key not in str(entry.changes) and token.key_hash not in str(entry.changes)
    assert token.key_hash not in str(entry.serialized_data or "")
    assert org_services.api_token_authenticate(key) == person
    assert not entries(token, action=UPDATE).exists()  # a use is not a change
    org_services.api_token_revoke(token=token)
    assert_logged(token, action=UPDATE, actor=person, changes={"revoked_at": None})
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_revoking_a_token_on_its_page_names_the_person(client, people):
    person = people["employee"]
    token, _key = org_services.api_token_create(user=person, name="Rapportsystemet")
    client.force_login(person)
    assert client.post("/profile/tokens/", {"revoke": token.pk}).status_code == 302
    assert_logged(token, action=UPDATE, actor=person, changes={"revoked_at": None})


def test_a_persons_own_settings_and_language_are_logged(people):
    person = people["employee"]
    org_services.person_update_profile(user=person, name="Anna Andersson", language="en", email_notifications=True)
    assert_logged(person, action=UPDATE, actor=person, changes={"name": ("Anna Anställd", "Anna Andersson")})
    org_services.person_set_language(user=person, language="sv")
    assert_logged(person, action=UPDATE, actor=person, changes={"language": ("en", "sv")})


def test_a_self_registered_person_is_logged_as_their_own_actor(db):
    person = factories.person(kind=PersonKind.RESIDENT, name="Rut")
    org_services.external_person_register(user=person, kind=PersonKind.RESIDENT, name="Rut Invånare")
    assert_logged(person, action=UPDATE, actor=person, changes={"name": ("Rut", "Rut Invånare")})


def test_the_language_chosen_in_the_browser_is_kept_on_the_person_and_logged(client, people):
    person = people["employee"]
    client.force_login(person)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    person.refresh_from_db()
    assert person.language == "en"
    assert_logged(person, action=UPDATE, actor=person, changes={"language": ("sv", "en")})
