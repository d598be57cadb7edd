"""The demo's needs: Farsta's needs in every state, written by its manager (*chef*, Johan Ek) and decided by its
innovation office (*innovationskontor*, Sara Holm), so that the demo logins see each step.

- a draft (own work), one waiting for validation (from complaints), one returned with a comment (from the user
  survey), one validated without a route (from an idea);
- routed, each with its rationale: an internal challenge (``INTERNAL_CHALLENGE``), two public challenges
  (``PUBLIC_CHALLENGES``), two OpenLab assignments (``OPENLAB``: a student team and a research group), a market
  dialogue, and one solved in the lock that became an idea (``LOCK``).

The challenges and OpenLab parts find their needs by route and these titles. Other administrations' managers say
they have the same need on some; *medarbetare* (Lina Karlsson) follows two.
"""

from __future__ import annotations

from datetime import timedelta

from challenges.models import NeedOrigin, Route
from challenges.needs import services
from ideas.models import Idea
from organisation.models import User

INTERNAL_CHALLENGE = "Dokumentationen tar tid från brukarna i hemtjänsten"
PUBLIC_CHALLENGES = ("Otrygga gångvägar kvällstid i Farsta", "Matsvinn i skolrestaurangerna")
OPENLAB = ("Unga som inte söker feriejobb", "Fallolyckor bland äldre som bor hemma")
MARKET_DIALOGUE = "Hög energiförbrukning i äldre skolbyggnader"
LOCK = "Föräldrar missar information från förskolan"

#: title → (origin, who has it, how it shows, what it costs, a good outcome, constraints, links, route or state)
NEEDS = [
    (
        "Svårt för föreningar att hitta lediga lokaler",
        NeedOrigin.OWN_WORK,
        "Föreningar och studieförbund i Farsta.",
        "Vi får flera frågor i veckan om lediga lokaler, och många lokaler står tomma på kvällarna.",
        "",
        "Föreningarna hittar och bokar en ledig lokal själva.",
        "",
        [],
        "draft",
    ),
    (
        "Många klagomål på snöröjningen vid förskolorna",
        NeedOrigin.COMPLAINTS,
        "Föräldrar som lämnar och hämtar barn, och personalen på förskolorna.",
        "Förra vintern kom 86 klagomål om halka och snövallar vid förskolornas entréer, fler än något annat ämne.",
        "Två halkolyckor bland personalen med sjukskrivning; extra beställningar av sandning.",
        "Entréerna är fria från snö och is när förskolorna öppnar.",
        "Avtalet med entreprenören gäller till 2028.",
        [("https://start.stockholm/klagomal-vinter", "Sammanställning av klagomål, vintern 2025/26")],
        "submitted",
    ),
    (
        "Äldre känner sig ensamma på helgerna",
        NeedOrigin.USER_SURVEY,
        "Äldre som bor hemma med hemtjänst.",
        "I brukarundersökningen svarar 41 procent att de ofta känner sig ensamma, mest på helgerna.",
        "",
        "Färre äldre känner sig ensamma; andelen i brukarundersökningen minskar.",
        "",
        [("https://start.stockholm/brukarundersokning-2025", "Brukarundersökningen i äldreomsorgen 2025")],
        "returned",
    ),
    (
        "Nyanlända hittar inte rätt bland stadens e-tjänster",
        NeedOrigin.IDEA,
        "Nyanlända familjer som ska söka förskola, bostad och försörjningsstöd.",
        "Medborgarkontoret får många besök från personer som inte hittat rätt e-tjänst eller inte förstår språket.",
        "Omkring två årsarbetare på medborgarkontoret.",
        "Fler klarar sina ärenden själva, på ett språk de förstår.",
        "Dataskyddsförordningen; tillgänglighetskraven för offentliga webbplatser.",
        [],
        "validated",
    ),
    (
        INTERNAL_CHALLENGE,
        NeedOrigin.OWN_WORK,
        "Undersköterskor i hemtjänsten och de äldre de besöker.",
        "Personalen lägger i snitt 50 minuter per pass på dokumentation, ofta efter besöket.",
        "Omkring 9 miljoner kronor om året i hela stadsdelen.",
        "Dokumentationen tar hälften så lång tid och görs i samband med besöket.",
        "Socialtjänstlagen; journalsystemet byts inte före 2027.",
        [],
        Route.INTERNAL_CHALLENGE,
    ),
    (
        PUBLIC_CHALLENGES[0],
        NeedOrigin.COMPLAINTS,
        "Boende och förbipasserande, främst kvinnor och äldre.",
        "Trygghetsundersökningen och 54 klagomål om mörka gångvägar mellan Farsta centrum och bostadsområdena.",
        "",
        "Fler känner sig trygga att gå hem på kvällen.",
        "Belysningen ägs av trafikkontoret.",
        [("https://start.stockholm/trygghetsmatning", "Stockholms trygghetsundersökning 2025")],
        Route.PUBLIC_CHALLENGE,
    ),
    (
        PUBLIC_CHALLENGES[1],
        NeedOrigin.OWN_WORK,
        "Elever, kockar och skolornas ekonomi.",
        "Skolrestaurangerna slänger i snitt 60 gram mat per elev och dag.",
        "Omkring 4 miljoner kronor om året i råvaror.",
        "Matsvinnet halveras utan att eleverna äter mindre.",
        "Livsmedelslagen; skollunchen ska vara näringsriktig.",
        [],
        Route.PUBLIC_CHALLENGE,
    ),
    (
        OPENLAB[0],
        NeedOrigin.USER_SURVEY,
        "Ungdomar 16–18 år i Farsta.",
        "Bara hälften av de platser som erbjuds söks; enkäten visar att många inte vet att de kan söka.",
        "",
        "Fler unga söker och får ett feriejobb, också de som inte gjort det förut.",
        "",
        [],
        Route.OPENLAB,
    ),
    (
        OPENLAB[1],
        NeedOrigin.OWN_WORK,
        "Äldre över 80 år som bor hemma.",
        "Fallolyckor är den vanligaste orsaken till att äldre i hemtjänsten läggs in på sjukhus.",
        "Varje höftfraktur kostar regionen och staden omkring 500 000 kronor.",
        "Färre fallolyckor bland äldre i hemtjänsten.",
        "Forskning på personer kräver etikprövning.",
        [],
        Route.OPENLAB,
    ),
    (
        MARKET_DIALOGUE,
        NeedOrigin.OWN_WORK,
        "Skolorna, fastighetsförvaltningen och eleverna.",
        "De äldsta skolbyggnaderna drar dubbelt så mycket energi per kvadratmeter som de nyaste.",
        "Omkring 6 miljoner kronor om året i energi.",
        "Energiförbrukningen minskar med en tredjedel utan sämre inomhusklimat.",
        "Lagen om offentlig upphandling.",
        [],
        Route.MARKET_DIALOGUE,
    ),
    (
        LOCK,
        NeedOrigin.COMPLAINTS,
        "Föräldrar med barn i förskolan.",
        "Föräldrar klagar på att de missar information om stängda dagar och utflykter, som skickas på papper.",
        "",
        "Alla föräldrar får informationen i tid, på ett sätt de läser.",
        "",
        [],
        Route.LOCK,
    ),
]

