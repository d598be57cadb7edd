"""The surveys app's parts, each in its own package (``core.parts``, ADR 0030): ``rounds`` (the versioned
questionnaire and the survey rounds: the target group, the window, the invitations with their personal links and the
reminders), ``answering`` (the page behind a personal link: answer, save and come back, send once), ``results``
(aggregates kept per round and group, the anonymity rules that decide what is shown, the results pages, exports, API,
open data and indicators) and ``employee_survey`` (the innovation items of the city's employee survey, imported as
aggregates per unit and year)."""

from __future__ import annotations

from core.parts import Parts

PARTS = ("rounds", "answering", "results", "employee_survey")

parts = Parts("surveys", PARTS)
