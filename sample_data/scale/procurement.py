"""City-scale procurement: ten years of a city's work as an innovative buyer — a procurement officer in each
administration and company and the central procurement function, about 400 cases from needs routed to a market
dialogue (older ones concluded or closed, newer ones in dialogue), their requests for information with about
20,000 published questions and answers (one with 300), meetings, written responses from 3,000 registered suppliers,
the EU thresholds and each organisation's procured value per year, and 1,500 suppliers' proposals within existing
contracts and choice systems. The public list of requests, a case with 300 questions and a supplier's page are in
the benchmarks.

Needs routed to a market dialogue come from the needs part when it has written them; the rest are written here."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress

from challenges.models import Need, NeedDecision, NeedDecisionKind, NeedOrigin, NeedStatus, Route
from challenges.needs.services import need_stems
from ideas.models import Idea, Source
from organisation.models import PersonKind, Role, RoleAssignment, SupplierOrganisation, UnitKind, User
from procurement.models import (
    CaseLogEntry,
    CaseStage,
    Contract,
    ContractKind,
    LogKind,
    Maturity,
    MeetingSlot,
    ProcuredValue,
    ProcurementCase,
    ProcurementRoute,
    ProposalStatus,
    PurchaseKind,
    Question,
    ResponseStatus,
    Rfi,
    RfiStatus,
    SupplierInterest,
    SupplierProposal,
    Threshold,
    WrittenResponse,
)
from sample_data.demo import ideas_texts as names
from sample_data.scale import BATCH, DAY, YEARS, ScaleBuilder, timestamps_as_given
from sample_data.scale.organisation import _org_number

CASES = 400
SUPPLIERS = 3_000
QUESTIONS = 20_000
#: The request with the most questions (the benchmarks' "case with 300 published questions").
LARGEST = 300
PROPOSALS = 1_500
CONTRACTS = 120
TOPICS = (
    "energismart styrning av lokaler",
    "digitala trygghetslarm",
    "matsvinn i skolköken",
    "fossilfria arbetsmaskiner",
    "tillgänglig information för nyanlända",
    "sensorer för inomhusklimat",
    "samordnade varutransporter",
    "läromedel för flerspråkiga elever",
    "välfärdsteknik i hemtjänsten",
    "återbruk av möbler",
)
TRADES = ("Teknik", "Energi", "Omsorg", "Data", "Bygg", "Miljö", "Logistik", "Konsult")
RATIONALE = "Lösningarna finns troligen på marknaden; en marknadsdialog visar vad som går att köpa."
#: The EU thresholds for municipalities, as the city enters them every second year (kronor).
THRESHOLDS = (
    (date(2016, 1, 1), 2_064_046, 51_520_618, 6_978_318),
    (date(2018, 1, 1), 2_219_200, 55_776_011, 7_690_950),
    (date(2020, 1, 1), 2_208_205, 55_479_849, 7_650_000),
    (date(2022, 1, 1), 2_193_223, 55_077_847, 7_610_000),
    (date(2024, 1, 1), 2_362_822, 59_093_246, 8_018_625),
    (date(2026, 1, 1), 2_327_108, 58_231_024, 7_946_250),
)


def build(builder: ScaleBuilder) -> None:  # noqa: C901 - one pass over the cases, in time order
    rng, people, units = builder.rng, builder.people, builder.units
    orgs = sorted(people.by_org)
    if not orgs or not people.employees or not people.office:
        return
    factor = builder.sizes.comments / 400_000
    n_cases = max(8, round(CASES * factor))
    n_suppliers = max(10, round(SUPPLIERS * factor))
    n_questions = max(40, round(QUESTIONS * factor))
    n_proposals = max(10, round(PROPOSALS * factor))
    start, end = builder.reference - timedelta(days=round(YEARS * 365.25)), builder.reference
    span = int((end - start).total_seconds())
    password = User.objects.only("password").get(pk=people.director).password
    root = next(u for u in units.values() if u.kind == UnitKind.CITY)

    models = (
        Threshold,
        ProcuredValue,
        Need,
        NeedDecision,
        ProcurementCase,
        CaseLogEntry,
        Rfi,
        SupplierInterest,
        Question,
        MeetingSlot,
        WrittenResponse,
        Contract,
        SupplierProposal,
        RoleAssignment,
        SupplierOrganisation,
    )
    with timestamps_as_given(*models):
        # The officers: one per administration and company (one of its people), and the central function.
        officer_of: dict[int, int] = {}
        roles = []
        for org in orgs:
            person = people.by_org[org][0]
            officer_of[org] = person
            roles.append(
                RoleAssignment(user_id=person, role=Role.PROCUREMENT, unit_id=org, created_at=start, updated_at=start)
            )
        central = people.by_org[orgs[0]][-1]
        roles.append(
            RoleAssignment(user_id=central, role=Role.PROCUREMENT, unit_id=root.id, created_at=start, updated_at=start)
        )
        RoleAssignment.objects.bulk_create(roles, ignore_conflicts=True)

        Threshold.objects.bulk_create(
            [
                Threshold(
                    valid_from=day,
                    supplies_services_sek=goods,
                    works_sek=works,
                    social_services_sek=social,
                    source="Upphandlingsmyndigheten, tröskelvärden för kommuner och regioner",
                    set_by_id=central,
                    created_at=start,
                    updated_at=start,
                )
                for day, goods, works, social in THRESHOLDS
            ]
        )
        thresholds = list(Threshold.objects.order_by("valid_from"))

        # Suppliers: the registered organisations with one person each, up to SUPPLIERS in all.
        numbers = set(SupplierOrganisation.objects.values_list("org_number", flat=True))
        new_orgs = []
        while len(numbers) < n_suppliers:
            number = _org_number(rng)
            if number in numbers:
                continue
            numbers.add(number)
            name = f"{rng.choice(names.LAST_NAMES)} {rng.choice(TRADES)} AB"
            new_orgs.append(SupplierOrganisation(name=name, org_number=number, created_at=start, updated_at=start))
        new_orgs = SupplierOrganisation.objects.bulk_create(new_orgs, batch_size=BATCH)
        accounts = User.objects.bulk_create(
            [
                User(
                    email=f"kontakt{o.pk}@leverantor.example.se",
                    name=f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}",
                    kind=PersonKind.SUPPLIER,
                    supplier_id=o.pk,
                    password=password,
                    date_joined=start,
                )
                for o in new_orgs
            ],
            batch_size=BATCH,
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in accounts], batch_size=BATCH
        )
        person_of: dict[int, int] = {}
        for pk, org in User.objects.filter(kind=PersonKind.SUPPLIER).order_by("pk").values_list("pk", "supplier_id"):
            person_of.setdefault(org, pk)
        supplier_orgs = sorted(person_of)

        # The needs routed to a market dialogue, written here where the needs part wrote too few.
        existing = list(
            Need.objects.filter(status=NeedStatus.ROUTED, route=Route.MARKET_DIALOGUE).values_list(
                "pk", "unit_id", "created_at"
            )
        )
        written, moments = [], []
        offices = list(people.office.items())
        for _i in range(max(0, n_cases - len(existing))):
            org, office = rng.choice(offices)
            at = start + timedelta(seconds=rng.randint(0, span - 60 * DAY))
            topic = rng.choice(TOPICS)
            moments.append(at)
            need = Need(
                title=f"Behov: {topic}",
                unit_id=org,
                who_has_it="Verksamheten och de som använder den.",
                how_it_shows=f"Kostnader och klagomål visar problem med {topic}.",
                good_outcome="En lösning som går att köpa och som halverar problemet.",
                origin=rng.choice([o for o in NeedOrigin.values if o != NeedOrigin.IDEA]),
                status=NeedStatus.ROUTED,
                route=Route.MARKET_DIALOGUE,
                created_by_id=office,
                submitted_at=at,
                decided_at=at + timedelta(days=14),
                created_at=at,
                updated_at=at + timedelta(days=14),
                version=4,
            )
            need.search_stems = need_stems(need)
            written.append(need)
        written = Need.objects.bulk_create(written, batch_size=BATCH)
        NeedDecision.objects.bulk_create(
            [
                NeedDecision(
                    need=n,
                    kind=kind,
                    route=Route.MARKET_DIALOGUE if kind == NeedDecisionKind.ROUTED else "",
                    rationale=RATIONALE if kind == NeedDecisionKind.ROUTED else "",
                    decided_by_id=n.created_by_id,
                    created_at=when,
                    updated_at=when,
                )
                for n, at in zip(written, moments, strict=True)
                for kind, when in (
                    (NeedDecisionKind.SUBMITTED, at),
                    (NeedDecisionKind.VALIDATED, at + timedelta(days=14)),
                    (NeedDecisionKind.ROUTED, at + timedelta(days=14)),
                )
            ],
            batch_size=BATCH,
        )
        needs = existing[:n_cases] + [(n.pk, n.unit_id, n.created_at) for n in written]
        needs.sort(key=lambda n: n[2])

        # Contracts and choice systems of the organisations, with their suppliers.
        contracts = []
        contract_suppliers: list[list[int]] = []
        for i in range(max(6, round(CONTRACTS * factor))):
            org = orgs[i % len(orgs)]
            kind = ContractKind.CHOICE_SYSTEM if i % 4 == 0 else ContractKind.CONTRACT
            begins = (start + timedelta(days=rng.randint(0, 3 * 365))).date()
            contracts.append(
                Contract(
                    title=("Valfrihetssystem: " if kind == ContractKind.CHOICE_SYSTEM else "Avtal: ")
                    + rng.choice(TOPICS),
                    reference=f"Dnr {begins.year}/{2000 + i}",
                    kind=kind,
                    unit_id=org,
                    owner_id=people.by_org[org][min(1, len(people.by_org[org]) - 1)],
                    description="Avtalet omfattar leveranser till stadens verksamheter.",
                    starts_on=begins,
                    ends_on=None if kind == ContractKind.CHOICE_SYSTEM else begins + timedelta(days=8 * 365),
                    value_sek=rng.randint(2, 80) * 1_000_000,
                    created_by_id=officer_of[org],
                    created_at=builder.reference - timedelta(days=(end.date() - begins).days),
                    updated_at=builder.reference - timedelta(days=(end.date() - begins).days),
                )
            )
            contract_suppliers.append(
                rng.sample(supplier_orgs, min(len(supplier_orgs), 12 if kind == ContractKind.CHOICE_SYSTEM else 2))
            )
        contracts = Contract.objects.bulk_create(contracts, batch_size=BATCH)
        Contract.suppliers.through.objects.bulk_create(
            [
                Contract.suppliers.through(contract_id=c.pk, supplierorganisation_id=s)
                for c, chosen in zip(contracts, contract_suppliers, strict=True)
                for s in chosen
            ],
            batch_size=BATCH,
        )

        # The cases, oldest first: the older concluded (or closed), the newer still in the dialogue or planning.
        cases = []
        routes = list(ProcurementRoute.values)
        for index, (need_pk, unit_id, need_at) in enumerate(needs):
            org = units[unit_id].org or unit_id
            at = need_at + timedelta(days=rng.randint(15, 45))
            if at >= end:
                at = end - timedelta(days=5)
            age = (end - at).days
            value = rng.randint(5, 400) * 100_000
            purchase = PurchaseKind.SUPPLIES_SERVICES if rng.random() < 0.8 else PurchaseKind.WORKS
            threshold = next((t for t in reversed(thresholds) if t.valid_from <= at.date()), None)
            stage = (
                CaseStage.CLOSED
                if age > 500 and index % 9 == 0
                else CaseStage.CONCLUDED
                if age > 500
                else CaseStage.TENDERING
                if age > 300
                else CaseStage.ROUTE_CHOSEN
                if age > 200
                else CaseStage.DIALOGUE
                if age > 20
                else CaseStage.PLANNING
            )
            has_route = stage in (CaseStage.ROUTE_CHOSEN, CaseStage.TENDERING, CaseStage.CONCLUDED)
            route = rng.choice(routes) if has_route else ""
            officer = officer_of.get(org, central)
            case = ProcurementCase(
                need_id=need_pk,
                unit_id=unit_id,
                title=f"Upphandling {index + 1}: {rng.choice(TOPICS)}",
                purchase_kind=purchase,
                estimated_value_sek=value,
                period_months=rng.choice((24, 36, 48, 60)),
                above_eu_threshold=threshold is not None and value >= threshold.amount_for(purchase),
                threshold=threshold,
                officer_id=officer,
                plan="Marknadsdialog med förfrågan om information, möten med de leverantörer som vill, sedan val av väg.",
                stage=stage,
                route=route,
                route_rationale="Dialogen visade att lösningar finns men behöver utvecklas." if route else "",
                route_decided_by_id=officer if route else None,
                route_decided_at=at + timedelta(days=150) if route else None,
                tender_reference=f"UH-{at.year}-{index + 1:04d}"
                if stage in (CaseStage.TENDERING, CaseStage.CONCLUDED)
                else "",
                tender_url=f"https://upphandling.example.se/annons/{index + 1}"
                if stage in (CaseStage.TENDERING, CaseStage.CONCLUDED)
                else "",
                outcome_value_sek=value if stage == CaseStage.CONCLUDED else None,
                outcome_at=at + timedelta(days=420) if stage == CaseStage.CONCLUDED else None,
                closed_reason="Behovet löstes inom ett befintligt avtal." if stage == CaseStage.CLOSED else "",
                created_by_id=officer,
                created_at=at,
                updated_at=at,
            )
            cases.append(case)
        from procurement.cases.services import case_stems

        for case in cases:
            case.search_stems = case_stems(case)
        cases = ProcurementCase.objects.bulk_create(cases, batch_size=BATCH)

        # Requests for information: every case past planning has one, published 10 days after the case.
        with_rfi = [c for c in cases if c.stage != CaseStage.PLANNING]
        rfis = []
        for case in with_rfi:
            published = case.created_at + timedelta(days=10)
            rfis.append(
                Rfi(
                    case=case,
                    title=f"Förfrågan om information: {case.title.split(': ', 1)[-1]}",
                    description="Staden vill veta vilka lösningar som finns och vad som behöver utvecklas.",
                    terms="Att delta är frivilligt och påverkar inte möjligheten att lämna anbud senare.",
                    questions_close_at=published + timedelta(days=30),
                    responses_close_at=published + timedelta(days=45),
                    status=RfiStatus.PUBLISHED,
                    published_at=published,
                    published_by_id=case.officer_id,
                    created_at=case.created_at,
                    updated_at=published,
                )
            )
        rfis = Rfi.objects.bulk_create(rfis, batch_size=BATCH)

        # Who registered, asked, met and responded: the largest request (the newest closed for questions) has 300.
        per_rfi = max(1, n_questions // max(1, len(rfis)))
        largest = max(
            (r for r in rfis if r.questions_close_at < end),
            key=lambda r: r.published_at or start,
            default=rfis[-1] if rfis else None,
        )
        interests, questions, slots, responses, log = [], [], [], [], []
        for rfi in rfis:
            opened: datetime = rfi.published_at or start
            registered = rng.sample(supplier_orgs, min(len(supplier_orgs), rng.randint(8, 40)))
            closed = rfi.questions_close_at < end
            for n, org in enumerate(registered):
                when = opened + timedelta(hours=6 + n)
                interests.append(
                    SupplierInterest(
                        rfi=rfi, supplier_id=org, registered_by_id=person_of[org], created_at=when, updated_at=when
                    )
                )
                log.append(
                    CaseLogEntry(
                        case_id=rfi.case_id,
                        kind=LogKind.INTEREST,
                        supplier_id=org,
                        person_id=person_of[org],
                        created_at=when,
                        updated_at=when,
                    )
                )
            rfi.supplier_count = len(registered)
            count = LARGEST if rfi is largest else rng.randint(max(1, per_rfi // 2), per_rfi * 3 // 2)
            answered_at = min(rfi.questions_close_at, end - timedelta(days=1))
            for n in range(count):
                org = registered[n % len(registered)]
                asked = opened + timedelta(hours=12 + n)
                is_published = closed or n % 3 != 0
                questions.append(
                    Question(
                        rfi=rfi,
                        supplier_id=org,
                        asked_by_id=person_of[org],
                        text=f"Fråga {n + 1}: hur ska {rng.choice(TOPICS)} fungera ihop med stadens system?",
                        public_text=f"Hur ska lösningen fungera ihop med stadens system (fråga {n + 1})?"
                        if is_published
                        else "",
                        answer="Lösningen ska kunna kopplas till stadens system med öppna gränssnitt."
                        if is_published
                        else "",
                        answered_by_id=rfi.published_by_id if is_published else None,
                        published_at=answered_at if is_published else None,
                        number=n + 1 if is_published else None,
                        created_at=asked,
                        updated_at=answered_at if is_published else asked,
                    )
                )
                rfi.published_question_count += int(is_published)
            for n in range(4):
                begins = opened + timedelta(days=14 + n, hours=9)
                booked = registered[n] if n < len(registered) else None
                held = booked is not None and begins < end
                slots.append(
                    MeetingSlot(
                        rfi=rfi,
                        starts_at=begins,
                        ends_at=begins + timedelta(hours=1),
                        place="Stadshuset, rum 3 eller Teams",
                        booked_by_supplier_id=booked,
                        booked_by_id=person_of[booked] if booked else None,
                        booked_at=opened + timedelta(days=2) if booked else None,
                        minutes="Leverantören beskrev sin lösning och sina erfarenheter från andra kommuner."
                        if held
                        else "",
                        minutes_published_at=begins + timedelta(days=1)
                        if held and begins + timedelta(days=1) < end
                        else None,
                        minutes_by_id=rfi.published_by_id if held else None,
                        created_at=opened,
                        updated_at=opened,
                    )
                )
            if rfi.responses_close_at < end:
                for org in registered[: max(1, len(registered) // 2)]:
                    sent = rfi.responses_close_at - timedelta(days=2)
                    responses.append(
                        WrittenResponse(
                            rfi=rfi,
                            supplier_id=org,
                            written_by_id=person_of[org],
                            solution="Vår lösning bygger på sensorer och en öppen plattform.",
                            solution_secret=rng.random() < 0.3,
                            maturity=rng.choice(Maturity.values),
                            price_indication="Omkring 400 000 kronor om året för en förvaltning.",
                            price_secret=True,
                            status=ResponseStatus.SUBMITTED,
                            submitted_at=sent,
                            created_at=sent - timedelta(days=5),
                            updated_at=sent,
                        )
                    )
        SupplierInterest.objects.bulk_create(interests, batch_size=BATCH)
        Question.objects.bulk_create(questions, batch_size=BATCH)
        MeetingSlot.objects.bulk_create(slots, batch_size=BATCH)
        WrittenResponse.objects.bulk_create(responses, batch_size=BATCH)
        Rfi.objects.bulk_update(rfis, ["supplier_count", "published_question_count"], batch_size=BATCH)
        for case in cases:
            log.append(
                CaseLogEntry(
                    case=case,
                    kind=LogKind.CREATED,
                    person_id=case.officer_id,
                    created_at=case.created_at,
                    updated_at=case.created_at,
                )
            )
        CaseLogEntry.objects.bulk_create(log, batch_size=BATCH)

        # Each organisation's procured value per year, with its source.
        ProcuredValue.objects.bulk_create(
            [
                ProcuredValue(
                    unit_id=org,
                    year=year,
                    value_sek=rng.randint(50, 2_000) * 1_000_000,
                    source="Stadens ekonomisystem, inköpsanalys",
                    entered_by_id=officer_of[org],
                    created_at=builder.reference,
                    updated_at=builder.reference,
                )
                for org in orgs
                for year in range(end.year - YEARS, end.year)
            ],
            batch_size=BATCH,
        )

        # Suppliers' proposals within the contracts, answered in time mostly; the newest still waiting.
        # An accepted proposal is an idea in the lock: the generated ideas from suppliers, one each.
        supplier_ideas = list(
            Idea.objects.filter(source=Source.SUPPLIER).order_by("created_at").values_list("pk", "created_at")
        )
        proposals = []
        for n in range(n_proposals):
            contract = contracts[n % len(contracts)]
            chosen = contract_suppliers[n % len(contracts)]
            org = chosen[n % len(chosen)]
            at = builder.reference - timedelta(days=rng.randint(1, 9 * 365))
            waiting = (end - at).days < 30
            status = ProposalStatus.SUBMITTED if waiting else ProposalStatus.DECLINED
            idea = None
            if not waiting and n % 3 == 0 and supplier_ideas:
                # Accepted three days after it was sent, the day its idea came into the lock.
                idea, idea_at = supplier_ideas.pop()
                at = idea_at - timedelta(days=3)
                status = ProposalStatus.ACCEPTED
            answered = at + timedelta(days=3 if idea else rng.randint(3, 45)) if not waiting else None
            proposals.append(
                SupplierProposal(
                    contract=contract,
                    supplier_id=org,
                    submitted_by_id=person_of[org],
                    title=f"Förbättring {n + 1}: {rng.choice(TOPICS)}",
                    proposal="Vi föreslår ett nytt arbetssätt som vi har prövat hos en annan kund.",
                    benefit="Kortare ledtider och nöjdare brukare.",
                    status=status,
                    due_at=at + timedelta(days=30),
                    answer=""
                    if waiting
                    else "Tack, vi tar det vidare."
                    if status == ProposalStatus.ACCEPTED
                    else "Det ryms inte i avtalet.",
                    answered_by_id=None if waiting else contract.owner_id,
                    answered_at=answered,
                    idea_id=idea,
                    created_at=at,
                    updated_at=answered or at,
                )
            )
        SupplierProposal.objects.bulk_create(proposals, batch_size=BATCH)
    builder.say(
        f"procurement: {len(cases)} cases, {len(rfis)} requests, {len(questions)} questions, "
        f"{len(responses)} responses, {len(proposals)} proposals"
    )


def counts() -> dict[str, int]:
    return {
        "procurement cases": ProcurementCase.objects.count(),
        "requests for information": Rfi.objects.count(),
        "questions to the city": Question.objects.count(),
        "supplier proposals": SupplierProposal.objects.count(),
    }
