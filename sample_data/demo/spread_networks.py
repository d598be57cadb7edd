"""The demo city's networks: the coaches' network with a discussion, a sector network for elderly care, and a
regional network with a member from Uppsala kommun (and an invitation to a university not yet accepted).

Written through ``spread.networks.services`` only, with each post's moment in the past weeks; the files the
discussions point to ("under Filer") are there.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

from sample_data.demo import DEMO_PASSWORD
from spread.models import NetworkKind
from spread.networks import services

if TYPE_CHECKING:
    from organisation.models import User
    from sample_data.demo import DemoBuilder
    from spread.models import Network

#: The partner from another municipality signs in with this address and the demo password.
PARTNER_EMAIL = "asa.ostlund@uppsala.example.se"

#: The coaches' discussion: (days ago, who — an index among the coaches, the thread's text, replies).
COACH_THREADS = (
    (
        26,
        1,
        "Hur får ni chefer att avsätta tid för förstudier? Hos oss säger alla ja på mötet, men sedan blir det "
        "aldrig av.",
        (
            (
                0,
                "Vi har börjat boka in förstudien som ett eget uppdrag med timmar i verksamhetsplanen. Då syns "
                "den och följs upp.",
            ),
            (2, "Samma här. Det hjälpte också att visa vad en liknande förstudie gav i en annan stadsdel."),
        ),
    ),
    (
        19,
        0,
        "Tips: Farstas idé om digitala lås i hemtjänsten ligger nu som gott exempel. Tre stadsdelar har hört av "
        "sig. @{c3} – ni funderade på något liknande i våras?",
        (
            (3, "Ja! Vi tar kontakt efter jul. Finns det en mall för riskanalysen?"),
            (0, "Den ligger under Filer: Mall för riskanalys."),
        ),
    ),
    (
        12,
        2,
        "Någon som har erfarenhet av att låta invånare testa en tjänst innan den upphandlas? Vi vill göra det "
        "med bokning av lokaler men är osäkra på vad som gäller.",
        ((1, "Prata med upphandlingsenheten tidigt – en dialog före annonseringen är tillåten och bra."),),
    ),
    (
        5,
        4,
        "Påminnelse: nätverksträffen i januari handlar om hur vi mäter nytta. Skriv gärna här vilka mått ni "
        "använder i dag, så samlar vi ihop dem.",
        (
            (1, "Vi mäter tid som frigörs per vecka och hur nöjda brukarna är (enkät före och efter)."),
            (2, "Antal avvikelser före och efter, och kostnad per ärende."),
        ),
    ),
    (
        2,
        3,
        "Vi har fått in flera idéer om ensamhet bland äldre från olika håll. Finns det någon som samlar dem? "
        "Vore bra att inte uppfinna hjulet tre gånger.",
        (),
    ),
)

#: The files the discussions point to: (days ago, who — an index among the network's people as in its threads,
#: the file's name, its text). Each is added two hours into its thread: the coaches' template by the coach who
#: answers that it is "under Filer", the routines for consent by the member who says they will add them.
RISK_TEMPLATE = (
    19,
    0,
    "Mall för riskanalys.txt",
    "Mall för riskanalys inför en förstudie eller pilot\n"
    "\n"
    "1. Vad ska prövas, var och hur länge?\n"
    "2. Vilka risker finns för brukare, invånare och medarbetare? Hur sannolika är de, och hur allvarliga?\n"
    "3. Behandlas personuppgifter? Kontakta dataskyddsombudet innan piloten börjar.\n"
    "4. Vad gör vi för att minska varje risk, och vem ansvarar?\n"
    "5. När avbryter vi piloten?\n",
)
CONSENT_ROUTINES = (
    15,
    1,
    "Rutiner för samtycke, Skärholmen.txt",
    "Rutiner för samtycke till nattkamera (Skärholmens stadsdelsförvaltning)\n"
    "\n"
    "- Samtycket ges av den enskilde, eller av en god man eller förvaltare som har rätt att lämna det.\n"
    "- Samtycket dokumenteras i genomförandeplanen och kan när som helst återkallas.\n"
    "- Kameran används bara de tider som står i genomförandeplanen.\n"
    "- Samtycket följs upp vid varje uppföljning av genomförandeplanen, minst var sjätte månad.\n",
)

ELDERLY_THREADS = (
    (
        15,
        "Vi provar nattkameror med samtycke i två boenden från februari. Någon som redan gjort det och vill "
        "dela sina rutiner för samtycke?",
        ("Vi har rutiner från Skärholmen, jag lägger upp dem under Filer.",),
    ),
    (6, "Tack för en bra träff i går! Anteckningarna kommer här i veckan.", ()),
)

REGION_THREADS = (
    (
        9,
        "Välkomna till nätverket! Här delar vi erfarenheter mellan kommunerna i regionen. Börja gärna med att "
        "berätta vad ni arbetar med just nu.",
        (
            "Hej från Uppsala! Vi arbetar med digitala trygghetslarm och vill gärna höra hur Stockholm har "
            "upphandlat sina.",
        ),
    ),
)


def _add_file(network: Network, people: list[User], file: tuple[int, int, str, str], now: datetime) -> None:
    """A text file the discussion points to, added by one of its members a few hours into the thread."""
    days, who, name, text = file
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    services.file_add(network=network, uploaded_by=people[who], upload=upload, now=now - timedelta(days=days, hours=-2))


def build(demo: DemoBuilder) -> None:
    cast = demo.cast
    office = cast.executive_office
    if office is None or not cast.coaches:
        return
    now = demo.now
    coaches = cast.coaches
    farsta_office = next(iter(cast.offices.values()))

    network = services.network_create(
        by=office,
        name="Coachnätverket",
        kind=NetworkKind.COACHES,
        description="Alla innovationscoacher i staden. Här frågar vi varandra, delar mallar och planerar träffar.",
    )
    names = {f"c{i}": c.name for i, c in enumerate(coaches[:6])}
    for days, author, text, replies in COACH_THREADS:
        at = now - timedelta(days=days)
        thread = services.post_add(network=network, author=coaches[author], body=text.format(**names), now=at)
        for n, (who, reply) in enumerate(replies, start=1):
            services.post_add(
                network=network, author=coaches[who], body=reply, parent=thread, now=at + timedelta(hours=3 * n)
            )
    _add_file(network, coaches, RISK_TEMPLATE, now)

    elderly = services.network_create(
        by=farsta_office,
        name="Innovation i äldreomsorgen",
        kind=NetworkKind.SECTOR,
        sector="äldreomsorg",
        description="För alla som arbetar med att förnya äldreomsorgen: hemtjänst, särskilt boende och dagverksamhet.",
    )
    joined = cast.employees[:8]
    for person in joined:
        services.network_join(network=elderly, person=person)
    for days, text, answers in ELDERLY_THREADS:
        at = now - timedelta(days=days)
        thread = services.post_add(network=elderly, author=joined[0], body=text, now=at)
        for n, answer in enumerate(answers, start=1):
            services.post_add(
                network=elderly, author=joined[n], body=answer, parent=thread, now=at + timedelta(hours=n)
            )
    _add_file(elderly, joined, CONSENT_ROUTINES, now)

    region = services.network_create(
        by=office,
        name="Innovationsnätverket i Mälardalen",
        kind=NetworkKind.OPEN,
        description="Innovationsansvariga i kommunerna runt Mälaren och forskare som följer dem.",
    )
    _invitation, token = services.invitation_send(
        network=region, by=office, email=PARTNER_EMAIL, now=now - timedelta(days=12)
    )
    partner = services.invitation_accept_new_account(
        token=token, name="Åsa Östlund, Uppsala kommun", password=DEMO_PASSWORD, now=now - timedelta(days=10)
    )
    services.invitation_send(network=region, by=office, email="forskare@universitet.example.se", now=now)
    for days, text, answers in REGION_THREADS:
        at = now - timedelta(days=days)
        thread = services.post_add(network=region, author=office, body=text, now=at)
        for n, answer in enumerate(answers, start=1):
            services.post_add(network=region, author=partner, body=answer, parent=thread, now=at + timedelta(days=n))
    demo.out("3 networks")
