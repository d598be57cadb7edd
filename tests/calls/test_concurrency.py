"""Two jurors saving their scores at the same moment, on two real connections: both are kept."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from calls import services
from calls.models import Application, Assignment, Score


@pytest.mark.django_db(transaction=True)
def test_two_jurors_submitting_at_once_both_keep_their_scores(people, jurors, fund_application):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    for name in ("expert", "chair"):
        services.assignment_add(application=fund_application, juror=jurors[name], by=people["director"])
    criteria = list(fund_application.call.criteria.all())
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def score(name: str, value: int) -> None:
        juror = jurors[name]
        try:
            application = Application.objects.get(pk=fund_application.pk)
            version = Assignment.objects.get(application=application, juror=juror).version
            barrier.wait(timeout=10)
            services.scores_save(
                application=application,
                juror=juror,
                expected_version=version,
                scores={c.pk: (value, f"Motivering från {juror.name}") for c in criteria},
                submit=True,
            )
            outcomes[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=score, args=("expert", 4)), threading.Thread(target=score, args=("chair", 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert outcomes == {"expert": "ok", "chair": "ok"}
    kept = {
        (s.assignment.juror_id, s.criterion_id): s.value
        for s in Score.objects.filter(assignment__application=fund_application).select_related("assignment")
    }
    assert kept == {
        **{(jurors["expert"].pk, c.pk): 4 for c in criteria},
        **{(jurors["chair"].pk, c.pk): 2 for c in criteria},
    }
    assert Assignment.objects.filter(application=fund_application, submitted_at__isnull=False).count() == 2
