"""The anonymity thresholds are settings; a value below 3 would show a group's answers when two people are in it."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from surveys.anonymity import LOWEST


@checks.register(checks.Tags.security)
def check_survey_thresholds(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    answers = settings.SPRANG_SURVEY_MIN_ANSWERS
    detail = settings.SPRANG_SURVEY_MIN_DETAIL
    if answers < LOWEST:
        errors.append(
            checks.Error(
                f"SPRANG_SURVEY_MIN_ANSWERS is {answers}: survey results would show groups of fewer than {LOWEST} people.",
                hint=f"Set SPRANG_SURVEY_MIN_ANSWERS to {LOWEST} or more (the default is 5).",
                id="surveys.E001",
            )
        )
    if detail < max(answers, LOWEST):
        errors.append(
            checks.Error(
                f"SPRANG_SURVEY_MIN_DETAIL is {detail}: it may not be below SPRANG_SURVEY_MIN_ANSWERS ({answers}) or {LOWEST}.",
                hint="Set SPRANG_SURVEY_MIN_DETAIL to at least SPRANG_SURVEY_MIN_ANSWERS (the default is 8).",
                id="surveys.E002",
            )
        )
    return errors
