"""The demo city's good examples: the ideas put into practice and assessed become examples through the services,
with what it took and what to watch out for; the award winners the calls decided were proposed on their own
(``spread.examples.receivers``) and the innovation office confirms all but the latest, which waits. About a third
are public, with their owner's consent."""

from __future__ import annotations

from datetime import timedelta

from ideas.lock import Stage
from ideas.models import Idea
from organisation.models import PersonKind
from sample_data.demo import DemoBuilder
from spread.examples import services
from spread.models import Example, ExampleStatus

#: What it took and what to watch out for, drawn for each example (cost, time, roles, tools, watch out for).
TOOK = (
    (
        "Cirka 40 000 kronor för utrustning och 60 timmar arbetstid.",
        "Fyra månader från start till full drift.",
        "Enhetschef, två medarbetare som drev arbetet, IT-stöd.",
        "Veckovisa avstämningar, en enkel enkät till användarna före och efter.",
        "Avsätt tid för att lära upp alla i personalgruppen, inte bara de som är intresserade.",
    ),
    (
        "Ingen extra budget: arbetstid motsvarande en halv tjänst i tre månader.",
        "Ett halvår, varav två månader pilot.",
        "Verksamhetsutvecklare, medarbetare och brukarrepresentanter.",
        "Tjänstedesign, kundresekartor och korta tester med användarna.",
        "Involvera facket och skyddsombudet tidigt när arbetssätt ändras.",
    ),
    (
        "Cirka 150 000 kronor, varav hälften från innovationsfonden.",
        "Ett år från förstudie till införande.",
        "Projektledare, upphandlare, jurist och två verksamheter som testade.",
        "Förstudie, pilot i en verksamhet, utvärdering med nyckeltal.",
        "Kontrollera personuppgifter och informationssäkerhet innan piloten startar.",
    ),
    (
        "Små kostnader för material; mest arbetstid.",
        "Tre månader.",
        "Medarbetare i arbetslaget och enhetschef.",
        "Förbättringstavla och PDSA-cykler (planera, gör, studera, agera).",
        "Följ upp efter ett halvår: gamla vanor kommer lätt tillbaka.",
    ),
)


def build(demo: DemoBuilder) -> None:
    cast = demo.cast
    rng = demo.rng
    ideas = (
        Idea.objects.filter(stage__in=(Stage.IMPLEMENTATION, Stage.SPREAD), assessments__isnull=False)
        .select_related("unit", "author")
        .distinct()
        .order_by("pk")
    )
    made = public = 0
    for idea in ideas:
        cost, time_taken, roles, tools, watch = rng.choice(TOOK)
        existing = Example.objects.filter(idea=idea).first()
        office = cast.offices.get(idea.unit.organisation.pk) or cast.director
        if existing is not None and existing.status == ExampleStatus.PROPOSED:
            continue  # an award winner's, confirmed below
        if existing is not None and office is not None:
            # Published already from the ideas' own data: give it what it took and what to watch out for.
            services.example_update(
                example=existing,
                by=existing.owner if existing.owner and existing.owner.kind == PersonKind.EMPLOYEE else office,
                expected_version=existing.version,
                cost=existing.cost or cost,
                time_taken=existing.time_taken or time_taken,
                roles=existing.roles or roles,
                tools=existing.tools or tools,
                watch_out_for=existing.watch_out_for or watch,
            )
            continue
        if office is None or (idea.stage == Stage.IMPLEMENTATION and rng.random() < 0.4):
            continue
        prefill = services.idea_prefill(idea)
        author_publishes = idea.author.kind == PersonKind.EMPLOYEE and rng.random() < 0.35
        by = idea.author if author_publishes else office
        example = services.example_publish_from_idea(
            idea=idea,
            by=by,
            title=prefill["title"],
            problem=prefill["problem"],
            what_was_done=prefill["what_was_done"],
            effect=prefill["effect"] or idea.expected_value,
            kind=prefill["kind"] or "process",
            values=prefill["values"] or ["social"],
            sector=prefill["sector"],
            contact=prefill["contact"] or None,
            cost=cost,
            time_taken=time_taken,
            roles=roles,
            tools=tools,
            watch_out_for=watch,
            public_consent=author_publishes,
            now=demo.now - timedelta(days=rng.randint(5, 400)),
        )
        made += 1
        public += author_publishes
        del example
    proposed = list(Example.objects.filter(status=ExampleStatus.PROPOSED).order_by("created_at", "pk"))
    confirmer = cast.executive_office or cast.director
    for example in proposed[:-1]:
        if confirmer is None:
            break
        services.example_confirm(
            example=example,
            by=confirmer,
            expected_version=example.version,
            effect=(
                "Juryns motivering: tydliga och mätbara resultat för dem verksamheten finns till för. "
                "Verksamheten följer upp resultaten varje tertial."
            ),
            values=["social"],
            kind="service",
        )
    demo.out(
        f"Good examples: {made} from ideas ({public} public), {len(proposed) - 1 if proposed else 0} award winners "
        f"confirmed, {1 if proposed else 0} proposed and waiting."
    )
