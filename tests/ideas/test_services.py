"""The services of the ideas app, called directly, with data set up through the same services."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from ideas import lock, selectors
from ideas import services as idea_services
from ideas.lessons import lessons_required
from ideas.lock import Stage
from ideas.models import Assessment, Attachment, Comment, Follow, GateDecision, Idea, Novelty, Source, Support
from organisation.models import Role
from sample_data.demo.spread_examples_for_ideas import publish_example
from tests import factories

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=STOCKHOLM)


def submit_kwargs(**overrides) -> dict:
    data = {**factories.IDEA_TEXT, "kind": "process", "values": ["economic"]}
    data.update(overrides)
    return data


def full_checklist(source: str, target: str) -> dict[str, bool]:
    gate = lock.gate_for(source, target)
    return {item.key: True for item in (gate.checklist if gate else ())}


#: How to bring a new idea to each stage through allowed gates.
PATH_TO = {
    Stage.IDEA: (),
    Stage.PRESTUDY: (Stage.PRESTUDY,),
    Stage.PILOT: (Stage.PILOT,),
    Stage.IMPLEMENTATION: (Stage.PILOT, Stage.IMPLEMENTATION),
    Stage.SPREAD: (Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD),
    Stage.PARKED: (Stage.PARKED,),
    Stage.CLOSED: (Stage.CLOSED,),
}


def idea_in(stage: str, *, author, by, **idea_kwargs) -> Idea:
    idea = factories.idea(author=author, **idea_kwargs)
    for target in PATH_TO[stage]:
        extra = {"parked_until": timezone.localdate() + timedelta(days=90)} if target == Stage.PARKED else {}
        factories.move(idea, by=by, to=target, **extra)
    return idea


def png_bytes() -> bytes:
    """A valid one-pixel PNG."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


# --- idea_submit -------------------------------------------------------------------------------


def test_submit_registers_idea_in_first_stage(people, tree):
    author = people["employee"]
    idea = idea_services.idea_submit(
        author=author, unit=tree["SDF-N-ALD-1"], **submit_kwargs(values=["economic", "environmental"])
    )
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA
    assert idea.author == author
    assert idea.unit == tree["SDF-N-ALD-1"]
    assert idea.title == "Digitala lås i hemtjänsten"
    assert (idea.value_economic, idea.value_social, idea.value_environmental) == (True, False, True)
    assert idea.source == Source.EMPLOYEE
    assert idea.answered_at is None
    assert idea.answer_due_at > idea.created_at
    assert idea.version == 1


def test_submit_strips_text(people):
    idea = factories.idea(author=people["employee"], title="   Cykelpool för hemtjänsten  ")
    assert Idea.objects.get(pk=idea.pk).title == "Cykelpool för hemtjänsten"


@pytest.mark.parametrize("field", idea_services.TEXT_FIELDS)
@pytest.mark.parametrize("value", ["", "   \n "])
def test_submit_requires_every_text_field(people, field, value):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], **{field: value})
    assert excinfo.value.field == field
    assert not Idea.objects.exists()


def test_submit_refuses_too_long_title(people):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], title="Ö" * 201)
    assert excinfo.value.field == "title"
    assert not Idea.objects.exists()


@pytest.mark.parametrize("kind", ["", "invention", "Process"])
def test_submit_refuses_unknown_kind(people, kind):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], kind=kind)
    assert excinfo.value.field == "kind"
    assert not Idea.objects.exists()


@pytest.mark.parametrize("values", [[], ["economic", "happiness"], ["magic"]])
def test_submit_refuses_missing_or_unknown_values(people, values):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], values=values)
    assert excinfo.value.field == "values"
    assert not Idea.objects.exists()


def test_submit_refuses_unknown_source_and_visibility(people):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], source="rumour")
    assert excinfo.value.field == "source"
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], visibility="secret")
    assert excinfo.value.field == "visibility"
    assert not Idea.objects.exists()


@pytest.mark.parametrize("code", ["CITY", "KS", "SDN-N"])
def test_submit_refuses_city_and_committee_units(people, tree, code):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], unit=tree[code])
    assert excinfo.value.field == "unit"
    assert not Idea.objects.exists()


def test_submit_accepts_administration_and_department(people, tree):
    assert factories.idea(author=people["employee"], unit=tree["SDF-N"]).unit == tree["SDF-N"]
    assert factories.idea(author=people["employee"], unit=tree["SDF-S-SKO"]).unit == tree["SDF-S-SKO"]


def test_resident_source_is_forced_to_resident(people, tree):
    idea = factories.idea(author=people["resident"], unit=tree["SDF-N-ALD-1"], source=Source.EMPLOYEE)
    assert Idea.objects.get(pk=idea.pk).source == Source.RESIDENT


def test_supplier_source_is_forced_to_supplier(people, tree):
    idea = factories.idea(author=people["supplier"], unit=tree["SDF-N-ALD-1"], source=Source.UNIVERSITY)
    assert Idea.objects.get(pk=idea.pk).source == Source.SUPPLIER


def test_staff_may_register_on_someone_elses_behalf(people):
    idea = factories.idea(author=people["employee"], source=Source.UNIVERSITY)
    assert idea.source == Source.UNIVERSITY


def test_default_source_follows_the_person(people):
    assert factories.idea(author=people["employee"]).source == Source.EMPLOYEE
    assert factories.idea(author=people["manager"]).source == Source.MANAGER


def test_submit_notifies_the_office_above_the_unit(people):
    idea = factories.idea(author=people["employee"])
    recipients = set(Notification.objects.values_list("recipient__name", flat=True))
    # The office of Norra stadsdelsförvaltningen and the director above all; not the south's office.
    assert recipients == {"Olle Kontor", "Diana Direktör"}
    note = Notification.objects.get(recipient=people["office"])
    assert "Digitala lås i hemtjänsten" in note.message
    assert "Björkens äldreboende" in note.message
    assert note.url == idea.get_absolute_url()


