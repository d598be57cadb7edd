"""The anonymity thresholds are never below 3: a lower setting is refused by the system check, and results worked
out where the check was not run still need 3 answers to show a group."""

from __future__ import annotations

from surveys.checks import check_survey_thresholds
from surveys.models import ResultStatus, Scope
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens


def test_a_setting_of_two_is_refused_by_the_check(settings):
    settings.SPRANG_SURVEY_MIN_ANSWERS = 2
    settings.SPRANG_SURVEY_MIN_DETAIL = 2
    assert {error.id for error in check_survey_thresholds()} == {"surveys.E001", "surveys.E002"}
    settings.SPRANG_SURVEY_MIN_ANSWERS = 3
    settings.SPRANG_SURVEY_MIN_DETAIL = 3
    assert check_survey_thresholds() == []


def test_results_need_three_answers_even_with_a_setting_of_two(settings, director, version, staff):
    settings.SPRANG_SURVEY_MIN_ANSWERS = 2
    settings.SPRANG_SURVEY_MIN_DETAIL = 2
    round_ = open_round(director, make_round(director, version))
    for token in tokens(round_)[:2]:
        answer(token, strategy=5, obstacles="Ingen tid")
    closed = close_round(director, round_)
    city = closed.results.get(scope=Scope.CITY, question_key="strategy", version__isnull=True)
    assert city.status == ResultStatus.TOO_FEW
    assert city.mean is None and city.distribution is None
    assert not closed.results.filter(status=ResultStatus.SHOWN).exists()

    round_ = open_round(director, make_round(director, version, year=2027))
    for token in tokens(round_)[:3]:
        answer(token, strategy=5, obstacles="Ingen tid")
    closed = close_round(director, round_)
    city = closed.results.get(scope=Scope.CITY, question_key="strategy", version__isnull=True)
    assert city.status == ResultStatus.SHOWN and city.mean == 5.0 and city.distribution == [0, 0, 0, 0, 0, 3]
