"""The ideas' open dataset: ideas received per source and stages reached, per organisation and period.

Its rows come from ``opendata.selectors``, whose disclosure control (``core/disclosure.py``) protects
these counts together with the indicators computed from them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opendata import selectors as opendata_selectors
from opendata.datasets import PERIOD_COLUMNS, Column, Dataset, declare

IDEAS = declare(
    Dataset(
        key="ideas",
        title=_("Ideas received and stages reached per organisation"),
        description=_(
            "For each administration and municipal company and each tertial and year: how many ideas were received "
            "from each source (employees, managers, residents, suppliers, universities, other city units, feedback), "
            "and how many ideas were decided into pre-study, pilot, implementation and spread. Only periods that "
            "have ended are published. Counts from 1 to 4 are published as “<5”, and counts that would let one be "
            "worked out – from a total, the units above or below, or another period – are left empty."
        ),
        keywords=(_("innovation"), _("ideas"), _("co-creation"), _("municipality"), _("follow-up")),
        columns=(
            *PERIOD_COLUMNS,
            Column(
                "breakdown", _("source: ideas received, by where they came from; stage: ideas that reached a stage.")
            ),
            Column(
                "category",
                _(
                    "The source (employee, manager, resident, supplier, university, city_unit, feedback) or the stage "
                    "(prestudy, pilot, implementation, spread)."
                ),
            ),
            Column("category_name", _("The source or stage, in Swedish.")),
            Column("ideas", _("The number of ideas. “<5” for 1 to 4; empty when withheld.")),
            Column(
                "note",
                _(
                    "“suppressed” when the number is 1 to 4 and not given exactly; “withheld” when it is left out so "
                    "that such a number cannot be worked out from the others."
                ),
            ),
        ),
        rows=opendata_selectors.idea_rows,
        periods=opendata_selectors.idea_periods,
        summary=_(
            "How many ideas each administration and municipal company received, and from whom – employees, "
            "residents, companies and others – and how many ideas went on to a pre-study, a pilot, implementation "
            "and spread."
        ),
        audience=_(
            "Residents, journalists, researchers and politicians who want to follow what happens to the ideas the "
            "city receives, and developers who build services on the figures."
        ),
        preview_columns=(
            ("unit_name", _("Organisation")),
            ("category_name", _("Source or stage (in Swedish)")),
            ("ideas", _("Ideas")),
        ),
    ),
    position=20,
)
