"""Answering through a personal link: once, in the window, with the answer stored apart from the person."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.errors import DomainError
from surveys.answering import services as answering
from surveys.models import Invitation, Response
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens


def test_a_second_send_with_the_same_link_is_refused(manager_round):
    token = tokens(manager_round)[0]
    answer(token, strategy=4)
    with pytest.raises(DomainError) as refused:
        answer(token, strategy=1)
    assert refused.value.code == "submitted"
    assert Response.objects.count() == 1 and Response.objects.get().scores == {"strategy": 4}


def test_a_link_belongs_to_its_round_only(director, version, staff, manager_round):
    other = open_round(director, make_round(director, version, year=2027))
    token = tokens(other)[0]
    assert answering.invitation_for(token).round == other
    answer(token, strategy=3)
    assert Response.objects.get().round == other
    assert not manager_round.responses.exists()


def test_a_made_up_link_is_refused(manager_round):
    with pytest.raises(DomainError) as refused:
        answer("not-a-real-link", strategy=3)
    assert refused.value.code == "not_found"


def test_answering_after_the_window_is_refused_and_a_draft_too(manager_round):
    token = tokens(manager_round)[0]
    late = timezone.now() + timedelta(days=15)
    with pytest.raises(DomainError) as refused:
        answering.response_submit(token=token, answers={"strategy": "4"}, now=late)
    assert refused.value.code == "closed"
    with pytest.raises(DomainError):
        answering.draft_save(token=token, answers={"strategy": "4"}, now=late)
    assert not Response.objects.exists()


def test_a_score_out_of_range_names_the_question(manager_round):
    with pytest.raises(DomainError) as refused:
        answer(tokens(manager_round)[0], strategy=9)
    assert refused.value.field == "strategy"
    assert not Response.objects.exists()
    assert not Invitation.objects.filter(answered=True).exists()


def test_a_draft_is_kept_sealed_and_read_back_only_with_the_link(manager_round):
    token = tokens(manager_round)[0]
    answering.draft_save(token=token, answers={"strategy": "2", "obstacles": "Brist på tid och pengar"})
    invitation = answering.invitation_for(token)
    assert b"Brist" not in bytes(invitation.draft)
    assert answering.draft_of(invitation, token) == {"strategy": "2", "obstacles": "Brist på tid och pengar"}
    assert answering.draft_of(invitation, tokens(manager_round)[1]) == {}
    answering.response_submit(token=token, answers={"strategy": "2", "obstacles": "Brist på tid och pengar"})
    assert Invitation.objects.get(pk=invitation.pk).draft is None


def test_nothing_stored_joins_an_invitation_to_its_answer(manager_round, director, django_capture_on_commit_callbacks):
    """Answers sent one after another: the invitations record only that they were answered, and neither the
    responses' keys nor the order the database lists them in follow the order they came in."""
    sent = tokens(manager_round)[:12]
    for i, token in enumerate(sent):
        answer(token, strategy=1 + i % 5, obstacles=f"Svar nummer {i}")
    invitation_fields = {f.name for f in Invitation._meta.get_fields()}
    assert not invitation_fields & {"answered_at", "response", "updated_at", "created_at"}
    response_fields = {f.name for f in Response._meta.get_fields()}
    assert not response_fields & {"created_at", "updated_at", "invitation", "person", "submitted_at"}
    order = [int(t.split()[-1]) for t in Response.objects.order_by("pk").values_list("texts__obstacles", flat=True)]
    stored = [int(t.split()[-1]) for t in Response.objects.values_list("texts__obstacles", flat=True)]
    assert order != list(range(12)) or stored != list(range(12))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'surveys_response'")
            # No hidden rowid counting the inserts: the rows lie by their random key.
            assert "WITHOUT ROWID" in cursor.fetchone()[0].upper()
    else:
        with django_capture_on_commit_callbacks(execute=True):
            close_round(director, manager_round)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM surveys_response")  # the order the rows lie in
            assert [row[0] for row in cursor.fetchall()] == sorted(Response.objects.values_list("pk", flat=True))
    # Every response of a reporting unit of at least 5 people invited.
    for unit_id, kind in Response.objects.values_list("unit_id", "organisation_kind"):
        assert manager_round.invitations.filter(reporting_unit_id=unit_id, reporting_kind=kind).count() >= 5


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_with_the_same_link_store_one_answer(director, version, staff):
    if connection.vendor != "postgresql":
        pytest.skip("Two connections at once need PostgreSQL.")
    round_ = open_round(director, make_round(director, version))
    token = tokens(round_)[0]
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            barrier.wait()
            answer(token, strategy=3)
            outcomes.append("sent")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["sent", "submitted"]
    assert Response.objects.count() == 1


def _stamps(table: str, round_id: int) -> list[tuple[str, str]]:
    """Each row's transaction (``xmin``) and place (``ctid``), in the order the rows lie in."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text, ctid::text FROM {table} WHERE round_id = %s ORDER BY ctid",  # noqa: S608
            [round_id],
        )
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_after_close_no_transaction_id_or_place_joins_an_answer_to_its_invitation(director, version, staff):
    """On PostgreSQL every row keeps the transaction that wrote it: an answer and its invitation marked answered share
    one while the round is open. Once it is closed, the answers carry one transaction, the invitations another, and
    the answers lie in the order of their random keys, not the order they came in."""
    if connection.vendor != "postgresql":
        pytest.skip("Transaction ids and places of rows are PostgreSQL's.")
    round_ = open_round(director, make_round(director, version))
    for i, token in enumerate(tokens(round_)[:10]):
        answer(token, strategy=1 + i % 5, obstacles=f"Svar nummer {i}")
    answers = {xmin for xmin, _ctid in _stamps("surveys_response", round_.pk)}
    invitations = {xmin for xmin, _ctid in _stamps("surveys_invitation", round_.pk)}
    assert len(answers & invitations) == 10  # what the close must undo

    close_round(director, round_)  # its rewrite in key order runs once the close is committed
    answers = {xmin for xmin, _ctid in _stamps("surveys_response", round_.pk)}
    invitations = {xmin for xmin, _ctid in _stamps("surveys_invitation", round_.pk)}
    assert len(answers) == 1 and len(invitations) == 1
    assert not answers & invitations
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, texts->>'obstacles' FROM surveys_response WHERE round_id = %s ORDER BY ctid", [round_.pk]
        )
        lying = cursor.fetchall()
    assert [pk for pk, _text in lying] == sorted(pk for pk, _text in lying)
    assert [int(text.split()[-1]) for _pk, text in lying] != list(range(10))
