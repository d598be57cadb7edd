"""The demo city as an innovative buyer: Farsta's procurement officer and the city's central procurement function
(each with a login printed by the demo command), the EU thresholds in force, Farsta's procured value for the last
three years, and a procurement case in every stage — one planning, one with an open request for information whose
questions have published answers, one whose meetings are booked and minuted with written responses in, one decided
as an innovation partnership with its tender reference, one concluded with its contract, one trying an existing
solution as a pilot in the lock, and one closed without a procurement — plus the elderly-care choice system (LOV) in
Farsta with suppliers' proposals: one accepted into the lock, one declined and one waiting.

Written through the services of ``challenges.needs`` and ``procurement`` only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.models import Need, NeedOrigin, Route
from challenges.needs import services as needs
from core.city import CITY_TIME_ZONE
from ideas.models import InnovationKind
from organisation import services as organisation
from organisation.models import PersonKind, Role, Unit, User
from procurement.cases import services as cases
from procurement.contracts import services as contracts
from procurement.contracts.services import SupplierEntry
from procurement.dialogue import services as dialogue
from procurement.dialogue.services import SlotTime
from procurement.models import ContractKind, Maturity, ProcurementRoute, PurchaseKind
from sample_data.demo import DEMO_DOMAIN, email_local_part
from sample_data.demo.challenges_needs import MARKET_DIALOGUE

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

#: The names of the procurement people who sign in with the demo password (their logins are in ``DEMO_LOGINS``).
LOGINS = (("upphandlare", "Sofia Berglund"), ("inkop", "Mona Lund"), ("omsorg", "Leila Haddad"))

#: The energy use of the schools' buildings, a document of the open request for information.
ENERGY_CSV = (
    "byggnad,byggår,kvadratmeter,kWh 2023,kWh 2024,kWh 2025\n"
    "Farstaskolan hus A,1958,6200,1240000,1215000,1198000\n"
    "Farstaskolan hus B,1961,4800,1010000,992000,987000\n"
    "Hökarängsskolan,1952,7100,1520000,1498000,1476000\n"
)

#: The EU thresholds for municipalities from 1 January 2026, in kronor.
THRESHOLDS_2026 = (2_327_108, 58_231_024, 7_946_250)


def _need(demo: DemoBuilder, manager, office, *, title: str, days_ago: int, texts: tuple[str, str, str]) -> Need:
    who, how, outcome = texts
    need = needs.need_create(
        by=manager,
        unit=manager.unit,
        title=title,
        origin=NeedOrigin.OWN_WORK,
        who_has_it=who,
        how_it_shows=how,
        good_outcome=outcome,
        now=demo.now - timedelta(days=days_ago),
    )
    needs.need_submit(need=need, by=manager, expected_version=need.version, now=demo.now - timedelta(days=days_ago - 1))
    return needs.need_route(
        need=need,
        by=office,
        expected_version=need.version,
        now=demo.now - timedelta(days=days_ago - 5),
        route=Route.MARKET_DIALOGUE,
        rationale="Lösningarna finns troligen på marknaden; en marknadsdialog visar vad som går att köpa.",
    )


def _case(demo, need, officer, *, title, value, months, plan, days_ago, contracts_=()):
    return cases.case_create(
        need=need,
        by=officer,
        title=title,
        purchase_kind=PurchaseKind.SUPPLIES_SERVICES,
        estimated_value_sek=value,
        period_months=months,
        plan=plan,
        affected_contracts=contracts_,
        now=demo.now - timedelta(days=days_ago),
    )


def _rfi(demo, case, officer, *, title, description, days_ago, questions_in, responses_in, documents=()):
    at = demo.now - timedelta(days=days_ago)
    rfi = dialogue.rfi_create(
        case=case,
        by=officer,
        title=title,
        description=description,
        terms="Att svara är frivilligt och påverkar inte möjligheten att lämna anbud i en senare upphandling. "
        "Staden använder svaren för att skriva kraven. Markera det som är affärshemligheter.",
        questions_close_at=_deadline(demo, days=questions_in),
        responses_close_at=_deadline(demo, days=responses_in),
        documents=documents,
        now=at,
    )
    return dialogue.rfi_publish(rfi=rfi, by=officer, expected_version=rfi.version, now=at + timedelta(hours=2))


def _at(demo: DemoBuilder, *, days_ago: int, hour: int) -> datetime:
    """A working day's hour in the city, ``days_ago`` days before the demo's day (moved back off a weekend)."""
    day = timezone.localdate(demo.now) - timedelta(days=days_ago)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=CITY_TIME_ZONE)


def _deadline(demo: DemoBuilder, *, days: int) -> datetime:
    """The end of a working day ``days`` days from the demo's day or later: never a weekend, New Year's Day or
    Twelfth Night, Christmas or Midsummer's Eve."""
    day = timezone.localdate(demo.now) + timedelta(days=days)
    while day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (1, 6), (12, 24), (12, 25), (12, 26), (12, 31)}:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 16, tzinfo=CITY_TIME_ZONE)


