"""A juror who leaves: the innovation office is told which applications they had yet to score; their scores,
seats and assignments stay."""

from __future__ import annotations

from calls.models import Assignment
from core.models import Notification
from organisation.services import person_deactivate


def test_the_office_is_told_of_the_applications_a_leaving_juror_had_yet_to_score(people, jurors, with_jury):
    expert = jurors["expert"]
    Notification.objects.all().delete()

    person_deactivate(user=expert)

    # The expert works at Stadsledningskontoret, which has no innovation office of its own: the city's is told.
    notes = list(Notification.objects.filter(recipient=people["director"]))
    assert len(notes) == 1
    assert "Erik Expert" in notes[0].message
    assert "”Pilot med digitala lås”" in notes[0].message
    assert "”Innovationsfonden 2026”" in notes[0].message
    assert Assignment.objects.filter(juror=expert, application=with_jury).exists()
