"""Who may do what in the open market dialogue: every rule against every kind of person, and the SQL twin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from organisation.models import PersonKind
from procurement.dialogue.rules import visible_rfis_filter
from procurement.models import Rfi
from tests import factories
from tests.procurement.dialogue.conftest import write_rfi

pytestmark = pytest.mark.django_db

PERMS = (
    "procurement.view_rfi",
    "procurement.change_rfi",
    "procurement.publish_rfi",
    "procurement.run_dialogue",
    "procurement.read_responses",
    "procurement.register_interest",
    "procurement.take_part",
    "procurement.read_minutes",
)


@pytest.fixture
def cast(people, officers, suppliers):
    return {
        "anonymous": AnonymousUser(),
        "officer": officers["officer"],
        "central": officers["central"],
        "office": people["office"],
        "employee": people["employee"],
        "resident": people["resident"],
        "partner": factories.person(kind=PersonKind.PARTNER, name="Paula Partner"),
        "registered": suppliers["alfa"],
        "supplier": suppliers["gamma"],
    }


#: For a published RFI with Alfa registered: who holds which permission.
PUBLISHED = {
    "anonymous": {"procurement.view_rfi"},
    "officer": {
        "procurement.view_rfi",
        "procurement.change_rfi",
        "procurement.run_dialogue",
        "procurement.read_responses",
        "procurement.read_minutes",
    },
    "office": {"procurement.view_rfi"},
    "employee": {"procurement.view_rfi"},
    "resident": {"procurement.view_rfi"},
    "partner": {"procurement.view_rfi"},
    "registered": {
        "procurement.view_rfi",
        "procurement.register_interest",
        "procurement.take_part",
        "procurement.read_minutes",
    },
    "supplier": {"procurement.view_rfi", "procurement.register_interest"},
}
PUBLISHED["central"] = PUBLISHED["officer"]

#: For a draft: the officers alone read and publish it.
DRAFT = {who: set() for who in PUBLISHED}
DRAFT["officer"] = DRAFT["central"] = {
    "procurement.view_rfi",
    "procurement.change_rfi",
    "procurement.publish_rfi",
    "procurement.read_responses",
}


def held(user, rfi) -> set[str]:
    return {perm for perm in PERMS if user.has_perm(perm, rfi)}


def test_the_matrix_for_a_published_request(registered, cast):
    for who, user in cast.items():
        assert held(user, registered) == PUBLISHED[who], who


def test_the_matrix_for_a_draft(case, officers, cast):
    draft = write_rfi(case, officers["officer"])
    for who, user in cast.items():
        assert held(user, draft) == DRAFT[who], who


def test_the_sql_twin_lists_what_view_rfi_allows(case, registered, officers, people, cast):
    # ``registered`` is the case's published RFI; a second case with a draft.
    from challenges.models import Route
    from procurement.cases import services as cases
    from tests.challenges.conftest import routed_need

    need = routed_need(writer=people["manager"], office=cast["office"], route=Route.MARKET_DIALOGUE, title="Annat")
    other = cases.case_create(
        need=need, by=officers["officer"], title="Annat", estimated_value_sek=1, period_months=1, plan="P"
    )
    write_rfi(other, officers["officer"])
    for who, user in cast.items():
        listed = set(Rfi.objects.filter(visible_rfis_filter(user)).values_list("pk", flat=True))
        allowed = {r.pk for r in Rfi.objects.all() if user.has_perm("procurement.view_rfi", r)}
        assert listed == allowed, who