RATIONALES: dict[str, str] = {
    Route.INTERNAL_CHALLENGE: "Personalen i hela staden har erfarenheter av detta; en intern utmaning samlar dem.",
    Route.PUBLIC_CHALLENGE: "Invånare och leverantörer ser problemet från andra håll än vi; en öppen utmaning passar.",
    Route.OPENLAB: "Vi behöver förstå orsakerna bättre innan vi väljer lösning; det passar studenter och forskare.",
    Route.MARKET_DIALOGUE: "Lösningarna finns troligen på marknaden; en marknadsdialog visar vad som går att köpa.",
    Route.LOCK: "Enheten kan lösa det själv; det blir en idé i innovationsslussen.",
}


def build(demo) -> None:
    cast = demo.cast
    now = demo.now
    farsta = next(u for u in (m.unit for m in cast.managers.values()) if u and "Farsta" in u.name)
    manager = User.objects.get(pk=cast.managers[farsta.pk].pk)
    office = User.objects.get(pk=cast.offices[farsta.pk].pk)
    idea = Idea.objects.filter(unit__path__startswith=farsta.path).order_by("pk").first()
    others = [User.objects.get(pk=m.pk) for pk, m in cast.managers.items() if pk != farsta.pk][:3]
    lina = next((e for e in cast.employees if e.name == "Lina Karlsson"), None)
    made = 0
    for index, (title, origin, who, how, cost, outcome, constraints, links, state) in enumerate(NEEDS):
        written = now - timedelta(days=90 - index * 7)
        if origin == NeedOrigin.IDEA and idea is None:
            origin = NeedOrigin.OWN_WORK
        need = services.need_create(
            by=manager,
            unit=farsta,
            title=title,
            who_has_it=who,
            how_it_shows=how,
            cost_today=cost,
            good_outcome=outcome,
            constraints=constraints,
            origin=origin,
            idea=idea if origin == NeedOrigin.IDEA else None,
            links=links,
            now=written,
        )
        made += 1
        if state == "draft":
            continue
        services.need_submit(need=need, by=manager, expected_version=need.version, now=written + timedelta(days=1))
        if state == "submitted":
            continue
        decided = written + timedelta(days=5)
        if state == "returned":
            services.need_validate(
                need=need,
                by=office,
                expected_version=need.version,
                valid=False,
                comment="Bra beskrivet! Lägg till hur många det gäller och vad det kostar i dag, så tar vi ställning.",
                now=decided,
            )
            continue
        if state == "validated":
            services.need_validate(need=need, by=office, expected_version=need.version, valid=True, now=decided)
            continue
        services.need_route(
            need=need,
            by=office,
            expected_version=need.version,
            route=state,
            rationale=RATIONALES[state],
            idea_kind="service" if state == Route.LOCK else "",
            idea_values=["social"] if state == Route.LOCK else [],
            now=decided,
        )
        if state in (Route.PUBLIC_CHALLENGE, Route.INTERNAL_CHALLENGE):
            for other in others[: 3 if state == Route.INTERNAL_CHALLENGE else 2]:
                if other.unit is not None:
                    services.same_need_report(
                        need=need, by=other, unit=other.unit, note="Vi ser samma sak hos oss.", now=decided
                    )
            if lina is not None:
                services.need_follow(need=need, by=User.objects.get(pk=lina.pk))
    demo.out(f"  {made} needs")
