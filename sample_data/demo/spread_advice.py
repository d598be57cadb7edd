"""The demo's requests for advice: staff asking their innovation office or a coach, some answered (with good
examples where the library has them), some waiting, one past its answer date.

Farsta's people ask most, so the demo logins see it: *medarbetare* (Lina Karlsson) has an answered question and
one waiting for *coach* (Amira Haddad); *innovationskontor* (Sara Holm) has a queue with one request overdue.
Its own random draws (from the demo's seed) leave the other parts' draws as they were.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings

from organisation.models import User
from spread.advice import services
from spread.models import Example, ExampleStatus

#: (subject, question, answer or "", suggest sending it in as an idea)
REQUESTS = [
    (
        "Var börjar jag med en idé om digitala lås?",
        "Jag har en idé om digitala lås i hemtjänsten så att vi slipper hämta nycklar varje morgon. "
        "Jag vet inte var jag ska börja eller vem jag ska prata med.",
        "Bra fråga! Börja med att beskriva problemet: hur mycket tid går åt till nycklar i dag? "
        "Titta gärna på exemplen nedan, där andra enheter redan har provat. Skicka sedan in det som en idé, "
        "så hjälper vi dig med en förstudie.",
        True,
    ),
    (
        "Hur har andra minskat matsvinnet i skolköket?",
        "Vi slänger mycket mat i vårt skolkök. Har någon annan skola i staden gjort något som fungerat?",
        "Ja, flera skolor har vägt svinnet varje dag och visat resultatet för eleverna. "
        "Jag har lagt till de goda exempel som liknar er situation. Kontakta gärna dem som står som kontaktpersoner.",
        False,
    ),
    (
        "Kan vi prova en app för egenkontroll?",
        "Vi vill prova en app för egenkontroller i förskolan i stället för papper. Hur gör vi ett litet försök "
        "utan att behöva göra en stor upphandling?",
        "Ett litet försök går ofta att göra som direktupphandling. Prata med er upphandlare först och beskriv "
        "försöket som en pilot med ett slutdatum. Vi kan hjälpa er att formulera målen.",
        False,
    ),
    (
        "Vem kan hjälpa oss att mäta effekten?",
        "Vi har infört ett nytt arbetssätt vid utskrivning från sjukhus. Hur visar vi att det har gjort skillnad?",
        "Välj ett eller två mått som ni redan har data för, till exempel antal återinskrivningar. "
        "Jämför samma period före och efter. Innovationscoacherna har en mall för detta.",
        True,
    ),
    (
        "Finns det pengar att söka för ett försök?",
        "Vi har en idé om lånecyklar för personalen. Finns det pengar att söka för att prova?",
        "",
        False,
    ),
    (
        "Hur får vi med brukarna från början?",
        "Vi vill utveckla en tjänst för äldre som bor hemma. Hur involverar vi brukarna redan i början?",
        "",
        False,
    ),
    ("Vill prata om tjänstedesign", "Kan en coach hjälpa vår arbetsgrupp med en workshop i tjänstedesign?", "", False),
    (
        "Hur sprider vi vårt arbetssätt?",
        "Vårt nya schema för sommarvikarier fungerar bra. Hur gör vi för att andra enheter ska få veta det?",
        "Det låter som ett gott exempel! Be er chef eller oss på innovationskontoret att publicera det i "
        "biblioteket med goda exempel, och visa det på nästa goda exempelmässa.",
        False,
    ),
]


def build(demo) -> None:
    cast = demo.cast
    rng = random.Random(demo.seed + 6)
    now = demo.now
    days = settings.SPRANG_FIRST_ANSWER_DAYS
    lina = next(e for e in cast.employees if e.name == "Lina Karlsson")
    farsta = services.office_unit_for(lina)
    farsta_staff = [e for e in cast.employees if e.unit and e.unit.path.startswith(farsta.path) and e.pk != lina.pk]
    others = [e for e in cast.employees if e.pk != lina.pk]
    coach = next((c for c in cast.coaches if c.name == "Amira Haddad"), None)
    examples = list(Example.objects.filter(status=ExampleStatus.PUBLISHED).order_by("-adoption_count", "pk")[:6])
    made = 0
    for index, (subject, question, answer, suggest) in enumerate(REQUESTS):
        if index == 0:
            asker, asked_at = lina, now - timedelta(days=20)
        elif index == 4:
            # Waiting longer than the answer date allows: the office's queue shows it overdue.
            asker, asked_at = rng.choice(farsta_staff or others), now - timedelta(days=days + 5)
        elif index == 6:
            asker, asked_at = lina, now - timedelta(days=2)
        else:
            asker, asked_at = (
                rng.choice(farsta_staff if index % 2 else others),
                now - timedelta(days=rng.randint(3, 25)),
            )
        named = coach if index == 6 and coach is not None else None
        advice = services.advice_ask(asked_by=asker, subject=subject, question=question, coach=named, now=asked_at)
        made += 1
        if not answer:
            continue
        office = cast.offices.get(advice.unit_id) or cast.executive_office
        if office is None:
            continue
        pointed = rng.sample(examples, k=min(2, len(examples))) if index in (0, 1) else []
        services.advice_answer(
            advice=advice,
            by=User.objects.get(pk=office.pk),
            expected_version=advice.version,
            answer=answer,
            examples=pointed,
            suggest_idea=suggest,
            now=asked_at + timedelta(days=rng.randint(1, 6)),
        )
    demo.out(f"  {made} requests for advice")
