"""Erasure across the apps a resident, a supplier or a university partner take part in: what they wrote through
procurement's market dialogue, a challenge's answer and OpenLab is kept as the city's record, without their name or
address anywhere in the database, and their export afterwards holds nothing personal. Learning and surveys are for the
city's staff only: none of these people can have rows there."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.challenges import services as challenge_services
from challenges.models import Affiliation, Answer, Project, Response
from challenges.openlab import services as openlab
from core.errors import PermissionDeniedError
from core.selectors import personal_data_export
from ideas.models import Idea
from learning.catalogue import services as learning
from learning.models import Completion
from organisation.models import PersonKind, User
from procurement.contracts import services as contracts
from procurement.dialogue import services as dialogue
from procurement.models import MeetingSlot, Question, SupplierInterest, SupplierProposal, WrittenResponse
from surveys.models import Invitation
from tests import factories
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge
from tests.challenges.openlab.conftest import lab, propose  # noqa: F401 - the fixture, used by name
from tests.learning.conftest import intro  # noqa: F401 - the fixture, used by name
from tests.organisation.test_erasure import _erase, _every_text_in_the_database
from tests.procurement.conftest import case, market_need, officers, supplier_person  # noqa: F401 - fixtures
from tests.procurement.contracts.conftest import PROPOSAL, make_contract
from tests.procurement.dialogue.conftest import published_rfi

SUPPLIER = "Ylva Yxenhielm"
SUPPLIER_QUESTION = "Hur många skolbyggnader gäller förfrågan, och vilka ventilationssystem har de i dag?"
SUPPLIER_SOLUTION = "Vi styr ventilationen efter uppmätt koldioxidhalt i varje klassrum."
PUBLIC_ANSWER = "Förfrågan gäller tolv skolbyggnader med självdrag eller FTX."
PROPOSAL_ANSWER = "Bra förslag, vi prövar det i två skolor."
RESPONSE_REASON = "Svaret tas vidare till en förstudie om digital förhandsgranskning."
RESIDENT = "Xerxes Ödmark"
PARTNER = "Vilma Vetenskap"
PARTNER_EMAIL = "vilma.vetenskap@kth.se"


def _gone(name: str, email: str, *private: str) -> None:
    after = _every_text_in_the_database()
    assert name.lower() not in after
    assert email.lower() not in after
    for text in private:
        assert text.lower() not in after


def _export_holds_nothing_of(person: User, name: str, email: str) -> dict:
    data = personal_data_export(user=User.objects.get(pk=person.pk))
    body = json.dumps(data, ensure_ascii=False, default=str).lower()
    assert name.lower() not in body and email.lower() not in body
    assert data["person"]["email_addresses"] == []
    return data


# --- a supplier in a market dialogue ----------------------------------------------------------------------------


@pytest.fixture
def ylva(case, officers, people, tree, settings, tmp_path):  # noqa: F811 - the fixtures imported above
    """A supplier's person who registered her organisation for a request for information, asked a question (answered
    and published by the officer), booked a meeting, sent a written response with a file, and proposed an improvement
    within her organisation's contract, which the contract's owner accepted into an idea."""
    settings.MEDIA_ROOT = tmp_path
    ylva = supplier_person(SUPPLIER, "Yxa Klimat AB", "559126-4428")
    officer = officers["officer"]
    rfi = published_rfi(case, officer)
    interest = dialogue.interest_register(rfi=rfi, by=ylva)
    question = dialogue.question_ask(rfi=rfi, by=ylva, text=SUPPLIER_QUESTION)
    question = dialogue.answer_draft(
        question=question,
        by=officer,
        expected_version=question.version,
        public_text="Hur många skolbyggnader gäller förfrågan?",
        answer=PUBLIC_ANSWER,
    )
    dialogue.answers_publish(rfi=rfi, by=officer)
    response = dialogue.response_save(
        rfi=rfi,
        by=ylva,
        expected_version=None,
        solution=SUPPLIER_SOLUTION,
        maturity="piloted",
        price_indication="Omkring 200 000 kronor per skola.",
        files=[SimpleUploadedFile("losning.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")],
        submit=True,
    )
    starts = timezone.now() + timedelta(days=3)
    (slot,) = dialogue.slots_offer(
        rfi=rfi, by=officer, slots=[dialogue.SlotTime(starts, starts + timedelta(hours=1), "Stadshuset, rum 3")]
    )
    slot = dialogue.slot_book(slot=slot, by=ylva)
    contract = make_contract(officer, people["manager"], tree, suppliers=[ylva])
    proposal = contracts.proposal_submit(contract=contract, by=ylva, **PROPOSAL)
    idea = contracts.proposal_accept(
        proposal=proposal,
        by=people["manager"],
        expected_version=proposal.version,
        answer=PROPOSAL_ANSWER,
        audience="Elever och personal.",
        kind="process",
        values=["economic"],
    )
    return {
        "ylva": User.objects.get(pk=ylva.pk),
        "interest": interest,
        "question": question,
        "response": response,
        "slot": slot,
        "proposal": proposal,
        "idea": idea,
    }


def test_a_suppliers_name_and_address_are_nowhere_after_erasure(ylva, people):
    person = ylva["ylva"]
    email = person.email
    before = _every_text_in_the_database()
    assert SUPPLIER.lower() in before and email in before
    _erase(person, people["director"])
    _gone(SUPPLIER, email)


def test_what_a_supplier_sent_stays_the_organisations_record_with_the_placeholder(ylva, people):
    person = ylva["ylva"]
    _erase(person, people["director"])
    person = User.objects.get(pk=person.pk)
    assert person.is_erased and person.supplier is None
    question = Question.objects.get(pk=ylva["question"].pk)
    assert question.asked_by_id == person.pk and question.supplier.name == "Yxa Klimat AB"
    assert question.published_at is not None and question.answer == PUBLIC_ANSWER and question.number == 1
    response = WrittenResponse.objects.get(pk=ylva["response"].pk)
    assert response.written_by_id == person.pk and response.solution == SUPPLIER_SOLUTION
    assert SupplierInterest.objects.filter(pk=ylva["interest"].pk, registered_by=person).exists()
    assert MeetingSlot.objects.filter(pk=ylva["slot"].pk, booked_by=person).exists()
    proposal = SupplierProposal.objects.get(pk=ylva["proposal"].pk)
    assert proposal.submitted_by_id == person.pk and proposal.answer == PROPOSAL_ANSWER
    assert proposal.proposal == PROPOSAL["proposal"] and proposal.idea_id == ylva["idea"].pk
    assert list(Idea.objects.get(pk=ylva["idea"].pk).co_authors.all()) == [person]


def test_the_export_of_an_erased_supplier_holds_nothing_personal(ylva, people):
    person = ylva["ylva"]
    email = person.email
    _erase(person, people["director"])
    _export_holds_nothing_of(person, SUPPLIER, email)


# --- a resident answering a challenge ---------------------------------------------------------------------------


@pytest.fixture
def xerxes(people):
    """A resident who answered a public challenge; the office responded to the answer after it closed."""
    xerxes = factories.person(kind=PersonKind.RESIDENT, name=RESIDENT)
    challenge = make_challenge(people)
    idea, answer = challenge_services.answer_submit(
        challenge=challenge, author=xerxes, **idea_fields(xerxes, title="Förhandsgranskning i appen")
    )
    close(challenge)
    answer = challenge_services.answer_respond(
        answer=answer,
        by=people["office"],
        expected_version=answer.version,
        response=Response.TAKEN_FORWARD,
        reason=RESPONSE_REASON,
    )
    return {"xerxes": User.objects.get(pk=xerxes.pk), "idea": idea, "answer": answer, "challenge": challenge}


def test_a_residents_answer_to_a_challenge_stays_without_the_name(xerxes, people):
    person = xerxes["xerxes"]
    email = person.email
    assert RESIDENT.lower() in _every_text_in_the_database()
    _erase(person, people["director"])
    _gone(RESIDENT, email)
    answer = Answer.objects.get(pk=xerxes["answer"].pk)
    assert answer.challenge_id == xerxes["challenge"].pk and answer.idea_id == xerxes["idea"].pk
    assert (answer.response, answer.response_reason) == (Response.TAKEN_FORWARD, RESPONSE_REASON)
    idea = Idea.objects.get(pk=xerxes["idea"].pk)
    assert idea.author_id == person.pk and idea.title == "Förhandsgranskning i appen"
    data = _export_holds_nothing_of(person, RESIDENT, email)
    assert data["person"]["email_addresses"] == []


# --- a university partner in OpenLab ----------------------------------------------------------------------------


@pytest.fixture
def vilma(lab, people, settings, tmp_path):  # noqa: F811 - the fixtures imported above
    """A KTH researcher, invited and accepted, who proposed a project (accepted by the city's contact) and uploaded
    its final report."""
    settings.MEDIA_ROOT = tmp_path
    from challenges.models import AcademicRole
    from tests.challenges.openlab.conftest import pdf, university_person

    vilma = university_person(people["director"], lab["kth"], AcademicRole.RESEARCHER, PARTNER_EMAIL, PARTNER)
    project = propose(lab["assignment"], vilma, title="Förhandskontroll med språkmodell")
    project = openlab.project_decide(
        by=people["employee"], project=project, expected_version=project.version, accept=True
    )
    deliverable = openlab.deliverable_add(
        by=vilma, project=project, title="Slutrapport", upload=pdf(), is_final_report=True
    )
    return {"vilma": User.objects.get(pk=vilma.pk), "project": project, "deliverable": deliverable}


def test_a_university_partners_project_stays_without_the_name(vilma, people):
    person = vilma["vilma"]
    assert person.kind == PersonKind.UNIVERSITY
    assert PARTNER.lower() in _every_text_in_the_database()
    _erase(person, people["director"])
    _gone(PARTNER, PARTNER_EMAIL)
    project = Project.objects.get(pk=vilma["project"].pk)
    assert project.lead_id == person.pk and project.title == "Förhandskontroll med språkmodell"
    assert project.deliverable_files.filter(title="Slutrapport", is_final_report=True).exists()
    assert not Affiliation.objects.filter(user=person).exists()
    _export_holds_nothing_of(person, PARTNER, PARTNER_EMAIL)


# --- learning and surveys: the city's staff only -----------------------------------------------------------------


def test_learning_and_surveys_hold_no_rows_of_them(people, intro, lab):  # noqa: F811 - the fixtures imported above
    for who in (people["resident"], people["supplier"], lab["student"]):
        with pytest.raises(PermissionDeniedError):
            learning.check_submit(course=intro, by=who, answers={q.pk: q.correct for q in intro.questions.all()})
    assert not Completion.objects.exists()
    assert not Invitation.objects.filter(person__kind__in=[PersonKind.RESIDENT, PersonKind.SUPPLIER]).exists()
