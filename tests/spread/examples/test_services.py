import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from calls import services as call_services
from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError
from core.models import Notification
from spread.examples import services
from spread.models import Example, ExampleStatus, ExampleVisibility
from tests import factories
from tests.calls.conftest import CLOSES, DURING, OPENS
from tests.spread.examples.conftest import TEXTS, implemented_idea


def test_the_office_publishes_an_idea_as_an_internal_example(people, idea_in_practice):
    example = services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], **TEXTS)
    assert example.status == ExampleStatus.PUBLISHED
    assert example.visibility == ExampleVisibility.INTERNAL
    assert example.owner == people["employee"]
    assert example.unit == idea_in_practice.unit
    assert example.value_economic and example.value_environmental and not example.value_social
    assert " elcykl " in example.search_stems
    # The author, the owner, is told and decides about publishing outside the city.
    assert Notification.objects.filter(recipient=people["employee"], url=example.get_absolute_url()).exists()


def test_the_author_publishes_with_consent_and_files(people, idea_in_practice):
    upload = SimpleUploadedFile("checklista.txt", "Checklista för cyklarna.\n".encode(), content_type="text/plain")
    example = services.example_publish_from_idea(
        idea=idea_in_practice,
        by=people["employee"],
        public_consent=True,
        attachments=[upload],
        contact=people["manager"].email,
        **TEXTS,
    )
    assert example.visibility == ExampleVisibility.PUBLIC
    assert example.public_consent_by == people["employee"]
    assert example.contact == people["manager"]
    assert [f.original_name for f in example.files.all()] == ["checklista.txt"]


def test_only_the_author_consents(people, idea_in_practice):
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], public_consent=True, **TEXTS)
    assert refused.value.field == "public_consent"


def test_an_idea_not_in_practice_or_not_assessed_is_refused(people):
    new = factories.idea(author=people["employee"])
    with pytest.raises(PermissionDeniedError):
        services.example_publish_from_idea(idea=new, by=people["office"], **TEXTS)
    unassessed = implemented_idea(people, title="Utan bedömning", assessed=False)
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(idea=unassessed, by=people["office"], **TEXTS)
    assert refused.value.code == ErrorCode.INCOMPLETE
    assert not Example.objects.exists()


@pytest.mark.parametrize("role", ["other_office", "colleague", "coach", "resident"])
def test_others_may_not_publish(people, idea_in_practice, role):
    with pytest.raises(PermissionDeniedError):
        services.example_publish_from_idea(idea=idea_in_practice, by=people[role], **TEXTS)


def test_an_idea_is_published_once(people, example):
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(idea=example.idea, by=people["director"], **TEXTS)
    assert refused.value.code == ErrorCode.STATE


@pytest.mark.parametrize(
    ("field", "changes"),
    [("title", {"title": " "}), ("effect", {"effect": ""}), ("values", {"values": []}), ("kind", {"kind": "x"})],
)
def test_missing_or_wrong_input_names_its_field(people, idea_in_practice, field, changes):
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], **{**TEXTS, **changes})
    assert refused.value.field == field
    assert not Example.objects.exists()


def test_a_contact_who_is_not_staff_is_refused(people, idea_in_practice):
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(
            idea=idea_in_practice, by=people["office"], contact=people["resident"].email, **TEXTS
        )
    assert refused.value.field == "contact"


def test_a_refused_file_saves_nothing(people, idea_in_practice):
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(DomainError) as refused:
        services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], attachments=[bad], **TEXTS)
    assert refused.value.field == "attachments"
    assert not Example.objects.exists()


def test_edit_keeps_stems_and_refuses_an_old_version(people, example):
    edited = services.example_update(
        example=example, by=people["employee"], expected_version=example.version, title="Elcyklar och lastcyklar"
    )
    assert edited.version == example.version + 1
    assert " lastcykl" in edited.search_stems
    with pytest.raises(ConflictError):
        services.example_update(
            example=example, by=people["office"], expected_version=example.version, title="Gammal version"
        )
    assert Example.objects.get(pk=example.pk).title == "Elcyklar och lastcyklar"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("employee", True),
        ("office", True),
        ("director", True),
        ("other_office", False),
        ("colleague", False),
        ("resident", False),
    ],
)
def test_who_may_edit(people, example, role, allowed):
    if allowed:
        services.example_update(example=example, by=people[role], expected_version=example.version, cost="50 000 kr")
    else:
        with pytest.raises(PermissionDeniedError):
            services.example_update(example=example, by=people[role], expected_version=example.version, cost="x")


