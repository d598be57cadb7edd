"""Importing the unit tree from CSV, and the organisation's other services: org numbers, people, API tokens."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from core.errors import DomainError
from organisation import services as org_services
from organisation.models import ApiToken, PersonKind, Unit, User
from organisation.services import UnitImportError
from tests import factories

HEADER = "code,name,kind,parent_code,headcount,sectors\n"

SMALL_TREE = HEADER + (
    "STAD,Lillstaden,city,,2000,\n"
    "KF,Kommunfullmäktige,committee,STAD,61,\n"
    "KS,Kommunstyrelsen,committee,KF,15,\n"
    "SBF,Stadsbyggnadsförvaltningen,specialist_administration,KS,320,planning\n"
    "SBF-BL,Bygglovsavdelningen,department,SBF,45,planning\n"
    "BOL,Lillstadens Bostäder AB,company,STAD,120,housing\n"
)


def tree_shape() -> dict[str, tuple[str | None, int, int]]:
    """Each unit's code mapped to (parent code, depth, headcount), read afresh from the database."""
    shape = {}
    for unit in Unit.objects.all():
        parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
        shape[unit.code] = (parent.code if parent else None, unit.depth, unit.headcount)
    return shape


def assert_tree_is_sound() -> None:
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def import_errors(text: str) -> list[tuple[int, str]]:
    with translation.override("en"), pytest.raises(UnitImportError) as excinfo:
        org_services.units_import_csv(text=text)
    return excinfo.value.errors


# --- units_import_csv ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_good_file_builds_the_tree():
    result = org_services.units_import_csv(text=SMALL_TREE)
    assert (result.created, result.updated) == (6, 0)
    assert tree_shape() == {
        "STAD": (None, 1, 2000),
        "KF": ("STAD", 2, 61),
        "KS": ("KF", 3, 15),
        "SBF": ("KS", 4, 320),
        "SBF-BL": ("SBF", 5, 45),
        "BOL": ("STAD", 2, 120),
    }
    sbf = Unit.objects.get(code="SBF")
    assert sbf.name == "Stadsbyggnadsförvaltningen"
    assert sbf.kind == "specialist_administration"
    assert sbf.sectors == "planning"
    assert Unit.objects.get(code="SBF-BL").is_within(sbf)
    assert_tree_is_sound()


@pytest.mark.django_db
def test_children_may_come_before_their_parents():
    lines = SMALL_TREE.strip().split("\n")
    reordered = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"
    org_services.units_import_csv(text=reordered)
    assert tree_shape()["SBF-BL"] == ("SBF", 5, 45)
    assert tree_shape()["KS"] == ("KF", 3, 15)
    assert_tree_is_sound()


@pytest.mark.django_db
def test_byte_order_mark_blank_headcount_and_no_sectors_column():
    text = "\ufeffcode,name,kind,parent_code,headcount\nSTAD,Lillstaden,city,,\nFÖRV,Förvaltningen,company,STAD,  7 \n"
    result = org_services.units_import_csv(text=text)
    assert result.created == 2
    assert tree_shape() == {"STAD": (None, 1, 0), "FÖRV": ("STAD", 2, 7)}


def test_the_shared_test_tree(tree):
    assert Unit.objects.get_ancestors(tree["SDF-N-ALD-1"]).last() == tree["SDF-N-ALD"]
    assert [u.code for u in Unit.objects.get_ancestors(tree["SDF-N-ALD-1"])] == ["CITY", "SDN-N", "SDF-N", "SDF-N-ALD"]
    assert tree["SDF-N"].headcount == 500


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating():
    org_services.units_import_csv(text=SMALL_TREE)
    ids = dict(Unit.objects.values_list("code", "pk"))

    again = org_services.units_import_csv(text=SMALL_TREE)
    assert (again.created, again.updated) == (0, 6)
    assert Unit.objects.count() == 6
    assert dict(Unit.objects.values_list("code", "pk")) == ids

    changed = SMALL_TREE.replace("Bygglovsavdelningen,department,SBF,45", "Bygglov och tillsyn,department,SBF,52")
    result = org_services.units_import_csv(text=changed)
    assert (result.created, result.updated) == (0, 6)
    unit = Unit.objects.get(code="SBF-BL")
    assert (unit.pk, unit.name, unit.headcount) == (ids["SBF-BL"], "Bygglov och tillsyn", 52)
    assert Unit.objects.count() == 6
    assert_tree_is_sound()


