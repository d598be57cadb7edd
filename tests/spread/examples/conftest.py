import pytest

from ideas import services as idea_services
from ideas.lock import Stage
from spread.examples import services
from tests import factories

TEXTS = {
    "title": "Lånecyklar för hemtjänsten",
    "problem": "Personalen i hemtjänsten tar bil även korta sträckor.",
    "what_was_done": "Vi köpte tio elcyklar som personalen lånar mellan besöken.",
    "effect": "Körsträckan med bil minskade med 30 procent på ett år.",
    "kind": "process",
    "values": ["economic", "environmental"],
}


def implemented_idea(people, *, title="Elcyklar i hemtjänsten", assessed=True):
    idea = factories.idea(author=people["employee"], title=title)
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        idea = factories.move(idea, by=people["office"], to=stage).idea
    if assessed:
        idea_services.assessment_record(
            idea=idea,
            assessed_by=people["office"],
            novelty="city",
            value_evidence="Mätt under sex månader: färre bilresor.",
            value_figures="30 % färre bilmil",
            in_use=True,
            used_by="Hemtjänsten Norra",
        )
    return idea


@pytest.fixture
def client(client):
    """The pages in English, whatever the compiled catalogue holds: the tests read their texts."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def idea_in_practice(people):
    return implemented_idea(people)


@pytest.fixture
def example(people, idea_in_practice):
    return services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], **TEXTS)
