"""An award is awarded, not granted; a call with classes (the quality award's five) is ranked, decided and published
class by class, and the jury's rules hold in each class."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from calls import services
from calls.models import Application, Decision, Programme, Status
from tests import factories
from tests.calls.conftest import CLOSES, DURING, OPENS
from tests.factories import person

pytestmark = pytest.mark.django_db


def english(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def chair(tree):
    return person(unit=tree["SDF-S-SKO"], name="Carl Chair")


@pytest.fixture
def award(people, chair):
    return factories.quality_award(
        by=people["director"],
        chair=chair,
        classes=("Äldreomsorg", "Skola"),
        opens_at=OPENS,
        closes_at=CLOSES,
        year=2026,
    )


def enter(award, people, tree, *, unit: str, klass: str, title: str, score: int | None, chair) -> Application:
    """An entry registered by the city's innovation office, screened eligible and scored by the chair."""
    return factories.award_entry(
        award, by=people["director"], unit=tree[unit], klass=klass, title=title, juror=chair, score=score, now=DURING
    )


@pytest.fixture
def entries(award, people, tree, chair):
    return {
        "björken": enter(
            award,
            people,
            tree,
            unit="SDF-N-ALD-1",
            klass="Äldreomsorg",
            title="Björkens måltider",
            score=5,
            chair=chair,
        ),
        "norra": enter(
            award, people, tree, unit="SDF-N-ALD", klass="Äldreomsorg", title="Norras nattpatrull", score=3, chair=chair
        ),
        "skolan": enter(
            award, people, tree, unit="SDF-N", klass="Skola", title="Läxhjälp för alla", score=4, chair=chair
        ),
    }


def test_each_class_is_ranked_on_its_own(award, entries, chair):
    client = english(chair)
    elder, school = award.categories.get(name="Äldreomsorg"), award.categories.get(name="Skola")
    response = client.get(f"/calls/{award.pk}/ranking/")
    html = response.content.decode()
    assert response.context["current_class"].category == elder  # the first class unless another is chosen
    assert [row.application.title for row in response.context["page_obj"]] == [
        "Björkens måltider",
        "Norras nattpatrull",
    ]
    assert "Läxhjälp för alla" not in html
    assert f'href="?class={school.pk}"' in html and "Class: Äldreomsorg" in html
    response = client.get(f"/calls/{award.pk}/ranking/?class={school.pk}")
    [row] = response.context["page_obj"]
    assert row.application.title == "Läxhjälp för alla"
    # Ranked first in its own class, though its mean is below the best of the other class.
    assert 'data-label="Rank">1</td>' in response.content.decode()


def test_the_chair_decides_an_entry_in_award_language_and_returns_to_its_class(award, entries, chair, people):
    client = english(chair)
    entry = entries["skolan"]
    page = client.get(f"/calls/applications/{entry.pk}/decide/").content.decode()
    assert "Awarded" in page and "Not awarded" in page
    assert "Granted" not in page and 'name="amount"' not in page
    # The form shows the decision and the justification only: that is what is sent.
    response = client.post(
        f"/calls/applications/{entry.pk}/decide/", {"granted": "yes", "justification": "Läxhjälp som når alla."}
    )
    school = award.categories.get(name="Skola")
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{award.pk}/ranking/?class={school.pk}#application-{entry.pk}"
    assert Decision.objects.get(application=entry).granted
    ranking = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Awarded" in ranking and "Granted" not in ranking
    # The applicant is told in their language (Swedish) in the award's words.
    assert people["director"].notifications.filter(message__contains="tilldelas utmärkelsen").exists()
    applicant = english(people["director"])
    assert "Awarded" in applicant.get(f"/calls/applications/{entry.pk}/").content.decode()


def test_not_awarded_reads_so_in_swedish(award, entries, chair):
    client = Client()
    client.force_login(chair)
    entry = entries["norra"]
    page = client.get(f"/calls/applications/{entry.pk}/decide/").content.decode()
    assert "Tilldelas utmärkelsen" in page and "Tilldelas inte" in page and "Beviljad" not in page
    client.post(f"/calls/applications/{entry.pk}/decide/", {"granted": "no", "justification": "Inte i år."})
    entry.refresh_from_db()
    assert entry.status == Status.REJECTED
    assert "Tilldelas inte" in client.get(f"/calls/{award.pk}/ranking/").content.decode()


def test_a_chair_recused_in_one_class_is_recused_there_only(award, people, tree, chair, entries):
    # An entry from the chair's own administration (Södra), in the school class.
    enter(award, people, tree, unit="SDF-S-SKO", klass="Skola", title="Södras skolgård", score=None, chair=chair)
    client = english(chair)
    school = award.categories.get(name="Skola")
    in_school = client.get(f"/calls/{award.pk}/ranking/?class={school.pk}")
    assert in_school.context["hidden"] == 1
    assert "Södras skolgård" not in in_school.content.decode()
    assert client.get(f"/calls/{award.pk}/ranking/").context["hidden"] == 0


def test_the_results_list_the_winners_class_by_class(award, entries, chair, people):
    for entry, granted in ((entries["björken"], True), (entries["norra"], False), (entries["skolan"], True)):
        services.decision_record(application=entry, by=chair, granted=granted, justification="Motiverat.")
    services.results_publish(call=award, by=people["director"])
    html = english(people["resident"]).get(f"/calls/{award.pk}/results/").content.decode()
    winners = html[html.index('id="winners"') : html.index('id="record"')]
    assert winners.index("Class: Äldreomsorg") < winners.index("Björkens måltider") < winners.index("Class: Skola")
    assert winners.index("Class: Skola") < winners.index("Läxhjälp för alla")
    assert "Norras nattpatrull" not in winners
    record = html[html.index('id="record"') :]
    assert "Not awarded" in record and "Not granted" not in record and "Granted" not in record


def test_the_api_says_awarded_for_an_award_and_granted_for_a_grant(award, entries, chair, people):
    services.decision_record(application=entries["skolan"], by=chair, granted=True, justification="Motiverat.")
    from tests.calls.test_api import API, token_for

    client = Client()
    body = client.get(f"{API}/applications/{entries['skolan'].pk}", **token_for(people["director"])).json()
    assert body["outcome"] == "awarded"
    assert body["category_id"] == award.categories.get(name="Skola").pk
    assert (
        client.get(f"{API}/applications/{entries['norra'].pk}", **token_for(people["director"])).json()["outcome"]
        is None
    )


def test_a_fund_still_grants(people, chair, award):
    fund = services.call_create(
        by=people["director"],
        programme=Programme.FUND,
        title="Innovationsfonden",
        summary="Pengar.",
        description="Sök.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    with translation.override("en"):
        assert Application(call=fund, status=Status.GRANTED).status_label == "Granted"
        assert Application(call=fund, status=Status.REJECTED).status_label == "Not granted"
        assert Application(call=award, status=Status.GRANTED).status_label == "Awarded"
        assert Application(call=award, status=Status.REJECTED).status_label == "Not awarded"
        assert Application(call=award, status=Status.IN_REVIEW).status_label == "With the jury"
    with translation.override("sv"):
        assert Application(call=award, status=Status.REJECTED).status_label == "Inte tilldelad"