def _number(person: User) -> str:
    """The organisation number of a supplier's person."""
    if person.supplier is None:
        raise ValueError(f"{person} belongs to no supplier organisation.")
    return person.supplier.org_number


def _supplier(name: str) -> User | None:
    return User.objects.filter(kind=PersonKind.SUPPLIER, supplier__name=name).order_by("pk").first()


def _supplier_person(name: str, org_name: str, org_number: str) -> User:
    """The organisation's first person, or a new one who registers for the dialogues."""
    org = organisation.supplier_get_or_create(name=org_name, org_number=org_number)
    found = User.objects.filter(supplier=org).order_by("pk").first()
    if found is not None:
        return found
    return organisation.person_create(
        email=f"{email_local_part(name)}@{DEMO_DOMAIN}", name=name, kind=PersonKind.SUPPLIER, supplier=org
    )


def build(demo: DemoBuilder) -> None:  # noqa: PLR0915 - one story, told in order
    cast = demo.cast
    farsta = next((u for u in (m.unit for m in cast.managers.values()) if u and "Farsta" in u.name), None)
    if farsta is None or cast.director is None:
        return
    manager = User.objects.get(pk=cast.managers[farsta.pk].pk)
    office = User.objects.get(pk=cast.offices[farsta.pk].pk)
    root = Unit.objects.get_first_root_node()
    slk = Unit.objects.filter(code="SLK").first() or root
    people = {}
    for login, name in LOGINS[:2]:
        people[login] = organisation.person_create(
            email=f"{login}@{DEMO_DOMAIN}",
            name=name,
            kind=PersonKind.EMPLOYEE,
            unit=farsta if login == "upphandlare" else slk,
        )
    officer, central = people["upphandlare"], people["inkop"]
    organisation.role_assign(user=officer, role=Role.PROCUREMENT, unit=farsta)
    organisation.role_assign(user=central, role=Role.PROCUREMENT, unit=root)
    care = organisation.supplier_get_or_create(name="Omsorgshuset i Söderort AB", org_number="556677-8899")
    omsorg = organisation.person_create(
        email=f"omsorg@{DEMO_DOMAIN}", name=LOGINS[2][1], kind=PersonKind.SUPPLIER, supplier=care
    )
    nordlas = User.objects.get(email=f"leverantor@{DEMO_DOMAIN}")
    solbacka = _supplier("Solbacka Energi och Tak AB")
    teknik = _supplier("Omsorgsteknik Mälardalen AB")
    elfirma = _supplier_person("Anders Hagström", "Elfirma Hagström och Son AB", "556129-3845")
    larm = _supplier_person("Eva Strand", "Larmcentrum Öst AB", "559260-4713")
    bidders = [p for p in (solbacka, elfirma, nordlas, larm, teknik) if p is not None]

    cases.threshold_set(
        by=central,
        valid_from=date(2026, 1, 1),
        supplies_services_sek=THRESHOLDS_2026[0],
        works_sek=THRESHOLDS_2026[1],
        social_services_sek=THRESHOLDS_2026[2],
        source="Upphandlingsmyndigheten: tröskelvärden för kommuner och regioner 2026–2027",
    )
    this_year = demo.now.year
    for year, value in ((this_year - 3, 1_240_000_000), (this_year - 2, 1_310_000_000), (this_year - 1, 1_365_000_000)):
        cases.procured_value_set(
            by=officer,
            unit=farsta,
            year=year,
            value_sek=value,
            source="Stadens ekonomisystem: leverantörsfakturor, utfall per år",
        )

    # The elderly-care choice system (LOV) and the schools' energy contract, in the register.
    lov = contracts.contract_create(
        by=officer,
        unit=farsta,
        title="Valfrihetssystem för hemtjänst i Farsta",
        reference="Dnr 3.1.2-118/2023",
        kind=ContractKind.CHOICE_SYSTEM,
        owner=manager,
        suppliers=[SupplierEntry(org_number=_number(p)) for p in (omsorg, nordlas, teknik) if p is not None],
        description="Hemtjänst för äldre i Farsta: service, personlig omvårdnad och trygghetslarm i hemmet. Brukaren "
        "väljer utförare bland de godkända.",
        starts_on=date(this_year - 3, 1, 1),
        now=demo.now - timedelta(days=1000),
    )
    energy = contracts.contract_create(
        by=officer,
        unit=farsta,
        title="Drift och energitjänster för skolfastigheter",
        reference="Dnr 3.1.2-044/2021",
        kind=ContractKind.CONTRACT,
        owner=office,
        suppliers=[SupplierEntry(org_number=_number(solbacka))] if solbacka else [],
        description="Drift, tillsyn och energiuppföljning i Farstas skolbyggnader.",
        starts_on=date(this_year - 5, 7, 1),
        ends_on=date(this_year + 2, 6, 30),
        value_sek=18_500_000,
        now=demo.now - timedelta(days=1500),
    )

    # Concluded: fossil-free machines for the parks, bought with functional requirements.
    parks = _need(
        demo,
        manager,
        office,
        title="Parkskötselns maskiner går på fossila bränslen",
        days_ago=720,
        texts=(
            "Parkenheten och de som bor nära parkerna.",
            "Gräsklippare och lövblåsare går på bensin: buller, avgaser och 40 ton koldioxid om året.",
            "Parkerna sköts utan fossila bränslen och med mindre buller.",
        ),
    )
    concluded = _case(
        demo,
        parks,
        officer,
        title="Fossilfri parkskötsel",
        value=3_200_000,
        months=48,
        plan="Marknadsdialog om eldrivna och robotbaserade maskiner, sedan upphandling med funktionskrav.",
        days_ago=700,
    )
    cases.case_route_choose(
        case=concluded,
        by=officer,
        expected_version=concluded.version,
        route=ProcurementRoute.FUNCTIONAL,
        rationale="Dialogen visade att flera leverantörer har färdiga lösningar; funktionskrav på buller och "
        "utsläpp räcker.",
        now=demo.now - timedelta(days=600),
    )
    cases.case_tender_link(
        case=concluded,
        by=officer,
        expected_version=concluded.version,
        reference="UH-2025-0087",
        url="https://upphandling.stockholm.example.se/annons/UH-2025-0087",
        now=demo.now - timedelta(days=580),
    )
    cases.case_outcome_record(
        case=concluded,
        by=officer,
        expected_version=concluded.version,
        suppliers="559227-8500 Grönyta Robotskötsel AB",
        value_sek=3_050_000,
        starts_on=(demo.now - timedelta(days=450)).date(),
        ends_on=(demo.now - timedelta(days=450) + timedelta(days=4 * 365)).date(),
        now=demo.now - timedelta(days=460),
    )

    # Closed: bike parking was solved within an existing framework agreement.
    bikes = _need(
        demo,
        manager,
        office,
        title="För få cykelställ vid skolorna",
        days_ago=400,
        texts=(
            "Elever och personal som cyklar till skolan.",
            "Cyklar står låsta mot staket; skolorna får klagomål från grannar.",
            "Varje skola har cykelställ för en femtedel av eleverna.",
        ),
    )
    closed = _case(
        demo,
        bikes,
        officer,
        title="Cykelparkering vid Farstas skolor",
        value=600_000,
        months=12,
        plan="Ta reda på om det behövs en egen upphandling.",
        days_ago=390,
    )
    cases.case_close(
        case=closed,
        by=officer,
        expected_version=closed.version,
        reason="Stadens ramavtal för utemiljö täcker cykelställ; skolorna beställer på det.",
        now=demo.now - timedelta(days=370),
    )

    # Innovation partnership, in the tender: sensors that prevent damp damage, with a dialogue behind it.
    damp = _need(
        demo,
        manager,
        office,
        title="Fuktskador i skolor upptäcks för sent",
        days_ago=330,
        texts=(
            "Elever, personal och fastighetsförvaltningen.",
            "Tre skolor fick stänga lokaler förra året; fuktskadorna kostade 9 miljoner kronor att åtgärda.",
            "Fukt upptäcks innan den skadar byggnaden eller hälsan.",
        ),
    )
    partnership = _case(
        demo,
        damp,
        officer,
        title="Sensorer som förebygger fuktskador i skolor",
        value=12_000_000,
        months=60,
        plan="Marknadsdialog om sensorer och analys; troligen ett innovationspartnerskap.",
        days_ago=320,
        contracts_=[energy],
    )
    past = _rfi(
        demo,
        partnership,
        officer,
        title="Hur kan fukt i skolbyggnader upptäckas tidigt?",
        description="Staden vill veta vilka sensorer och analystjänster som finns, och vad som behöver utvecklas "
        "för att upptäcka fukt i äldre skolbyggnader innan den gör skada.",
        days_ago=310,
        questions_in=-280,
        responses_in=-265,
    )
    for person in bidders[:3]:
        dialogue.interest_register(rfi=past, by=person, now=demo.now - timedelta(days=305))
    partnership.refresh_from_db()
    cases.case_route_choose(
        case=partnership,
        by=officer,
        expected_version=partnership.version,
        route=ProcurementRoute.INNOVATION_PARTNERSHIP,
        rationale="Ingen leverantör har en färdig lösning för äldre byggnader; tre vill utveckla en tillsammans "
        "med staden.",
        now=demo.now - timedelta(days=240),
    )
    cases.case_tender_link(
        case=partnership,
        by=officer,
        expected_version=partnership.version,
        reference="UH-2026-0142",
        url="https://upphandling.stockholm.example.se/annons/UH-2026-0142",
        now=demo.now - timedelta(days=200),
    )

    # An existing solution tried as a pilot: digital signing of decisions.
    signing = _need(
        demo,
        manager,
        office,
        title="Beslut skickas på papper för underskrift",
        days_ago=200,
        texts=(
            "Handläggare och chefer i förvaltningen.",
            "Ett beslut tar i snitt sex dagar att få underskrivet; papper skickas mellan kontoren.",
            "Beslut skrivs under samma dag, utan papper.",
        ),
    )
    pilot = _case(
        demo,
        signing,
        officer,
        title="Digital underskrift av beslut",
        value=400_000,
        months=24,
        plan="Se om en lösning som redan används i andra kommuner passar oss.",
        days_ago=190,
    )
    cases.case_route_choose(
        case=pilot,
        by=officer,
        expected_version=pilot.version,
        route=ProcurementRoute.EXISTING_SOLUTION,
        rationale="Lösningen finns och används i tre kommuner; vi prövar den i en pilot innan vi köper.",
        now=demo.now - timedelta(days=150),
    )
    cases.case_pilot_start(
        case=pilot,
        by=officer,
        expected_version=pilot.version,
        kind=InnovationKind.PROCESS,
        values=["economic"],
        now=demo.now - timedelta(days=140),
    )

    # In dialogue, with meetings booked and minuted and written responses: digital safety alarms.
    alarms = _need(
        demo,
        manager,
        office,
        title="Trygghetslarmen slutar fungera när telenäten blir digitala",
        days_ago=120,
        texts=(
            "Äldre med trygghetslarm i hemmet och hemtjänstens personal.",
            "Analoga larm tappar kontakten när kopparnätet stängs; 14 larm larmade inte förra året.",
            "Alla larm fungerar över mobilnätet och larmar inom 30 sekunder.",
        ),
    )
    alarm_case = _case(
        demo,
        alarms,
        officer,
        title="Digitala trygghetslarm i hemtjänsten",
        value=5_500_000,
        months=48,
        plan="Förfrågan om information, möten med de leverantörer som vill, sedan val av väg.",
        days_ago=110,
        contracts_=[lov],
    )
    meetings = _rfi(
        demo,
        alarm_case,
        officer,
        title="Digitala trygghetslarm som fungerar i alla hem",
        description="Staden vill veta vilka digitala trygghetslarm som finns, hur de fungerar utan fast "
        "telefon, och vad en övergång för 900 brukare skulle kräva.",
        days_ago=100,
        questions_in=-40,
        responses_in=10,
    )
    alarm_bidders = [p for p in (nordlas, larm, teknik) if p is not None]
    for n, person in enumerate(alarm_bidders):
        dialogue.interest_register(rfi=meetings, by=person, now=demo.now - timedelta(days=98 - n))
    asked = dialogue.question_ask(
        rfi=meetings,
        by=larm,
        text="Vi på vår firma undrar: ska larmen kunna kopplas till vår befintliga larmcentral, eller är det "
        "stadens larmcentral som gäller?",
        now=demo.now - timedelta(days=90),
    )
    dialogue.answer_draft(
        question=asked,
        by=officer,
        expected_version=asked.version,
        public_text="Ska larmen kopplas till leverantörens larmcentral eller till stadens?",
        answer="Till stadens larmcentral, som tar emot larm enligt standarden SS 91100.",
        now=demo.now - timedelta(days=85),
    )
    dialogue.answers_publish(rfi=meetings, by=officer, now=demo.now - timedelta(days=84))
    slots = dialogue.slots_offer(
        rfi=meetings,
        by=officer,
        slots=[
            SlotTime(
                starts_at=_at(demo, days_ago=60 - i, hour=9),
                ends_at=_at(demo, days_ago=60 - i, hour=10),
                place="Farsta stadsdelsförvaltning, Farstaplan 3, eller Teams",
            )
            for i in range(4)
        ],
        now=demo.now - timedelta(days=80),
    )
    booked = []
    for slot, person in zip(slots, alarm_bidders[:2], strict=False):
        booked.append(dialogue.slot_book(slot=slot, by=person, now=demo.now - timedelta(days=75)))
    minutes = (
        "Leverantören visade ett larm som använder två mobilnät och larmar inom 20 sekunder. Installation tar "
        "30 minuter per hem. Frågor om batteritid och om brukare utan mobiltäckning.",
        "Leverantören beskrev en övergång i en annan kommun: 1 200 larm byttes på fyra månader. Viktigt med "
        "information till brukarna i förväg.",
    )
    for slot, text in zip(booked, minutes, strict=False):
        dialogue.minutes_write(
            slot=slot,
            by=officer,
            expected_version=slot.version,
            minutes=text,
            publish=True,
            now=slot.ends_at + timedelta(days=1),
        )
    dialogue.response_save(
        rfi=meetings,
        by=nordlas,
        expected_version=None,
        solution="Digitala larm med två mobilnät, batteri för 48 timmar och larmknapp som tål vatten.",
        maturity=Maturity.WIDELY_USED,
        price_indication="Omkring 190 kronor per larm och månad, installation ingår.",
        price_secret=True,
        submit=True,
        now=demo.now - timedelta(days=20),
    )
    if teknik is not None:
        dialogue.response_save(
            rfi=meetings,
            by=teknik,
            expected_version=None,
            solution="Larm som också känner av fall och inaktivitet, med en app för anhöriga.",
            solution_secret=True,
            maturity=Maturity.PILOTED,
            price_indication="Ges på begäran.",
            now=demo.now - timedelta(days=10),
        )

    # In dialogue with an open request: the schools' energy (the demo's need routed to a market dialogue).
    school_need = Need.objects.filter(title=MARKET_DIALOGUE).first()
    if school_need is not None and school_need.route == Route.MARKET_DIALOGUE:
        routed_at = school_need.decided_at or demo.now - timedelta(days=30)
        days = max(2, (demo.now - routed_at).days - 1)
        energy_case = _case(
            demo,
            school_need,
            officer,
            title="Energismart styrning av äldre skolbyggnader",
            value=8_000_000,
            months=48,
            plan="Förfrågan om information under fyra veckor, möten i november, val av väg före årsskiftet.",
            days_ago=days,
            contracts_=[energy],
        )
        open_rfi = _rfi(
            demo,
            energy_case,
            officer,
            title="Hur kan äldre skolbyggnader använda en tredjedel mindre energi?",
            description="Staden vill veta vilka lösningar för styrning av värme, ventilation och belysning som "
            "finns för byggnader från 1950- och 1960-talen, vad de kostar och hur de har fungerat hos andra.",
            days_ago=max(1, days - 1),
            questions_in=12,
            responses_in=26,
            documents=[
                SimpleUploadedFile(
                    "energiforbrukning-per-byggnad-2023-2025.csv",
                    ENERGY_CSV.encode("utf-8"),
                    content_type="text/csv",
                )
            ],
        )
        for bidder in bidders:
            dialogue.interest_register(rfi=open_rfi, by=bidder, now=demo.now - timedelta(hours=20))
        questions = (
            (
                solbacka,
                "Finns det mätdata per byggnad som vi kan få ta del av före mötena?",
                "Finns det mätdata per byggnad att ta del av?",
                "Ja. Energiförbrukning per månad och byggnad för 2023–2025 finns nu bland förfrågans handlingar.",
            ),
            (
                elfirma,
                "Får lösningen styra befintliga ventilationsaggregat, eller ska de bytas?",
                "Får lösningen styra de befintliga ventilationsaggregaten?",
                "Ja, lösningen ska kunna styra befintliga aggregat. Byte kan föreslås om det lönar sig.",
            ),
            (
                nordlas,
                "Hur många skolbyggnader gäller det?",
                "Hur många skolbyggnader gäller det?",
                "Elva byggnader med sammanlagt 64 000 kvadratmeter.",
            ),
        )
        for asker, text, public, answer in questions:
            if asker is None:
                continue
            q = dialogue.question_ask(rfi=open_rfi, by=asker, text=text, now=demo.now - timedelta(hours=16))
            dialogue.answer_draft(
                question=q,
                by=officer,
                expected_version=q.version,
                public_text=public,
                answer=answer,
                now=demo.now - timedelta(hours=6),
            )
        dialogue.answers_publish(rfi=open_rfi, by=officer, now=demo.now - timedelta(hours=5))
        if teknik is not None:
            dialogue.question_ask(
                rfi=open_rfi,
                by=teknik,
                text="Räknas skolornas kök med i energiförbrukningen?",
                now=demo.now - timedelta(hours=2),
            )

    # Planning: meals delivered to older people arrive cold.
    meals = _need(
        demo,
        manager,
        office,
        title="Matlådor till äldre kommer fram kalla",
        days_ago=20,
        texts=(
            "Äldre som får mat levererad hem.",
            "Var tredje synpunkt på hemtjänsten handlar om kall mat; leveranserna tar upp till tre timmar.",
            "Maten kommer fram varm, eller går att värma enkelt och säkert.",
        ),
    )
    _case(
        demo,
        meals,
        officer,
        title="Varm mat hem till äldre",
        value=2_400_000,
        months=36,
        plan="Skriva en förfrågan om information om transporter och förpackningar; publicera inom två veckor.",
        days_ago=10,
    )

    # Suppliers' proposals in the choice system: one accepted into the lock, one declined, one waiting.
    accepted = contracts.proposal_submit(
        contract=lov,
        by=nordlas,
        title="Larmknapp som också larmar vid fall",
        proposal="Byt larmknappen mot en som larmar själv om brukaren faller, utan extra kostnad inom avtalet.",
        benefit="Snabbare hjälp vid fall, som är den vanligaste orsaken till larm.",
        now=demo.now - timedelta(days=60),
    )
    contracts.proposal_accept(
        proposal=accepted,
        by=manager,
        expected_version=accepted.version,
        answer="Bra förslag. Vi prövar det i två hemtjänstgrupper och erbjuder det sedan alla utförare.",
        audience="Äldre med hemtjänst och trygghetslarm i Farsta.",
        kind=InnovationKind.SERVICE,
        values=["social"],
        now=demo.now - timedelta(days=40),
    )
    declined = contracts.proposal_submit(
        contract=lov,
        by=omsorg,
        title="Färre besök med fler uppgifter per besök",
        proposal="Slå ihop korta besök till längre, så att personalen reser mindre.",
        benefit="Mindre restid, mer tid hos brukaren.",
        now=demo.now - timedelta(days=50),
    )
    contracts.proposal_decline(
        proposal=declined,
        by=manager,
        expected_version=declined.version,
        answer="Besöken bestäms av biståndsbeslutet och brukarens önskemål, inte av avtalet. Vi tar upp frågan "
        "med biståndshandläggarna.",
        now=demo.now - timedelta(days=35),
    )
    contracts.proposal_submit(
        contract=lov,
        by=omsorg,
        title="Digital nyckelhantering i hemtjänsten",
        proposal="Ersätt fysiska nycklar med digitala lås som loggar varje besök.",
        benefit="Inga borttappade nycklar, och brukaren ser när personalen har varit där.",
        now=demo.now - timedelta(days=5),
    )
    # Everyone made here signs in with the demo's shared password, hashed once by the organisation part.
    User.objects.filter(pk__in=[officer.pk, central.pk, omsorg.pk, elfirma.pk, larm.pk]).update(
        password=User.objects.only("password").get(pk=cast.director.pk).password
    )
    demo.out("procurement: 7 cases, 3 requests for information, 2 contracts, 3 proposals")