@pytest.mark.django_db
def test_reimport_adds_new_units_beside_existing_ones():
    org_services.units_import_csv(text=SMALL_TREE)
    # The new unit sorts before its existing sibling and comes before it in the file.
    lines = SMALL_TREE.strip().split("\n")
    lines.insert(5, "SBF-AD,Administrativa avdelningen,department,SBF,12,")
    text = "\n".join(lines) + "\nSBF-BL-1,Bygglov enhet 1,unit,SBF-BL,20,\n"

    result = org_services.units_import_csv(text=text)
    assert (result.created, result.updated) == (2, 6)
    shape = tree_shape()
    assert shape["SBF-AD"] == ("SBF", 5, 12)
    assert shape["SBF-BL"] == ("SBF", 5, 45)
    assert shape["SBF-BL-1"] == ("SBF-BL", 6, 20)
    assert Unit.objects.count() == 8
    assert_tree_is_sound()


@pytest.mark.django_db
def test_reimport_moves_a_unit_to_its_new_parent():
    org_services.units_import_csv(text=SMALL_TREE + "SBF-BL-1,Bygglov enhet 1,unit,SBF-BL,20,\n")
    moved = SMALL_TREE.replace(
        "SBF,Stadsbyggnadsförvaltningen,specialist_administration,KS",
        "SBF,Stadsbyggnadsförvaltningen,specialist_administration,STAD",
    )
    org_services.units_import_csv(text=moved + "SBF-BL-1,Bygglov enhet 1,unit,SBF-BL,20,\n")
    shape = tree_shape()
    assert shape["SBF"] == ("STAD", 2, 320)
    # Its subtree comes along.
    assert shape["SBF-BL"] == ("SBF", 3, 45)
    assert shape["SBF-BL-1"] == ("SBF-BL", 4, 20)
    assert Unit.objects.count() == 7
    assert_tree_is_sound()


@pytest.mark.django_db
def test_import_may_add_to_an_existing_tree_by_parent_code():
    org_services.units_import_csv(text=SMALL_TREE)
    result = org_services.units_import_csv(text=HEADER + "BOL-F,Fastighetsförvaltning,department,BOL,30,housing\n")
    assert (result.created, result.updated) == (1, 0)
    assert tree_shape()["BOL-F"] == ("BOL", 3, 30)


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("SBF-X,Okänd förälder,department,NOPE,10,", r"parent unit NOPE is unknown"),
        ("SBF-X,Konstig sort,förvaltning,SBF,10,", r"Unknown kind 'förvaltning'; use one of: city, committee"),
        ("SBF-X,Tio anställda,department,SBF,tio,", r"headcount 'tio' is not a whole number"),
        ("SBF-X,Negativt,department,SBF,-3,", r"headcount '-3' is not a whole number"),
        ("SBF-X,Decimal,department,SBF,12.5,", r"headcount '12.5' is not a whole number"),
        ("SBF-BL,Bygglov igen,department,SBF,45,", r"code SBF-BL appears twice"),
        (",Utan kod,department,SBF,10,", r"code is empty"),
        ("SBF-X,,department,SBF,10,", r"name is empty"),
    ],
)
@pytest.mark.django_db
def test_a_bad_row_is_reported_by_line_and_nothing_is_written(bad_row, expected):
    # The bad row is the last line of the file: line 8 (the header is line 1).
    text = SMALL_TREE + bad_row + "\n"
    errors = import_errors(text)
    assert len(errors) == 1
    line, message = errors[0]
    assert line == 8
    assert re.search(expected, message), message
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_bad_rows_on_reimport_change_nothing():
    org_services.units_import_csv(text=SMALL_TREE)
    before = {u.code: (u.name, u.headcount, u.path) for u in Unit.objects.all()}
    text = (
        SMALL_TREE.replace("Bygglovsavdelningen,department,SBF,45", "Bygglov,department,SBF,99")
        + "NY,Ny förvaltning,company,STAD,10,\n"
        + "NY-2,Felaktig,department,SAKNAS,10,\n"
    )
    errors = import_errors(text)
    assert [line for line, _message in errors] == [9]
    assert {u.code: (u.name, u.headcount, u.path) for u in Unit.objects.all()} == before