def test_submit_by_the_office_does_not_notify_the_author(people):
    factories.idea(author=people["office"], unit=people["employee"].unit)
    assert not Notification.objects.filter(recipient=people["office"]).exists()
    assert Notification.objects.filter(recipient=people["director"]).count() == 1


def test_submit_without_office_notice(people):
    factories.idea(author=people["employee"], notify_office=False)
    assert not Notification.objects.exists()


def test_author_follows_own_idea(people):
    idea = factories.idea(author=people["employee"])
    assert list(Follow.objects.filter(idea=idea).values_list("user", flat=True)) == [people["employee"].pk]


def test_submit_sets_co_authors_without_the_author(people):
    idea = factories.idea(author=people["employee"], co_authors=[people["employee"], people["colleague"]])
    assert list(idea.co_authors.all()) == [people["colleague"]]


def test_submit_with_created_time(people):
    when = at(2025, 3, 3)
    idea = factories.idea(author=people["employee"], now=when)
    idea.refresh_from_db()
    assert idea.created_at == when
    assert idea.stage_changed_at == when
    assert idea.answer_due_at == when + timedelta(days=30)


# --- gate_decide: the lock's gates ------------------------------------------------------------------


@pytest.mark.parametrize("gate", lock.GATES, ids=lambda g: f"{g.source}-{g.target}")
def test_every_gate_moves_and_records_the_decision(people, gate):
    office = people["office"]
    idea = idea_in(gate.source, author=people["employee"], by=office)
    decisions_before = GateDecision.objects.filter(idea=idea).count()
    version_before = idea.version
    extra = {}
    if gate.target == Stage.CLOSED:
        extra["closed_reason"] = "too_costly"
    if gate.target == Stage.PARKED:
        extra["parked_until"] = timezone.localdate() + timedelta(days=60)
    checklist = {item.key: True for item in gate.checklist}
    if lessons_required(gate.source, gate.target, parked_from=idea.parked_from):
        extra["lessons"] = [factories.DEFAULT_LESSON]
    if gate.target == Stage.SPREAD:
        publish_example(idea, at=timezone.now())

    decision = idea_services.gate_decide(
        idea=idea,
        decided_by=office,
        to_stage=gate.target,
        rationale="  Nämnden har fattat beslut.  ",
        checklist=checklist,
        **extra,
    )

    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == gate.target
    assert idea.stage == gate.target
    assert stored.version == version_before + 1 == idea.version
    assert GateDecision.objects.filter(idea=idea).count() == decisions_before + 1
    decision.refresh_from_db()
    assert decision.idea_id == idea.pk
    assert decision.from_stage == gate.source
    assert decision.to_stage == gate.target
    assert decision.decided_by == office
    assert decision.rationale == "Nämnden har fattat beslut."
    assert decision.checklist == checklist
    if gate.target == Stage.CLOSED:
        assert stored.closed_reason == "too_costly"
    if gate.target == Stage.PARKED:
        assert stored.parked_from == gate.source
        assert stored.parked_until == timezone.localdate() + timedelta(days=60)


def test_optional_checklist_item_is_recorded_as_false(people):
    idea = factories.idea(author=people["employee"])
    decision = idea_services.gate_decide(
        idea=idea,
        decided_by=people["office"],
        to_stage=Stage.PRESTUDY,
        rationale="Tydligt behov.",
        checklist={"need_clear": True, "owner_named": True, "unknown_key": True},
    )
    assert decision.checklist == {"need_clear": True, "owner_named": True, "users_involved": False}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Stage.IDEA, Stage.IMPLEMENTATION),
        (Stage.IDEA, Stage.SPREAD),
        (Stage.IDEA, Stage.IDEA),
        (Stage.PRESTUDY, Stage.IDEA),
        (Stage.PILOT, Stage.PRESTUDY),
        (Stage.PILOT, Stage.SPREAD),
        (Stage.IMPLEMENTATION, Stage.PILOT),
        (Stage.CLOSED, Stage.IDEA),
        (Stage.CLOSED, Stage.PRESTUDY),
        (Stage.CLOSED, Stage.PARKED),
        (Stage.CLOSED, Stage.CLOSED),
        (Stage.PARKED, Stage.PARKED),
        (Stage.IDEA, "nowhere"),
    ],
)
def test_disallowed_transition_is_refused(people, source, target):
    idea = idea_in(source, author=people["employee"], by=people["office"])
    decisions_before = GateDecision.objects.count()
    version_before = Idea.objects.get(pk=idea.pk).version
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea,
            decided_by=people["office"],
            to_stage=target,
            rationale="Vi försöker ändå.",
            checklist={key: True for gate in lock.GATES for key in (i.key for i in gate.checklist)},
            closed_reason="other",
            parked_until=timezone.localdate() + timedelta(days=10),
        )
    assert excinfo.value.field == "to_stage"
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == source
    assert stored.version == version_before
    assert GateDecision.objects.count() == decisions_before


def test_disallowed_transition_names_the_stages(people):
    idea = factories.idea(author=people["employee"])
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        factories.move(idea, by=people["office"], to=Stage.IMPLEMENTATION)
    assert excinfo.value.message == "An idea in the idea stage can't be moved to implementation."


def test_a_parked_idea_is_refused_in_plain_words(people):
    idea = idea_in(Stage.PARKED, author=people["employee"], by=people["office"])
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        factories.move(idea, by=people["office"], to=Stage.SPREAD)
    assert excinfo.value.message == "A parked idea can't be moved to spread."


