"""Two people deciding the same gate at the same moment: one wins, the other is told, nothing is overwritten."""

import threading

import pytest
from django.db import connection, connections

from core.errors import ConflictError
from ideas import services
from ideas.lock import Stage, gate_for
from ideas.models import GateDecision, Idea
from tests import factories


def _checklist(source, target):
    return {item.key: True for item in gate_for(source, target).checklist}


@pytest.mark.django_db(transaction=True)
def test_second_of_two_simultaneous_decisions_is_refused(people):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections deciding at once need PostgreSQL")
    idea = factories.idea(author=people["employee"])
    version = idea.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name, user, target):
        try:
            barrier.wait(timeout=10)
            fresh = Idea.objects.get(pk=idea.pk)
            services.gate_decide(
                idea=fresh,
                decided_by=user,
                to_stage=target,
                rationale=f"Beslut av {name}",
                checklist=_checklist(Stage.IDEA, target),
                expected_version=version,
            )
            outcomes[name] = "ok"
        except ConflictError as exc:
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=("office", people["office"], Stage.PRESTUDY)),
        threading.Thread(target=decide, args=("manager", people["manager"], Stage.PILOT)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(type(v).__name__ if not isinstance(v, str) else v for v in outcomes.values()) == [
        "ConflictError",
        "ok",
    ]
    loser = next(v for v in outcomes.values() if isinstance(v, ConflictError))
    assert "just moved by someone else" in str(loser) or "flyttades" in str(loser)
    decisions = list(GateDecision.objects.filter(idea=idea))
    assert len(decisions) == 1
    idea.refresh_from_db()
    assert idea.stage == decisions[0].to_stage
    assert idea.version == version + 1


@pytest.mark.django_db
def test_stale_version_is_refused_on_every_database(people):
    idea = factories.idea(author=people["employee"])
    stale = idea.version
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    with pytest.raises(ConflictError):
        services.gate_decide(
            idea=Idea.objects.get(pk=idea.pk),
            decided_by=people["manager"],
            to_stage=Stage.PILOT,
            rationale="Sent beslut",
            checklist=_checklist(Stage.PRESTUDY, Stage.PILOT),
            expected_version=stale,
        )
    assert GateDecision.objects.filter(idea=idea).count() == 1