@pytest.mark.django_db
def test_every_bad_row_is_listed_in_line_order():
    text = HEADER + (
        "STAD,Lillstaden,city,,2000,\n"
        "A,Avdelning A,department,SAKNAS,10,\n"
        "B,Avdelning B,avdelning,STAD,10,\n"
        "C,Avdelning C,department,STAD,många,\n"
        "C,Avdelning C igen,department,STAD,10,\n"
        "D,Avdelning D,department,STAD,10,\n"
    )
    errors = import_errors(text)
    assert [line for line, _message in errors] == [3, 4, 5, 6]
    assert "SAKNAS" in errors[0][1]
    assert "avdelning" in errors[1][1]
    assert "många" in errors[2][1]
    assert "appears twice" in errors[3][1]
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_several_problems_on_one_row_are_each_reported():
    errors = import_errors(HEADER + "STAD,Lillstaden,city,,2000,\nX,,sorten,STAD,tolv,\n")
    assert [line for line, _message in errors] == [3, 3, 3]
    assert Unit.objects.count() == 0


@pytest.mark.parametrize("column", ["code", "name", "kind", "parent_code", "headcount"])
@pytest.mark.django_db
def test_missing_column_is_reported_on_the_header_line(column):
    columns = [c for c in ("code", "name", "kind", "parent_code", "headcount") if c != column]
    text = ",".join(columns) + "\n" + ",".join("STAD" for _c in columns) + "\n"
    errors = import_errors(text)
    assert len(errors) == 1
    line, message = errors[0]
    assert line == 1
    assert column in message
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_two_roots_in_a_new_tree_are_refused():
    errors = import_errors(HEADER + "A,Staden A,city,,10,\nB,Staden B,city,,10,\n")
    assert errors[0][0] == 1
    assert "root" in errors[0][1]
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_a_loop_of_parents_is_refused_and_nothing_written():
    org_services.units_import_csv(text=SMALL_TREE)
    before = Unit.objects.count()
    text = HEADER + "NY,Ny förvaltning,company,STAD,5,\nX,Avdelning X,department,Y,1,\nY,Avdelning Y,department,X,1,\n"
    errors = import_errors(text)
    assert [line for line, _message in errors] == [3, 4]
    assert all("loop" in message for _line, message in errors)
    assert Unit.objects.count() == before
    assert not Unit.objects.filter(code="NY").exists()


@pytest.mark.django_db
def test_import_error_message_counts_the_rows():
    with translation.override("en"), pytest.raises(UnitImportError) as excinfo:
        org_services.units_import_csv(text=SMALL_TREE + "X,X,nope,STAD,1,\nY,Y,department,NOPE,1,\n")
    assert excinfo.value.message == "The file has 2 bad rows; nothing was imported."
    assert isinstance(excinfo.value, DomainError)


# --- the import_units command --------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_file(tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_text(SMALL_TREE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_units", str(path), stdout=out, stderr=io.StringIO())
    assert "6 units created, 0 updated." in out.getvalue()
    assert tree_shape()["SBF-BL"] == ("SBF", 5, 45)

    out = io.StringIO()
    call_command("import_units", str(path), stdout=out)
    assert "0 units created, 6 updated." in out.getvalue()
    assert Unit.objects.count() == 6


@pytest.mark.django_db
def test_command_reads_a_file_saved_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_text(SMALL_TREE, encoding="utf-8-sig")
    call_command("import_units", str(path), stdout=io.StringIO())
    assert Unit.objects.count() == 6