@pytest.mark.parametrize("missing", ["need_clear", "owner_named"])
def test_missing_required_checklist_item_is_refused(people, missing):
    idea = factories.idea(author=people["employee"])
    checklist = full_checklist(Stage.IDEA, Stage.PRESTUDY)
    checklist[missing] = False
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea, decided_by=people["office"], to_stage=Stage.PRESTUDY, rationale="Bra idé.", checklist=checklist
        )
    assert excinfo.value.field == "checklist"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA
    assert not GateDecision.objects.exists()


def test_missing_checklist_names_the_missing_items(people):
    idea = factories.idea(author=people["employee"])
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea,
            decided_by=people["office"],
            to_stage=Stage.PILOT,
            rationale="Pilot direkt.",
            checklist={"success_measures": True},
        )
    assert "Time and money for the pilot are set aside" in excinfo.value.message
    assert "Risks, personal data and safety are considered" in excinfo.value.message
    assert "How success will be measured" not in excinfo.value.message


def test_no_checklist_at_all_is_refused_where_the_gate_has_one(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(idea=idea, decided_by=people["office"], to_stage=Stage.PRESTUDY, rationale="Ja.")
    assert excinfo.value.field == "checklist"


@pytest.mark.parametrize("rationale", ["", "   ", None])
def test_empty_rationale_is_refused(people, rationale):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea,
            decided_by=people["office"],
            to_stage=Stage.PRESTUDY,
            rationale=rationale,
            checklist=full_checklist(Stage.IDEA, Stage.PRESTUDY),
        )
    assert excinfo.value.field == "rationale"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA
    assert not GateDecision.objects.exists()


@pytest.mark.parametrize("reason", ["", "  "])
def test_closing_needs_a_reason(people, reason):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea, decided_by=people["office"], to_stage=Stage.CLOSED, rationale="Stängs.", closed_reason=reason
        )
    assert excinfo.value.field == "closed_reason"
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == Stage.IDEA
    assert stored.answered_at is None
    assert not GateDecision.objects.exists()


@pytest.mark.parametrize("days", [None, 0, -1])
def test_parking_needs_a_future_date(people, days):
    idea = factories.idea(author=people["employee"])
    until = None if days is None else timezone.localdate() + timedelta(days=days)
    with pytest.raises(DomainError) as excinfo:
        idea_services.gate_decide(
            idea=idea, decided_by=people["office"], to_stage=Stage.PARKED, rationale="Vänta.", parked_until=until
        )
    assert excinfo.value.field == "parked_until"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA
    assert not GateDecision.objects.exists()


def test_parking_date_is_judged_against_the_decision_time(people):
    idea = factories.idea(author=people["employee"], now=at(2025, 1, 10))
    factories.move(idea, by=people["office"], to=Stage.PARKED, parked_until=date(2025, 2, 1), now=at(2025, 1, 20))
    assert Idea.objects.get(pk=idea.pk).parked_until == date(2025, 2, 1)


def test_resuming_from_parked_returns_to_the_stage_it_was_parked_in(people):
    office = people["office"]
    idea = idea_in(Stage.PILOT, author=people["employee"], by=office)
    factories.move(idea, by=office, to=Stage.PARKED, parked_until=timezone.localdate() + timedelta(days=30))
    stored = Idea.objects.get(pk=idea.pk)
    assert (stored.stage, stored.parked_from) == (Stage.PARKED, Stage.PILOT)
    assert lock.targets_from(stored.stage, parked_from=stored.parked_from)[0] == Stage.PILOT

    # It cannot come back somewhere else than where it was parked.
    for elsewhere in (Stage.IDEA, Stage.PRESTUDY, Stage.IMPLEMENTATION):
        with pytest.raises(DomainError) as excinfo:
            idea_services.gate_decide(
                idea=idea,
                decided_by=office,
                to_stage=elsewhere,
                rationale="Åter.",
                checklist={k: True for g in lock.GATES for k in (i.key for i in g.checklist)},
            )
        assert excinfo.value.field == "to_stage"

    decision = idea_services.gate_decide(
        idea=idea, decided_by=office, to_stage=Stage.PILOT, rationale="Budget finns nu."
    )
    assert (decision.from_stage, decision.to_stage) == (Stage.PARKED, Stage.PILOT)
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == Stage.PILOT
    assert stored.parked_from == ""
    assert stored.parked_until is None


def test_closing_a_parked_idea_clears_the_parking(people):
    idea = idea_in(Stage.PARKED, author=people["employee"], by=people["office"])
    factories.move(idea, by=people["office"], to=Stage.CLOSED)
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == Stage.CLOSED
    assert stored.parked_from == ""
    assert stored.parked_until is None


def test_answered_at_is_set_on_the_first_decision_only(people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], now=at(2025, 1, 2))
    assert idea.answered_at is None
    first = at(2025, 1, 15)
    factories.move(idea, by=office, to=Stage.PRESTUDY, now=first)
    assert Idea.objects.get(pk=idea.pk).answered_at == first
    factories.move(idea, by=office, to=Stage.PILOT, now=at(2025, 3, 1))
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.answered_at == first
    assert stored.stage_changed_at == at(2025, 3, 1)


def test_stale_version_is_a_conflict_and_writes_nothing(people):
    office, manager = people["office"], people["manager"]
    idea = factories.idea(author=people["employee"])
    seen_by_manager = Idea.objects.get(pk=idea.pk)
    factories.move(idea, by=office, to=Stage.PRESTUDY, expected_version=1)
    notes_before = Notification.objects.count()

    with pytest.raises(ConflictError) as excinfo:
        idea_services.gate_decide(
            idea=seen_by_manager,
            decided_by=manager,
            to_stage=Stage.CLOSED,
            rationale="Stäng.",
            closed_reason="duplicate",
            expected_version=seen_by_manager.version,
        )
    assert excinfo.value.code == "conflict"
    assert isinstance(excinfo.value, DomainError)
    stored = Idea.objects.get(pk=idea.pk)
    assert stored.stage == Stage.PRESTUDY
    assert stored.closed_reason == ""
    assert stored.version == 2
    assert GateDecision.objects.filter(idea=idea).count() == 1
    assert Notification.objects.count() == notes_before