def test_unpublish_keeps_the_example_and_republish_puts_it_back(people, example):
    out = services.example_unpublish(example=example, by=people["office"], expected_version=example.version)
    assert out.status == ExampleStatus.UNPUBLISHED
    with pytest.raises(DomainError):
        services.example_unpublish(example=out, by=people["office"], expected_version=out.version)
    back = services.example_republish(example=out, by=people["employee"], expected_version=out.version)
    assert back.status == ExampleStatus.PUBLISHED


def test_only_the_owner_consents_and_withdraws(people, example):
    with pytest.raises(PermissionDeniedError):
        services.example_consent(example=example, by=people["office"], expected_version=example.version)
    public = services.example_consent(example=example, by=people["employee"], expected_version=example.version)
    assert public.visibility == ExampleVisibility.PUBLIC
    assert public.public_consent_by == people["employee"] and public.public_consent_at is not None
    internal = services.example_withdraw_consent(example=public, by=people["employee"], expected_version=public.version)
    assert internal.visibility == ExampleVisibility.INTERNAL
    assert internal.public_consent_at is None and internal.public_consent_by is None


def _awarded(people):
    chair = factories.person(unit=people["colleague"].unit, name="Carl Chair")
    award = factories.quality_award(
        by=people["director"], chair=chair, classes=("Äldreomsorg",), opens_at=OPENS, closes_at=CLOSES, year=2026
    )
    entry = factories.award_entry(
        award,
        by=people["director"],
        unit=people["manager"].unit,
        klass="Äldreomsorg",
        title="Trygg natt i hemtjänsten",
        juror=chair,
        score=5,
        now=DURING,
    )
    return entry, chair


def _decide(entry, chair, granted):
    call_services.decision_record(application=entry, by=chair, granted=granted, justification="Tydliga resultat.")


def test_an_awarded_entry_becomes_a_proposed_example_the_city_office_confirms(people):
    entry, chair = _awarded(people)
    _decide(entry, chair, True)
    proposed = Example.objects.get(application=entry)
    assert proposed.status == ExampleStatus.PROPOSED
    assert proposed.title == "Trygg natt i hemtjänsten"
    assert proposed.owner == people["director"] and proposed.unit == people["manager"].unit
    with pytest.raises(PermissionDeniedError):
        services.example_confirm(
            example=proposed, by=people["office"], expected_version=proposed.version, effect="Bra", values=["social"]
        )
    with pytest.raises(DomainError) as refused:
        services.example_confirm(example=proposed, by=people["director"], expected_version=proposed.version)
    assert refused.value.field == "effect"
    confirmed = services.example_confirm(
        example=proposed,
        by=people["director"],
        expected_version=proposed.version,
        effect="Färre larm under natten.",
        values=["social"],
        kind="service",
    )
    assert confirmed.status == ExampleStatus.PUBLISHED and confirmed.published_by == people["director"]
    assert confirmed.contact == people["director"]


def test_an_entry_not_awarded_proposes_nothing(people):
    entry, chair = _awarded(people)
    _decide(entry, chair, False)
    assert not Example.objects.exists()
    assert services.example_propose_from_application(application=entry) is None


def test_proposing_twice_makes_one_example(people):
    entry, chair = _awarded(people)
    _decide(entry, chair, True)
    assert services.example_propose_from_application(application=entry) is None
    assert Example.objects.count() == 1


def test_unpublishing_keeps_the_adoptions(people, example):
    from django.utils import timezone

    from spread.models import Adoption

    adoption = Adoption.objects.create(
        example=example, unit=people["colleague"].unit, started_by=people["colleague"], start_date=timezone.localdate()
    )
    services.example_unpublish(example=example, by=people["office"], expected_version=example.version)
    assert Adoption.objects.filter(pk=adoption.pk, example=example).exists()