@pytest.mark.django_db
def test_command_reports_bad_rows_as_file_line_message(tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_text(
        SMALL_TREE + "SBF-X,Okänd förälder,department,NOPE,10,\nSBF-Y,Konstig,förvaltning,SBF,10,\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as excinfo:
        call_command("import_units", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert lines[0] == f"{path}:8: The parent unit NOPE is unknown."
    assert lines[1].startswith(f"{path}:9: Unknown kind 'förvaltning'")
    assert "2 bad rows" in str(excinfo.value)
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_command_reports_a_missing_column_on_line_one(tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_text("code,name,kind,headcount\nSTAD,Lillstaden,city,10\n", encoding="utf-8")
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_units", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().strip() == f"{path}:1: The header lacks the column(s): parent_code."
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_command_refuses_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_units", str(tmp_path / "finns-inte.csv"))
    dos = tmp_path / "dos.csv"
    dos.write_bytes(SMALL_TREE.encode("cp850"))
    with pytest.raises(CommandError, match="CSV UTF-8"):
        call_command("import_units", str(dos))
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_command_reads_a_file_as_swedish_excel_saves_it(tmp_path):
    path = tmp_path / "enheter.csv"
    path.write_bytes(EXCEL_SWEDISH(SMALL_TREE))
    call_command("import_units", str(path), stdout=io.StringIO())
    assert tree_shape() == EXPECTED_SMALL_TREE


# --- unit files as spreadsheets save them --------------------------------------------------------


def EXCEL_SWEDISH(text: str) -> bytes:  # noqa: N802 - named like the format it makes
    """``text`` as Excel's "CSV (semicolon delimited)" saves it on a Swedish computer: semicolons, CRLF, Windows-1252."""
    return text.replace(",", ";").replace("\n", "\r\n").encode("cp1252")


#: Each way a spreadsheet or editor saves the small tree, as bytes.
SAVED_AS = {
    "utf8": SMALL_TREE.encode(),
    "utf8_bom": b"\xef\xbb\xbf" + SMALL_TREE.encode(),
    "utf8_bom_semicolons_crlf": "\ufeff".encode() + SMALL_TREE.replace(",", ";").replace("\n", "\r\n").encode(),
    "utf8_semicolons": SMALL_TREE.replace(",", ";").encode(),
    "crlf": SMALL_TREE.replace("\n", "\r\n").encode(),
    "excel_swedish_cp1252": EXCEL_SWEDISH(SMALL_TREE),
    "excel_unicode_text": SMALL_TREE.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"),
    "trailing_empty_columns_and_rows": (
        SMALL_TREE.replace(",", ";").replace("\n", ";;\n") + ";;;;;;;\n;;;;;;;\n"
    ).encode("cp1252"),
    "capitalised_header": SMALL_TREE.replace(HEADER, HEADER.title()).encode(),
}

EXPECTED_SMALL_TREE = {
    "STAD": (None, 1, 2000),
    "KF": ("STAD", 2, 61),
    "KS": ("KF", 3, 15),
    "SBF": ("KS", 4, 320),
    "SBF-BL": ("SBF", 5, 45),
    "BOL": ("STAD", 2, 120),
}


@pytest.mark.django_db
@pytest.mark.parametrize("saved_as", list(SAVED_AS))
def test_the_import_reads_the_file_as_it_was_saved(saved_as):
    text = org_services.units_csv_decode(SAVED_AS[saved_as])
    result = org_services.units_import_csv(text=text)
    assert (result.created, result.updated) == (6, 0)
    assert tree_shape() == EXPECTED_SMALL_TREE
    assert Unit.objects.get(code="SBF").name == "Stadsbyggnadsförvaltningen"
    assert Unit.objects.get(code="BOL").sectors == "housing"


@pytest.mark.django_db
def test_a_row_shorter_than_the_header_is_a_bad_row():
    errors = import_errors(HEADER + "STAD,Lillstaden,city,,2000,\nX\n")
    assert (3, "The name is empty.") in errors
    assert any(line == 3 and message.startswith("Unknown kind ''") for line, message in errors)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SMALL_TREE.encode("cp850"), id="dos"),
        pytest.param(SMALL_TREE.encode("mac_roman"), id="old_mac"),
        pytest.param(b"\x00\x81\x8d\x8f\x90\x9d" * 10, id="binary"),
    ],
)
def test_a_file_in_an_encoding_it_cannot_be_sure_of_is_refused_saying_what_to_choose(data):
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        org_services.units_csv_decode(data)
    assert excinfo.value.field == "file"
    assert "“Save as type”" in excinfo.value.message
    assert "CSV UTF-8" in excinfo.value.message


# --- organisation numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("556036-0793", "556036-0793"),
        ("5560360793", "556036-0793"),
        (" 556036 0793 ", "556036-0793"),
        ("212000-0142", "212000-0142"),
        ("202100-5489", "202100-5489"),
    ],
)
def test_valid_org_number_is_accepted_and_formatted(value, expected):
    assert org_services.normalise_org_number(value) == expected


@pytest.mark.parametrize(
    "value", ["556036-0794", "212000-0143", "55603607", "16556036-0793", "556036-07934", "", "org-nummer"]
)
def test_invalid_org_number_is_refused(value):
    with pytest.raises(DomainError) as excinfo:
        org_services.normalise_org_number(value)
    assert excinfo.value.field == "org_number"


@pytest.mark.django_db
def test_supplier_is_found_by_normalised_org_number():
    first = org_services.supplier_get_or_create(name="Byggbolaget AB", org_number="5560360793")
    second = org_services.supplier_get_or_create(name="Byggbolaget i Norr AB", org_number="556036-0793")
    assert first.pk == second.pk
    assert first.org_number == "556036-0793"