def test_stale_stage_is_a_conflict(people):
    idea = factories.idea(author=people["employee"])
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    with pytest.raises(ConflictError):
        factories.move(idea, by=people["manager"], to=Stage.PILOT, expected_stage=Stage.IDEA)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PRESTUDY
    assert GateDecision.objects.filter(idea=idea).count() == 1


def test_current_version_is_accepted(people):
    idea = factories.idea(author=people["employee"])
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY, expected_version=1, expected_stage=Stage.IDEA)
    factories.move(idea, by=people["office"], to=Stage.PILOT, expected_version=2, expected_stage=Stage.PRESTUDY)
    assert Idea.objects.get(pk=idea.pk).version == 3


def test_stale_version_on_edit_is_a_conflict_and_writes_nothing(people):
    idea = factories.idea(author=people["employee"])
    seen = Idea.objects.get(pk=idea.pk)
    idea_services.idea_update(idea=idea, by=people["employee"], expected_version=1, title="Nyckelfria lås")
    with pytest.raises(ConflictError):
        idea_services.idea_update(idea=seen, by=people["office"], expected_version=seen.version, title="Annan titel")
    stored = Idea.objects.get(pk=idea.pk)
    assert (stored.title, stored.version) == ("Nyckelfria lås", 2)


@pytest.mark.parametrize("who", ["employee", "colleague", "resident", "supplier", "coach", "other_office"])
def test_only_deciders_may_decide(people, who):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(PermissionDeniedError):
        factories.move(idea, by=people[who], to=Stage.PRESTUDY)
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA
    assert not GateDecision.objects.exists()


@pytest.mark.parametrize("who", ["office", "manager", "director"])
def test_deciders_may_decide(people, who):
    idea = factories.idea(author=people["employee"])
    decision = factories.move(idea, by=people[who], to=Stage.PRESTUDY)
    assert decision.decided_by == people[who]


# --- notifications on a decision -----------------------------------------------------------------


def test_decision_notifies_author_and_followers_in_their_own_language(people):
    author, follower, office = people["employee"], people["colleague"], people["office"]
    follower.language = "en"
    follower.save(update_fields=["language"])
    idea = factories.idea(author=author)
    idea_services.follow_toggle(idea=idea, user=follower)
    Notification.objects.all().delete()

    factories.move(idea, by=office, to=Stage.PRESTUDY)

    notes = {n.recipient_id: n for n in Notification.objects.all()}
    assert set(notes) == {author.pk, follower.pk}  # the decider is not told of their own decision
    assert notes[follower.pk].message == "“Digitala lås i hemtjänsten” goes on to a pre-study."
    with translation.override("sv"):
        swedish = str(idea_services.GATE_MESSAGES[Stage.PRESTUDY] % {"title": "Digitala lås i hemtjänsten"})
    assert notes[author.pk].message == swedish
    assert notes[author.pk].url == idea.get_absolute_url()


def test_decision_notifies_coach_and_co_authors(people):
    idea = factories.idea(author=people["employee"], co_authors=[people["colleague"]])
    idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    Notification.objects.all().delete()
    factories.move(idea, by=people["manager"], to=Stage.CLOSED)
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {people["employee"].pk, people["colleague"].pk, people["coach"].pk}


def test_decision_mail_is_sent_on_commit(people, mailoutbox, django_capture_on_commit_callbacks, settings):
    author, follower = people["employee"], people["colleague"]
    follower.language = "en"
    follower.save(update_fields=["language"])
    idea = factories.idea(author=author, notify_office=False)
    idea_services.follow_toggle(idea=idea, user=follower)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.move(idea, by=people["office"], to=Stage.PILOT)
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 2  # the mail, and the gate decisions' version moved on (core.public_cache)

    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {author.email, follower.email}
    english = by_recipient[follower.email]
    assert english.subject == "[Språng] “Digitala lås i hemtjänsten” goes on to a pilot."
    assert f"{settings.SPRANG_SITE_URL}{idea.get_absolute_url()}" in english.body


def test_no_mail_for_people_who_opted_out(people, mailoutbox, django_capture_on_commit_callbacks):
    author = people["employee"]
    author.email_notifications = False
    author.save(update_fields=["email_notifications"])
    idea = factories.idea(author=author, notify_office=False)
    with django_capture_on_commit_callbacks(execute=True):
        factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=author).count() == 1


