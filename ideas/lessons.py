"""Lessons from every idea, whatever its outcome: what helped and what blocked it, from a short fixed list.

A decision that closes an idea or moves it to spread records them (``services.gate_decide``), so they can be
counted (``selectors.lesson_counts``). The list starts with the five success factors the city's survey of its
managers found most important and not yet fully in place, then the other things that most often decide an
idea's fate. See docs/adr/0029-lessons-from-every-idea.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from ideas.lock import Stage, stage_index


class Factor(models.TextChoices):
    # The five success factors.
    STRATEGY = "strategy", _("A clear strategy and goals")
    LEADERSHIP = "leadership", _("Leadership's commitment and drive")
    TIME = "time", _("Time set aside for the work")
    PROCESS = "process", _("A systematic way of working")
    EXPECTATIONS = "expectations", _("Clear expectations on employees")
    # What else most often decides an idea's fate.
    MONEY = "money", _("Money")
    SKILLS = "skills", _("Skills")
    TECHNOLOGY = "technology", _("Technology")
    RULES = "rules", _("Rules and laws")
    ACCEPTANCE = "acceptance", _("Users' acceptance")


class Effect(models.TextChoices):
    HELPED = "helped", _("Helped")
    BLOCKED = "blocked", _("Blocked")


@dataclass(frozen=True)
class LessonEntry:
    """One lesson as a decision-maker gives it: a factor, whether it helped or blocked, and a sentence."""

    factor: str
    effect: str
    note: str


def reached(source: str, parked_from: str = "") -> str:
    """The stage an idea has got to: a parked idea's is the stage it was parked in."""
    return parked_from if source == Stage.PARKED and parked_from else source


def lessons_asked(source: str, target: str, *, parked_from: str = "") -> bool:
    """Whether the decision records lessons: when the idea is closed, and when it moves on to spread
    (not when a parked idea is taken up again in spread: its lessons were recorded when it first got there)."""
    if target == Stage.CLOSED:
        return source != Stage.CLOSED
    return target == Stage.SPREAD and source != Stage.PARKED


def lessons_required(source: str, target: str, *, parked_from: str = "") -> bool:
    """Whether at least one lesson must be given: at spread, and when closing an idea that got to a pilot.

    A fresh idea closed before anything was tried may have nothing to teach yet: its lessons are optional.
    """
    if not lessons_asked(source, target, parked_from=parked_from):
        return False
    return target == Stage.SPREAD or stage_index(reached(source, parked_from)) >= stage_index(Stage.PILOT)


class Period(models.TextChoices):
    """The part of a year the lessons view counts: as the city's reports, each from 1 January."""

    T1 = "T1", _("January–April")
    T2 = "T2", _("January–August")
    YEAR = "year", _("The whole year")


#: The month after each period's last month.
_PERIOD_END_MONTH: dict[str, int] = {Period.T1: 5, Period.T2: 9}


def period_bounds(year: int, period: str) -> tuple[datetime, datetime]:
    """When ``period`` of ``year`` starts and ends (exclusive), in the city's time zone."""
    start = datetime(year, 1, 1, tzinfo=CITY_TIME_ZONE)
    end_month = _PERIOD_END_MONTH.get(period)
    end = (
        datetime(year, end_month, 1, tzinfo=CITY_TIME_ZONE)
        if end_month
        else datetime(year + 1, 1, 1, tzinfo=CITY_TIME_ZONE)
    )
    return start, end