# --- people --------------------------------------------------------------------------------------


def test_person_create(tree):
    user = org_services.person_create(
        email="  Lisa.Larsson@Example.SE ",
        name=" Lisa Larsson ",
        kind=PersonKind.EMPLOYEE,
        unit=tree["SDF-S-SKO"],
        password="ett-långt-lösenord",
        language="en",
    )
    user.refresh_from_db()
    assert user.email == "lisa.larsson@example.se"
    assert user.name == "Lisa Larsson"
    assert user.kind == PersonKind.EMPLOYEE
    assert user.unit == tree["SDF-S-SKO"]
    assert user.language == "en"
    assert user.check_password("ett-långt-lösenord")


@pytest.mark.parametrize("again", ["lisa@example.se", "LISA@example.se", "  Lisa@Example.se  "])
def test_person_create_refuses_duplicates(tree, again):
    org_services.person_create(email="lisa@example.se", name="Lisa", kind=PersonKind.EMPLOYEE, unit=tree["SDF-S-SKO"])
    with pytest.raises(DomainError) as excinfo:
        org_services.person_create(email=again, name="Lisa igen", kind=PersonKind.EMPLOYEE, unit=tree["SDF-N"])
    assert excinfo.value.field == "email"
    assert User.objects.filter(email="lisa@example.se").count() == 1


def test_person_create_checks_kind_requirements(tree):
    with pytest.raises(DomainError) as excinfo:
        org_services.person_create(email="anstalld@example.se", name="Anställd utan enhet", kind=PersonKind.EMPLOYEE)
    assert excinfo.value.field == "unit"
    with pytest.raises(DomainError) as excinfo:
        org_services.person_create(email="lev@example.se", name="Leverantör", kind=PersonKind.SUPPLIER)
    assert excinfo.value.field == "supplier"
    resident = org_services.person_create(email="invanare@example.se", name="Ivar", kind=PersonKind.RESIDENT)
    assert resident.unit is None
    assert User.objects.count() == 1


# --- API tokens ----------------------------------------------------------------------------------


def test_api_token_create_and_authenticate(tree):
    user = factories.person(unit=tree["SDF-N"])
    token, key = org_services.api_token_create(user=user, name="  Rapportverktyget ")
    assert token.name == "Rapportverktyget"
    assert token.prefix == key[:8]
    assert len(key) >= 32
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in stored.key_hash  # only a hash is kept
    assert stored.last_used_at is None

    assert org_services.api_token_authenticate(key) == user
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None
    assert org_services.api_token_authenticate(key) == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use  # not written on every call

    assert org_services.api_token_authenticate(key + "x") is None
    assert org_services.api_token_authenticate("") is None


def test_api_token_last_use_is_refreshed_after_a_while(tree):
    user = factories.person(unit=tree["SDF-N"])
    token, key = org_services.api_token_create(user=user, name="Integration")
    long_ago = timezone.now() - timedelta(hours=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    org_services.api_token_authenticate(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > long_ago


def test_api_tokens_are_distinct(tree):
    user = factories.person(unit=tree["SDF-N"])
    _first, key_one = org_services.api_token_create(user=user, name="Ett")
    other = factories.person(unit=tree["SDF-S"])
    _second, key_two = org_services.api_token_create(user=other, name="Två")
    assert key_one != key_two
    assert org_services.api_token_authenticate(key_one) == user
    assert org_services.api_token_authenticate(key_two) == other


def test_api_token_needs_a_name(tree):
    user = factories.person(unit=tree["SDF-N"])
    with pytest.raises(DomainError) as excinfo:
        org_services.api_token_create(user=user, name="   ")
    assert excinfo.value.field == "name"
    assert not ApiToken.objects.exists()


def test_revoked_token_no_longer_authenticates(tree):
    user = factories.person(unit=tree["SDF-N"])
    token, key = org_services.api_token_create(user=user, name="Gammal")
    _other, other_key = org_services.api_token_create(user=user, name="Ny")
    org_services.api_token_revoke(token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert org_services.api_token_authenticate(key) is None
    assert org_services.api_token_authenticate(other_key) == user


def test_token_of_an_inactive_person_does_not_authenticate(tree):
    user = factories.person(unit=tree["SDF-N"])
    _token, key = org_services.api_token_create(user=user, name="Integration")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert org_services.api_token_authenticate(key) is None
