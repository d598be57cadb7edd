"""The demo city: a deterministic, realistic Stockholm-like city built through the services.

Everything is written through the same service functions the product uses, with
their ``now`` argument set so that three years of history unfold in order. Each app's
part is a module of this package named after the app's label, found by
``sample_data.parts``: the units and the people (``organisation.py``), the ideas
(``ideas.py``), the calls of the innovation fund, the stipend and the awards
(``calls.py``), then governance follow-up (goals, targets and reports, ``governance.py``).
Each module's ``build(demo)`` gets the ``DemoBuilder``: the seed, the random generator
they share, the moment the demo is built at (``now``) and the cast of people.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from organisation.models import UnitKind, User
from sample_data.parts import parts

UNITS_CSV = Path(__file__).resolve().parent / "stockholm_units.csv"
DEMO_PASSWORD = "demo-Sprang-2026"  # noqa: S105 - printed and documented on purpose
DEMO_DOMAIN = "demo.sprang.se"
#: The demo administrator's authenticator app secret (TOTP, base32), printed and documented on purpose:
#: the admin site asks for a code from the app, and anyone trying the demo adds this secret to theirs.
DEMO_ADMIN_TOTP_SECRET = "SPRANGDEMOADMINTOTPSECRETKEY2345"  # noqa: S105

#: The demo logins printed by the demo command and listed in the README.
DEMO_LOGINS = (
    ("medarbetare", "employee", "Medarbetare i Hemtjänsten Hökarängen, Farsta: egna idéer om äldreomsorgen"),
    ("chef", "manager", "Chef för Farsta stadsdelsförvaltning: egna idéer om äldreomsorgen"),
    ("coach", "coach", "Innovationscoach, ordförande i kvalitetsutmärkelsens jury"),
    ("innovationskontor", "office", "Innovationskontoret i Farsta"),
    ("direktor", "director", "Innovationsdirektör för hela staden"),
    ("stadsledningskontoret", "office", "Stadsledningskontoret: granskar förvaltningarnas och bolagens rapporter"),
    ("invanare", "resident", "Invånare i Farsta: egna idéer om Farsta"),
    ("leverantor", "supplier", "Leverantör på Nordlås Trygghet AB: idéer om trygghetslarm i Farstas äldreomsorg"),
    ("upphandlare", "procurement", "Upphandlare i Farsta: upphandlingsärenden och marknadsdialoger"),
    ("inkop", "procurement", "Stadens centrala upphandlingsfunktion: EU:s tröskelvärden"),
    ("omsorg", "supplier", "Leverantör i hemtjänstens valfrihetssystem i Farsta: förslag på förbättringar"),
    ("admin", "admin", "Systemadministratör (administrationssidorna)"),
)

ORG_KINDS = (UnitKind.DISTRICT_ADMINISTRATION, UnitKind.SPECIALIST_ADMINISTRATION, UnitKind.COMPANY)


def email_local_part(name: str) -> str:
    """The part before @ of a demo address made from a name, in plain ASCII (å, ä, ö, ć, ş ... lose their marks).

    A sign-in form accepts only ASCII before the @, so an address with “å” could never sign in.
    """
    decomposed = unicodedata.normalize("NFKD", name.lower().replace(" ", "."))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in ".-"))


@dataclass
class Cast:
    director: User | None = None
    executive_office: User | None = None  # the innovation office of the whole city, at Stadsledningskontoret
    offices: dict[int, User] = field(default_factory=dict)  # organisation unit id -> office person
    managers: dict[int, User] = field(default_factory=dict)  # organisation unit id -> manager
    coaches: list[User] = field(default_factory=list)
    employees: list[User] = field(default_factory=list)
    residents: list[User] = field(default_factory=list)
    suppliers: list[User] = field(default_factory=list)


class DemoBuilder:
    """Builds the demo city; what each app's part gets: the seed, the shared random draws, ``now`` and the cast."""

    def __init__(
        self, *, seed: int = 2015, ideas: int = 400, governance_years: int = 3, now: datetime | None = None, out=None
    ) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.idea_count = ideas
        self.governance_years = governance_years
        self.out = out or (lambda msg: None)
        self.now = (now or timezone.now()).replace(microsecond=0)
        self.start = self.now - timedelta(days=3 * 365)
        self.used_emails: set[str] = set()
        self.cast = Cast()

    def build(self) -> Cast:
        # No mail, and no query log (with DEBUG on it slows the build by a tenth).
        quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", DEBUG=False)
        with quiet, transaction.atomic():
            for part in parts("demo"):
                part.build(self)
        return self.cast
