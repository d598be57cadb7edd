"""The open datasets, each declared once: what it holds, its columns, and where its rows and periods come from.

The page, the CSV files, the API and the DCAT-AP-SE catalogue all read these declarations. An app
declares its datasets in its own ``datasets.py`` with ``declare(Dataset(...), position=...)`` (the
ideas' in ``ideas/datasets.py``); ``DATASETS`` finds the modules itself (``autodiscover_modules``),
as Django's admin finds ``admin.py``. Every row a dataset publishes comes through the disclosure
control in ``core/disclosure.py`` (see ``opendata.selectors``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.registry import Registry
from opendata import selectors

#: Creative Commons Zero 1.0: no rights reserved. The URI exactly as DCAT-AP-SE asks for it.
LICENCE_URI = "http://creativecommons.org/publicdomain/zero/1.0/"
#: The EU data theme "Government and public sector".
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
#: New figures three times a year: after each tertial and after the year.
THREE_TIMES_A_YEAR = "http://publications.europa.eu/resource/authority/frequency/ANNUAL_3"
#: Changed whenever what it lists changes (a list of things rather than figures per period).
CONTINUOUSLY = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    keywords: tuple[Promise, ...]
    columns: tuple[Column, ...]
    rows: Callable[..., list[selectors.Row]]
    periods: Callable[..., list[selectors.PeriodKey]]
    #: In plain words, for the page: what the figures tell, and who they are for.
    summary: Promise | str = ""
    audience: Promise | str = ""
    #: The columns of the preview on the page: (column, heading); the last is the figure of a periodic dataset.
    preview_columns: tuple[tuple[str, Promise], ...] = ()
    #: Rows per reporting period (filtered by ``?year=`` and ``?period=``, published once the period has ended).
    #: A dataset that is not periodic lists things as they are now: ``rows()`` takes no period and ``periods()``
    #: gives none; it says ``how_often`` it changes, and its rows through the API are at ``api_url_name``.
    periodic: bool = True
    frequency: str = THREE_TIMES_A_YEAR
    how_often: Promise | str = ""
    #: The URL name of its rows in the API, if not ``api:opendata_<key>``; and what that distribution offers.
    api_url_name: str = ""
    api_description: Promise | str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def api_url(self) -> str:
        """The path of the dataset's rows in the API."""
        from django.urls import reverse

        return reverse(self.api_url_name or f"api:opendata_{self.key}")


#: Every declared dataset by key, in ``position`` order; each app's ``datasets`` module is imported at the first look.
DATASETS: Registry[Dataset] = Registry("datasets", "open datasets")


def declare(dataset: Dataset, *, position: int = 50) -> Dataset:
    """Publish ``dataset``; datasets come in ``position`` order on the page, in the API and the catalogue."""
    DATASETS.declare(dataset.key, dataset, position)
    return dataset


#: The columns every dataset per unit and period begins with.
PERIOD_COLUMNS = (
    Column("year", _("The calendar year.")),
    Column(
        "period",
        _("T1 (January–April), T2 (January–August) or VB (the whole year). Each period counts from 1 January."),
    ),
    Column("unit_code", _("The unit's code in the city's organisation.")),
    Column("unit_name", _("The unit's name.")),
    Column(
        "unit_kind",
        _(
            "city, committee, company_board, specialist_administration, district_administration or company. "
            "Figures include every unit below."
        ),
    ),
)

INDICATORS = Dataset(
    key="indicators",
    title=_("Innovation indicators per organisation and period"),
    description=_(
        "The city's computed innovation indicators – ideas per 1,000 employees, ideas answered in time, ideas "
        "from outside the city's staff, ideas that reached pilot, realised innovations, the median days in "
        "each stage, the innovation funding granted and the share of ideas in the lock that got funding – for "
        "the city, its committees and company boards, and its administrations and companies, per tertial and "
        "year. Only periods that have ended are published. A figure resting on fewer than five ideas (or grants) "
        "is published as “<5” (a count) or left empty (a share, rate, median or amount), and figures that would "
        "let it be worked out – from a total, the units above or below, another period or a rate – are left "
        "empty too."
    ),
    keywords=(_("innovation"), _("indicators"), _("ideas"), _("municipality"), _("follow-up")),
    columns=(
        *PERIOD_COLUMNS,
        Column("indicator_code", _("The indicator's code.")),
        Column("indicator_name", _("The indicator's name, in Swedish.")),
        Column("measure", _("count, per_thousand (per 1,000 employees), percent, days or sek (kronor).")),
        Column(
            "value",
            _("The figure, with a decimal point. “<5” for a count from 1 to 4; empty when not published."),
        ),
        Column(
            "note",
            _(
                "“suppressed” when the figure rests on fewer than five ideas and is not given exactly; “withheld” "
                "when it is left out so that such a figure cannot be worked out from the others."
            ),
        ),
    ),
    rows=selectors.indicator_rows,
    periods=selectors.indicator_periods,
    summary=_(
        "The city's measures of its innovation work: for example ideas per 1,000 employees, the share of ideas "
        "answered in time and how many ideas became innovations – for the whole city and for each committee, "
        "administration and company."
    ),
    audience=_(
        "Politicians, managers and residents who follow the city's goals for innovation, and anyone who wants "
        "to compare administrations."
    ),
    preview_columns=(
        ("unit_name", _("Organisation")),
        ("indicator_name", _("Indicator (name in Swedish)")),
        ("value", pgettext_lazy("open data preview", "Figure")),
    ),
)

declare(INDICATORS, position=10)


def published(*, now: datetime | None = None) -> list[tuple[Dataset, list[selectors.PeriodKey]]]:
    """Every dataset with the periods it has published, oldest first."""
    return [(dataset, dataset.periods(now=now)) for dataset in DATASETS.values()]
