"""Who may do what with requests for advice, role by role, and the list filters that must agree with the rules."""

import pytest

from spread.advice import services
from spread.advice.rules import queue_filter, visible_advice_filter
from spread.models import AdviceRequest
from tests.spread.advice.conftest import ask

pytestmark = pytest.mark.django_db

ROLES = ("employee", "colleague", "manager", "coach", "office", "other_office", "director", "resident", "supplier")

#: role → (view, answer, make it an idea) for a request from the employee naming no coach, while it waits.
MATRIX = {
    "employee": (True, False, True),
    "colleague": (False, False, False),
    "manager": (False, False, False),
    "coach": (False, False, False),
    "office": (True, True, False),
    "other_office": (False, False, False),
    "director": (True, True, False),
    "resident": (False, False, False),
    "supplier": (False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_role_matrix(people, asked, role):
    person = people[role]
    found = (
        person.has_perm("spread.view_advice", asked),
        person.has_perm("spread.answer_advice", asked),
        person.has_perm("spread.advice_to_idea", asked),
    )
    assert found == MATRIX[role]
    staff = role not in ("resident", "supplier")
    assert person.has_perm("spread.ask_advice") == staff
    assert person.has_perm("spread.view_advice_queue") == (role in ("coach", "office", "other_office", "director"))


def test_a_named_coach_reads_and_answers(people):
    advice = ask(people["employee"], coach=people["coach"])
    assert people["coach"].has_perm("spread.view_advice", advice)
    assert people["coach"].has_perm("spread.answer_advice", advice)


def test_nobody_answers_twice(people, asked):
    services.advice_answer(advice=asked, by=people["office"], expected_version=1, answer="Svar.")
    assert not any(people[r].has_perm("spread.answer_advice", asked) for r in ROLES)
    assert people["employee"].has_perm("spread.advice_to_idea", asked)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_filters_agree_with_the_rules(people, role):
    requests = [
        ask(people["employee"]),
        ask(people["employee"], coach=people["coach"]),
        ask(people["colleague"]),
        ask(people["manager"]),
    ]
    person = people[role]
    visible = set(AdviceRequest.objects.filter(visible_advice_filter(person)).values_list("pk", flat=True))
    answerable = set(AdviceRequest.objects.filter(queue_filter(person)).values_list("pk", flat=True))
    for advice in requests:
        assert (advice.pk in visible) == person.has_perm("spread.view_advice", advice), advice.subject
        assert (advice.pk in answerable) == person.has_perm("spread.answer_advice", advice), advice.subject


@pytest.mark.parametrize("role", ["colleague", "other_office", "manager", "resident"])
def test_outsiders_get_no_examples_search_for_a_request(client, people, asked, role):
    client.force_login(people[role])
    response = client.get(f"/spread/advice/{asked.pk}/examples/", {"find": "lås"})
    assert response.status_code in (403, 404)