def test_no_mail_when_the_decision_is_refused(people, mailoutbox, django_capture_on_commit_callbacks):
    idea = factories.idea(author=people["employee"], notify_office=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(DomainError):
        factories.move(idea, by=people["office"], to=Stage.SPREAD, example=False)
    assert callbacks == []
    assert mailoutbox == []


# --- coach_assign --------------------------------------------------------------------------------


def test_coach_is_assigned_and_follows(people):
    idea = factories.idea(author=people["employee"])
    idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    assert Idea.objects.get(pk=idea.pk).coach == people["coach"]
    assert Follow.objects.filter(idea=idea, user=people["coach"]).exists()
    assert Notification.objects.filter(recipient=people["coach"], message__contains="Cecilia Coach").exists()


def test_coach_can_be_removed(people):
    idea = factories.idea(author=people["employee"])
    idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    idea_services.coach_assign(idea=idea, coach=None, by=people["office"])
    assert Idea.objects.get(pk=idea.pk).coach is None


def test_non_coach_is_refused(people):
    idea = factories.idea(author=people["employee"])
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        idea_services.coach_assign(idea=idea, coach=people["colleague"], by=people["office"])
    assert excinfo.value.field == "coach"
    assert excinfo.value.message == "Kalle Kollega is not an innovation coach."
    assert Idea.objects.get(pk=idea.pk).coach is None


def test_coach_at_capacity_is_refused_with_a_clear_message(people, tree):
    coach = factories.person(unit=tree["SDF-N"], role=Role.COACH, capacity=2, name="Klara Kapacitet")
    first = factories.idea(author=people["employee"], title="Första idén")
    second = factories.idea(author=people["employee"], title="Andra idén")
    third = factories.idea(author=people["employee"], title="Tredje idén")
    idea_services.coach_assign(idea=first, coach=coach, by=people["office"])
    idea_services.coach_assign(idea=second, coach=coach, by=people["office"])

    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        idea_services.coach_assign(idea=third, coach=coach, by=people["office"])
    assert excinfo.value.field == "coach"
    assert excinfo.value.message == (
        "Klara Kapacitet already supports 2 ideas, which is their capacity. Choose another coach."
    )
    assert Idea.objects.get(pk=third.pk).coach is None

    # Reassigning an idea the coach already has does not count against them.
    idea_services.coach_assign(idea=second, coach=coach, by=people["office"])

    # A closed idea frees a place.
    factories.move(first, by=people["office"], to=Stage.CLOSED)
    idea_services.coach_assign(idea=third, coach=coach, by=people["office"])
    assert Idea.objects.get(pk=third.pk).coach == coach


@pytest.mark.parametrize("who", ["employee", "manager", "coach", "other_office"])
def test_only_office_or_director_assigns_coaches(people, who):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(PermissionDeniedError):
        idea_services.coach_assign(idea=idea, coach=people["coach"], by=people[who])


# --- assessment_record and innovation counts --------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.IDEA, Stage.PRESTUDY, Stage.PILOT, Stage.PARKED, Stage.CLOSED])
def test_assessment_is_refused_before_implementation(people, stage):
    idea = idea_in(stage, author=people["employee"], by=people["office"])
    with pytest.raises(DomainError):
        idea_services.assessment_record(
            idea=idea,
            assessed_by=people["office"],
            novelty=Novelty.CITY,
            value_evidence="Sparar tid.",
            in_use=True,
            used_by="Hemtjänst Norra",
        )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("stage", [Stage.IMPLEMENTATION, Stage.SPREAD])
def test_assessment_is_recorded_from_implementation_on(people, stage):
    idea = idea_in(stage, author=people["employee"], by=people["office"])
    assessment = idea_services.assessment_record(
        idea=idea,
        assessed_by=people["office"],
        novelty=Novelty.CITY,
        value_evidence="  Sparar 20 min per pass. ",
        in_use=True,
        used_by=" Hemtjänst Norra ",
        value_figures=" 20 min ",
    )
    assessment.refresh_from_db()
    assert assessment.is_innovation is True
    assert assessment.value_evidence == "Sparar 20 min per pass."
    assert assessment.used_by == "Hemtjänst Norra"
    assert assessment.value_figures == "20 min"
    assert assessment.assessed_by == people["office"]


@pytest.mark.parametrize(
    ("novelty", "in_use", "expected"),
    [
        (Novelty.NONE, True, False),
        (Novelty.NONE, False, False),
        (Novelty.UNIT, False, False),
        (Novelty.UNIT, True, True),
        (Novelty.CITY, True, True),
        (Novelty.PUBLIC_SECTOR, True, True),
        (Novelty.PUBLIC_SECTOR, False, False),
    ],
)
def test_is_innovation_needs_novelty_and_use(people, novelty, in_use, expected):
    idea = idea_in(Stage.IMPLEMENTATION, author=people["employee"], by=people["office"])
    assessment = idea_services.assessment_record(
        idea=idea,
        assessed_by=people["manager"],
        novelty=novelty,
        value_evidence="Nöjdare brukare.",
        in_use=in_use,
        used_by="Björkens äldreboende" if in_use else "",
    )
    assert Assessment.objects.get(pk=assessment.pk).is_innovation is expected


def test_used_by_is_required_when_in_use(people):
    idea = idea_in(Stage.IMPLEMENTATION, author=people["employee"], by=people["office"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.assessment_record(
            idea=idea,
            assessed_by=people["office"],
            novelty=Novelty.UNIT,
            value_evidence="Bra.",
            in_use=True,
            used_by="  ",
        )
    assert excinfo.value.field == "used_by"
    assert not Assessment.objects.exists()


def test_assessment_validates_novelty_and_evidence(people):
    idea = idea_in(Stage.IMPLEMENTATION, author=people["employee"], by=people["office"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.assessment_record(
            idea=idea, assessed_by=people["office"], novelty="huge", value_evidence="Bra.", in_use=False
        )
    assert excinfo.value.field == "novelty"
    with pytest.raises(DomainError) as excinfo:
        idea_services.assessment_record(
            idea=idea, assessed_by=people["office"], novelty=Novelty.UNIT, value_evidence=" ", in_use=False
        )
    assert excinfo.value.field == "value_evidence"
    assert not Assessment.objects.exists()


def test_assessment_permission(people):
    idea = idea_in(Stage.IMPLEMENTATION, author=people["employee"], by=people["office"])
    kwargs = {"idea": idea, "novelty": Novelty.UNIT, "value_evidence": "Bra.", "in_use": False}
    for who in ("employee", "colleague", "resident", "coach"):
        with pytest.raises(PermissionDeniedError):
            idea_services.assessment_record(assessed_by=people[who], **kwargs)
    idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    idea_services.assessment_record(assessed_by=people["coach"], **kwargs)
    assert Assessment.objects.count() == 1


def _realised(people, *, title: str, south: bool = False, implemented: datetime | None = None) -> Idea:
    implemented = implemented or at(2024, 12, 1)
    author = people["colleague"] if south else people["employee"]
    idea = factories.idea(author=author, title=title, now=at(2024, 10, 1), notify_office=False)
    factories.move(idea, by=people["director"], to=Stage.PILOT, now=implemented - timedelta(days=30))
    factories.move(idea, by=people["director"], to=Stage.IMPLEMENTATION, now=implemented)
    return idea


def _assess(people, idea, *, when: datetime, innovation: bool):
    return idea_services.assessment_record(
        idea=idea,
        assessed_by=people["director"],
        novelty=Novelty.CITY if innovation else Novelty.NONE,
        value_evidence="Mätt under tre månader.",
        in_use=True,
        used_by="Enheten",
        now=when,
    )


def test_innovation_counts_per_subtree_and_period(people, tree):
    a = _realised(people, title="A")
    b = _realised(people, title="B")
    c = _realised(people, title="C")
    _realised(people, title="D")  # realised, never assessed
    e = _realised(people, title="E")
    f = _realised(people, title="F", south=True)
    g = _realised(people, title="G")
    _realised(people, title="H", implemented=at(2025, 7, 1))  # realised after the first period

    _assess(people, a, when=at(2025, 2, 1), innovation=True)
    _assess(people, b, when=at(2025, 2, 1), innovation=False)
    _assess(people, b, when=at(2025, 3, 1), innovation=True)  # the latest assessment counts
    _assess(people, c, when=at(2025, 3, 1), innovation=False)
    _assess(people, e, when=at(2024, 12, 15), innovation=True)  # before the period
    _assess(people, f, when=at(2025, 2, 1), innovation=True)
    _assess(people, g, when=at(2025, 6, 1), innovation=True)  # after the period

    first = {"start": at(2025, 1, 1, 0), "end": at(2025, 5, 1, 0)}
    second = {"start": at(2025, 5, 1, 0), "end": at(2025, 9, 1, 0)}

    # G was realised in the period but assessed only after it: unassessed as of the period's end.
    assert selectors.innovation_counts(unit=tree["SDF-N"], **first) == {
        "innovations": 2,
        "improvements": 1,
        "unassessed": 2,
    }
    # The same from further up the tree or from the unit itself.
    assert (
        selectors.innovation_counts(unit=tree["SDN-N"], **first)
        == selectors.innovation_counts(unit=tree["SDF-N-ALD-1"], **first)
        == {"innovations": 2, "improvements": 1, "unassessed": 2}
    )
    assert selectors.innovation_counts(unit=tree["SDF-S"], **first) == {
        "innovations": 1,
        "improvements": 0,
        "unassessed": 0,
    }
    assert selectors.innovation_counts(unit=None, **first) == {
        "innovations": 3,
        "improvements": 1,
        "unassessed": 2,
    }
    assert selectors.innovation_counts(unit=tree["CITY"], **first) == selectors.innovation_counts(unit=None, **first)
    assert selectors.innovation_counts(unit=tree["SDF-N"], **second) == {
        "innovations": 1,
        "improvements": 0,
        "unassessed": 2,
    }
    earlier = selectors.innovation_counts(unit=tree["SDF-N"], start=at(2024, 9, 1, 0), end=at(2025, 1, 1, 0))
    assert (earlier["innovations"], earlier["improvements"]) == (1, 0)
    # A past period keeps its figures when an idea is assessed again later.
    before = selectors.innovation_counts(unit=tree["SDF-N"], **first)
    _assess(people, a, when=at(2025, 10, 1), innovation=False)
    assert selectors.innovation_counts(unit=tree["SDF-N"], **first) == before


def test_innovation_counts_period_end_is_exclusive(people, tree):
    idea = _realised(people, title="Gräns")
    _assess(people, idea, when=at(2025, 5, 1, 0), innovation=True)
    assert (
        selectors.innovation_counts(unit=tree["SDF-N"], start=at(2025, 1, 1, 0), end=at(2025, 5, 1, 0))["innovations"]
        == 0
    )
    assert (
        selectors.innovation_counts(unit=tree["SDF-N"], start=at(2025, 5, 1, 0), end=at(2025, 9, 1, 0))["innovations"]
        == 1
    )


# --- stage_durations -----------------------------------------------------------------------------


def _with_decisions(idea: Idea) -> Idea:
    return Idea.objects.prefetch_related("decisions").get(pk=idea.pk)


def test_stage_durations_counts_days_in_each_stage(people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], now=at(2025, 1, 1))
    factories.move(idea, by=office, to=Stage.PRESTUDY, now=at(2025, 1, 11))
    factories.move(idea, by=office, to=Stage.PILOT, now=at(2025, 2, 10))

    spans = selectors.stage_durations(_with_decisions(idea), now=at(2025, 4, 11, 12))
    assert [(s["stage"], s["days"]) for s in spans] == [
        (Stage.IDEA, 10),
        (Stage.PRESTUDY, 30),
        (Stage.PILOT, 60),
    ]
    assert str(spans[1]["label"]) == str(Stage.PRESTUDY.label)


def test_stage_durations_with_parking_and_closing(people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], now=at(2025, 1, 1))
    factories.move(idea, by=office, to=Stage.PRESTUDY, now=at(2025, 1, 6))
    factories.move(idea, by=office, to=Stage.PARKED, parked_until=date(2025, 6, 1), now=at(2025, 1, 16))
    factories.move(idea, by=office, to=Stage.PRESTUDY, now=at(2025, 3, 17))
    factories.move(idea, by=office, to=Stage.CLOSED, now=at(2025, 3, 27))

    spans = {s["stage"]: s["days"] for s in selectors.stage_durations(_with_decisions(idea), now=at(2026, 1, 1))}
    # Days after closing count nowhere; the two stints in the pre-study add up.
    assert spans == {Stage.IDEA: 5, Stage.PRESTUDY: 20, Stage.PARKED: 60}


def test_stage_durations_of_a_new_idea(people):
    idea = factories.idea(author=people["employee"], now=at(2025, 1, 1))
    spans = selectors.stage_durations(_with_decisions(idea), now=at(2025, 1, 4, 9))
    assert [(s["stage"], s["days"]) for s in spans] == [(Stage.IDEA, 2)]


# --- comments ------------------------------------------------------------------------------------


def test_comment_add_notifies_participants(people):
    idea = factories.idea(author=people["employee"], notify_office=False)
    comment = idea_services.comment_add(idea=idea, author=people["colleague"], body="  Vi har samma behov!  ")
    comment.refresh_from_db()
    assert comment.body == "Vi har samma behov!"
    assert comment.hidden is False
    note = Notification.objects.get()
    assert note.recipient == people["employee"]
    assert "Kalle Kollega" in note.message
    assert note.url.endswith(f"#comment-{comment.pk}")


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_comment_body_is_checked(people, body):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.comment_add(idea=idea, author=people["colleague"], body=body)
    assert excinfo.value.field == "body"
    assert not Comment.objects.exists()


def test_resident_cannot_comment_on_an_internal_idea(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(PermissionDeniedError):
        idea_services.comment_add(idea=idea, author=people["resident"], body="Hej!")
    public = factories.idea(author=people["employee"], visibility="public")
    idea_services.comment_add(idea=public, author=people["resident"], body="Bra förslag!")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("who", ["office", "director"])
def test_moderator_hides_a_comment_with_a_reason(people, who):
    idea = factories.idea(author=people["employee"])
    comment = idea_services.comment_add(idea=idea, author=people["colleague"], body="Olämpligt innehåll.")
    idea_services.comment_hide(comment=comment, by=people[who], reason="  Personuppgifter.  ")
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.hidden is True
    assert stored.hidden_reason == "Personuppgifter."
    assert stored.hidden_by == people[who]


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_hiding_needs_a_reason(people, reason):
    idea = factories.idea(author=people["employee"])
    comment = idea_services.comment_add(idea=idea, author=people["colleague"], body="Text.")
    with pytest.raises(DomainError) as excinfo:
        idea_services.comment_hide(comment=comment, by=people["office"], reason=reason)
    assert excinfo.value.field == "reason"
    assert Comment.objects.get(pk=comment.pk).hidden is False


@pytest.mark.parametrize("who", ["employee", "colleague", "manager", "coach", "other_office", "resident"])
def test_only_moderators_hide_comments(people, who):
    idea = factories.idea(author=people["employee"], visibility="public")
    comment = idea_services.comment_add(idea=idea, author=people["colleague"], body="Text.")
    with pytest.raises(PermissionDeniedError):
        idea_services.comment_hide(comment=comment, by=people[who], reason="Vill inte se det.")
    assert Comment.objects.get(pk=comment.pk).hidden is False


# --- support and follow --------------------------------------------------------------------------


def test_support_toggle_twice_toggles_back(people):
    idea = factories.idea(author=people["employee"])
    colleague = people["colleague"]
    assert idea_services.support_toggle(idea=idea, user=colleague, kind="same_need") is True
    assert Support.objects.filter(idea=idea, user=colleague, kind="same_need").count() == 1
    assert Follow.objects.filter(idea=idea, user=colleague).exists()
    assert idea_services.support_toggle(idea=idea, user=colleague, kind="same_need") is False
    assert not Support.objects.filter(idea=idea, user=colleague).exists()


def test_support_kinds_are_separate(people):
    idea = factories.idea(author=people["employee"])
    colleague = people["colleague"]
    idea_services.support_toggle(idea=idea, user=colleague, kind="same_need")
    idea_services.support_toggle(idea=idea, user=colleague, kind="want_to_help")
    assert set(Support.objects.filter(idea=idea).values_list("kind", flat=True)) == {"same_need", "want_to_help"}
    idea_services.support_toggle(idea=idea, user=colleague, kind="same_need")
    assert list(Support.objects.filter(idea=idea).values_list("kind", flat=True)) == ["want_to_help"]


def test_support_kind_is_checked(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.support_toggle(idea=idea, user=people["colleague"], kind="love")
    assert excinfo.value.field == "kind"
    assert not Support.objects.exists()


def test_authors_cannot_support_their_own_idea(people):
    idea = factories.idea(author=people["employee"], co_authors=[people["colleague"]])
    for who in ("employee", "colleague"):
        with pytest.raises(PermissionDeniedError):
            idea_services.support_toggle(idea=idea, user=people[who], kind="same_need")
    assert not Support.objects.exists()


def test_resident_supports_public_idea_only(people):
    internal = factories.idea(author=people["employee"])
    public = factories.idea(author=people["employee"], visibility="public")
    with pytest.raises(PermissionDeniedError):
        idea_services.support_toggle(idea=internal, user=people["resident"], kind="same_need")
    assert idea_services.support_toggle(idea=public, user=people["resident"], kind="same_need") is True


def test_follow_toggle(people):
    idea = factories.idea(author=people["employee"])
    colleague = people["colleague"]
    assert idea_services.follow_toggle(idea=idea, user=colleague) is True
    assert Follow.objects.filter(idea=idea, user=colleague).exists()
    assert idea_services.follow_toggle(idea=idea, user=colleague) is False
    assert not Follow.objects.filter(idea=idea, user=colleague).exists()
    # The author follows from the start and may stop.
    assert idea_services.follow_toggle(idea=idea, user=people["employee"]) is False
    assert not Follow.objects.filter(idea=idea).exists()


def test_resident_cannot_follow_an_internal_idea(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(PermissionDeniedError):
        idea_services.follow_toggle(idea=idea, user=people["resident"])
    assert not Follow.objects.filter(user=people["resident"]).exists()


# --- attachments ---------------------------------------------------------------------------------


def test_pdf_and_png_are_accepted(people):
    idea = factories.idea(author=people["employee"])
    pdf = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("förstudie.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    png = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("skiss.png", png_bytes(), content_type="image/png"),
    )
    assert (pdf.original_name, pdf.content_type, pdf.size) == ("förstudie.pdf", "application/pdf", len(PDF_BYTES))
    assert (png.original_name, png.content_type, png.size) == ("skiss.png", "image/png", len(png_bytes()))
    assert pdf.uploaded_by == people["employee"]
    with Attachment.objects.get(pk=pdf.pk).file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert Attachment.objects.filter(idea=idea).count() == 2


def test_content_must_match_the_name(people):
    """A PNG named .pdf is refused: the content, the name and the declared type must agree."""
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.attachment_add(
            idea=idea,
            uploaded_by=people["employee"],
            upload=SimpleUploadedFile("bild.pdf", png_bytes(), content_type="application/pdf"),
        )
    assert excinfo.value.field == "attachments"
    assert "bild.pdf" in excinfo.value.message
    assert not Attachment.objects.exists()


def test_plain_text_is_accepted(people):
    idea = factories.idea(author=people["employee"])
    attachment = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("anteckningar.txt", "Möte med enhetschefen.\n".encode(), content_type="text/plain"),
    )
    assert attachment.content_type == "text/plain"


def test_oversized_file_is_refused(people):
    idea = factories.idea(author=people["employee"])
    big = PDF_BYTES + b"0" * 4096
    with override_settings(SPRANG_ATTACHMENT_MAX_BYTES=1024), pytest.raises(DomainError) as excinfo:
        idea_services.attachment_add(
            idea=idea,
            uploaded_by=people["employee"],
            upload=SimpleUploadedFile("stor-rapport.pdf", big, content_type="application/pdf"),
        )
    assert excinfo.value.field == "attachments"
    assert "stor-rapport.pdf" in excinfo.value.message
    assert not Attachment.objects.exists()
    # The same file is fine under a higher limit.
    with override_settings(SPRANG_ATTACHMENT_MAX_BYTES=len(big)):
        idea_services.attachment_add(
            idea=idea,
            uploaded_by=people["employee"],
            upload=SimpleUploadedFile("stor-rapport.pdf", big, content_type="application/pdf"),
        )
    assert Attachment.objects.count() == 1


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("innehall.txt", "hej")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),
        ("verktyg", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("rapport.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("budget.pdf", _zip_bytes()),
        ("tom.pdf", b""),
    ],
)
def test_disallowed_types_are_refused_and_named(people, name, content):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        idea_services.attachment_add(
            idea=idea,
            uploaded_by=people["employee"],
            upload=SimpleUploadedFile(name, content, content_type="application/pdf"),
        )
    assert excinfo.value.field == "attachments"
    assert name in excinfo.value.message
    assert not Attachment.objects.exists()


def test_bad_attachment_on_submit_writes_nothing(people):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(
            author=people["employee"],
            attachments=[
                SimpleUploadedFile("ok.pdf", PDF_BYTES, content_type="application/pdf"),
                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf"),
            ],
        )
    assert "virus.pdf" in excinfo.value.message
    assert not Idea.objects.exists()
    assert not Attachment.objects.exists()
    assert not Notification.objects.exists()


def test_attachments_on_submit(people):
    idea = factories.idea(
        author=people["employee"],
        attachments=[SimpleUploadedFile("underlag.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    assert list(idea.attachments.values_list("original_name", flat=True)) == ["underlag.pdf"]


def test_attachment_permission(people):
    idea = factories.idea(author=people["employee"])
    upload = SimpleUploadedFile("underlag.pdf", PDF_BYTES, content_type="application/pdf")
    with pytest.raises(PermissionDeniedError):
        idea_services.attachment_add(idea=idea, uploaded_by=people["colleague"], upload=upload)
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    # Past the first stage the author no longer adds files; the deciders do.
    with pytest.raises(PermissionDeniedError):
        idea_services.attachment_add(idea=idea, uploaded_by=people["employee"], upload=upload)
    idea_services.attachment_add(idea=idea, uploaded_by=people["office"], upload=upload)
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    ("stage", "fits"),
    [(Stage.IDEA, False), (Stage.PRESTUDY, False), (Stage.PILOT, False), (Stage.IMPLEMENTATION, True)],
)
def test_only_an_idea_that_reached_implementation_closes_as_part_of_ordinary_work(people, stage, fits):
    idea = idea_in(stage, author=people["employee"], by=people["office"])
    close = partial(
        idea_services.gate_decide,
        idea=idea,
        decided_by=people["office"],
        to_stage=Stage.CLOSED,
        rationale="Arbetssättet är en del av ordinarie verksamhet.",
        closed_reason=lock.CloseReason.IMPLEMENTED,
        lessons=[factories.DEFAULT_LESSON],
    )
    if fits:
        close()
        assert Idea.objects.get(pk=idea.pk).get_closed_reason_display() == lock.CloseReason.IMPLEMENTED.label
    else:
        with pytest.raises(DomainError) as excinfo:
            close()
        assert excinfo.value.field == "closed_reason"
        assert Idea.objects.get(pk=idea.pk).stage == stage


def test_a_parked_idea_closes_with_the_reasons_of_the_stage_it_was_parked_in(people):
    assert lock.CloseReason.IMPLEMENTED in lock.close_reasons_for(Stage.PARKED, parked_from=Stage.IMPLEMENTATION)
    assert lock.CloseReason.IMPLEMENTED not in lock.close_reasons_for(Stage.PARKED, parked_from=Stage.PILOT)
