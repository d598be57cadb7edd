"""Two people writing at the same moment, on two real connections: nothing is lost or silently overwritten."""

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


@pytest.mark.django_db(transaction=True)
def test_two_people_changing_one_call_at_once_one_is_told_and_nothing_is_overwritten(people, fund):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    from calls.models import Call
    from core.errors import ConflictError

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def change(name: str, title: str) -> None:
        try:
            call = Call.objects.get(pk=fund.pk)
            barrier.wait(timeout=10)
            services.call_update(call=call, by=people["director"], expected_version=call.version, title=title)
            outcomes[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=change, args=("one", "Innovationsfonden 2026 – vår")),
        threading.Thread(target=change, args=("two", "Innovationsfonden 2026 – höst")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(type(o).__name__ if o != "ok" else "ok" for o in outcomes.values()) == ["ConflictError", "ok"]
    winner = next(name for name, o in outcomes.items() if o == "ok")
    fund.refresh_from_db()
    assert fund.title == {"one": "Innovationsfonden 2026 – vår", "two": "Innovationsfonden 2026 – höst"}[winner]
    assert fund.version == 2
    assert all(isinstance(o, ConflictError) for o in outcomes.values() if o != "ok")


@pytest.mark.django_db(transaction=True)
def test_a_decision_made_while_a_juror_submits_closes_the_scoring(people, jurors, fund_application):
    """The chair's decision holds the application; the juror's submission waits for it, then is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    from django.db import transaction

    from calls.models import Status
    from core.errors import DomainError

    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    for name in ("expert", "chair"):
        services.assignment_add(application=fund_application, juror=jurors[name], by=people["director"])
    criteria = list(fund_application.call.criteria.all())
    deciding, decided = threading.Event(), threading.Event()
    outcomes: dict[str, object] = {}

    def decide() -> None:
        try:
            with transaction.atomic():
                Application.objects.select_for_update().get(pk=fund_application.pk)  # as decision_record holds it
                deciding.set()
                decided.wait(timeout=2)  # the juror tries meanwhile
                services.decision_record(
                    application=Application.objects.get(pk=fund_application.pk),
                    by=jurors["chair"],
                    granted=False,
                    justification="Inte nu.",
                )
            outcomes["chair"] = "ok"
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes["chair"] = exc
        finally:
            connections.close_all()

    def score() -> None:
        try:
            deciding.wait(timeout=10)
            application = Application.objects.get(pk=fund_application.pk)  # read while still with the jury
            version = Assignment.objects.get(application=application, juror=jurors["expert"]).version
            threading.Timer(0.5, decided.set).start()
            services.scores_save(
                application=application,
                juror=jurors["expert"],
                expected_version=version,
                scores={c.pk: (4, "Motivering") for c in criteria},
                submit=True,
            )
            outcomes["expert"] = "ok"
        except Exception as exc:  # noqa: BLE001
            outcomes["expert"] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide), threading.Thread(target=score)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert outcomes["chair"] == "ok"
    assert isinstance(outcomes["expert"], DomainError) and outcomes["expert"].code == "locked"
    fund_application.refresh_from_db()
    assert fund_application.status == Status.REJECTED
    assert not Score.objects.filter(assignment__application=fund_application).exists()


@pytest.mark.django_db(transaction=True)
def test_submitting_one_application_twice_at_once_submits_it_once_and_says_so(people, fund, pilot_idea):
    """Two submissions of one draft at the same moment: one submits it, the other is told it already is."""
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    from decimal import Decimal

    from django.utils import translation

    from calls.models import Status
    from core.errors import DomainError, PermissionDeniedError
    from tests.calls.conftest import DURING

    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    draft = services.application_save(
        application=draft,
        by=employee,
        expected_version=draft.version,
        title="Pilot med digitala lås",
        summary="Kort.",
        description="Lång.",
        idea=pilot_idea,
        requested_amount=Decimal(1000),
        budget_lines=[("Allt", Decimal(1000))],
    )
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def submit(name: str) -> None:
        try:
            with translation.override("en"):
                application = Application.objects.get(pk=draft.pk)
                barrier.wait(timeout=10)
                services.application_submit(
                    application=application, by=employee, expected_version=draft.version, now=DURING
                )
            outcomes[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(name,)) for name in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    refused = [o for o in outcomes.values() if o != "ok"]
    assert len(refused) == 1, outcomes
    [error] = refused
    assert isinstance(error, DomainError) and not isinstance(error, PermissionDeniedError), error
    assert error.code == "submitted"
    assert "already submitted" in error.message
    assert Application.objects.get(pk=draft.pk).status == Status.SUBMITTED
