"""What helped and what blocked the demo city's ideas, in the words of those who decided (factor → effect → sentences)."""

from __future__ import annotations

LESSONS: dict[str, dict[str, tuple[str, ...]]] = {
    "strategy": {
        "helped": (
            "Idén passade rakt in i nämndens mål om fler digitala kontaktvägar, så prioriteringen var enkel.",
            "Förvaltningens verksamhetsplan pekade ut just det här området, vilket gav arbetet ett tydligt mandat.",
            "Att målet var uttalat i budgeten gjorde att ingen behövde ifrågasätta varför vi höll på.",
        ),
        "blocked": (
            "Det fanns inget mål som idén svarade mot, så den hamnade längst ner i prioriteringen varje gång.",
            "Förvaltningens mål ändrades mitt i arbetet och idén passade inte längre in.",
            "Ingen kunde säga vilket mål idén bidrog till, och då var det svårt att få stöd.",
        ),
    },
    "leadership": {
        "helped": (
            "Förvaltningschefen frågade efter resultaten på varje ledningsgrupp, och det höll tempot uppe.",
            "Enhetschefen gick före och prövade själv det nya arbetssättet första veckan.",
            "Ledningen stod fast vid piloten även när de första veckorna gick trögt.",
        ),
        "blocked": (
            "Idén tappade fart när enhetschefen slutade och ingen i ledningen tog över den.",
            "Ledningsgruppen gav aldrig ett tydligt ja, så arbetet blev liggande i väntan på beslut.",
            "Cheferna var positiva i ord men avsatte ingen tid på sina möten för att följa arbetet.",
        ),
    },
    "time": {
        "helped": (
            "Två medarbetare fick fyra timmar i veckan avsatta i schemat, och det räckte för att komma i mål.",
            "Vi lade in arbetet i höstens planering från början, så det konkurrerade inte med det dagliga.",
            "Att piloten fick en egen tid varje vecka gjorde att den aldrig sköts upp.",
        ),
        "blocked": (
            "Arbetet skulle göras vid sidan av ordinarie uppdrag och fick stå tillbaka varje gång det var hög belastning.",
            "Sommarens vikariebrist gjorde att ingen hade tid att driva piloten vidare.",
            "Förstudien drog ut på tiden eftersom ingen hade tid avsatt för den.",
        ),
    },
    "process": {
        "helped": (
            "Att gå steg för steg genom innovationsslussen gjorde att vi prövade i liten skala innan vi satsade.",
            "Checklistan inför piloten fick oss att bestämma hur vi skulle mäta effekten redan från början.",
            "Coachen hjälpte oss att dela upp idén i små försök som gick att utvärdera.",
        ),
        "blocked": (
            "Vi hade inget sätt att följa upp piloten, så ingen kunde visa om den gjorde skillnad.",
            "Idén bollades mellan tre enheter utan att någon ägde frågan.",
            "Utvärderingen planerades först i efterhand och underlaget blev för tunt för ett beslut.",
        ),
    },
    "expectations": {
        "helped": (
            "Medarbetarna visste att förbättringsförslag var en del av uppdraget och kom själva med lösningar.",
            "Det var tydligt i medarbetarsamtalen att alla förväntades bidra till utvecklingsarbetet.",
            "Arbetsplatsträffarna hade en stående punkt om idéer, så frågan levde hela tiden.",
        ),
        "blocked": (
            "Många uppfattade piloten som ett extra uppdrag som inte hörde till jobbet.",
            "Det var oklart vem som förväntades göra vad, så arbetet blev beroende av en eldsjäl.",
            "Medarbetarna visste inte att de fick lägga arbetstid på att pröva idén.",
        ),
    },
    "money": {
        "helped": (
            "Innovationsfonden betalade piloten, så vi kunde pröva utan att ta från verksamhetens budget.",
            "Besparingen redan första halvåret gjorde det lätt att få driften finansierad.",
            "Ett stipendium täckte materialet och resten rymdes i den vanliga budgeten.",
        ),
        "blocked": (
            "Driftkostnaden efter piloten fanns inte i budgeten och ingen kunde ta den.",
            "Kostnaden för licenserna blev dubbelt så hög som beräknat.",
            "Besparingskraven samma år gjorde att alla nya kostnader ströks.",
        ),
    },
    "skills": {
        "helped": (
            "En medarbetare hade arbetat med liknande lösningar tidigare och kunde lära upp de andra.",
            "Utbildningen i tjänstedesign gjorde att vi vågade intervjua brukarna själva.",
            "Stadens nätverk av innovationscoacher gav oss metodstöd när vi körde fast.",
        ),
        "blocked": (
            "Ingen i arbetsgruppen kunde upphandling, och det tog månader att få hjälp.",
            "Vi saknade kunskap om att analysera data och kunde inte visa effekten.",
            "Den som kunde systemet slutade och kunskapen försvann med henne.",
        ),
    },
    "technology": {
        "helped": (
            "Stadens befintliga e-tjänsteplattform räckte, så inget nytt system behövdes.",
            "Leverantören kunde koppla lösningen till verksamhetssystemet på några veckor.",
            "Surfplattorna fanns redan på enheten och appen var enkel att installera.",
        ),
        "blocked": (
            "Lösningen gick inte att koppla till verksamhetssystemet utan en dyr anpassning.",
            "Wifi-täckningen på boendet var för dålig för att utrustningen skulle fungera.",
            "IT-säkerhetsgranskningen visade brister som leverantören inte kunde åtgärda.",
        ),
    },
    "rules": {
        "helped": (
            "Jurist och dataskyddsombud var med från start, så vi visste tidigt vad som var tillåtet.",
            "Ramavtalet gjorde att vi kunde köpa in tjänsten utan en egen upphandling.",
            "Det nya regelverket öppnade för just det här arbetssättet.",
        ),
        "blocked": (
            "Dataskyddsreglerna gjorde att vi inte fick dela uppgifterna mellan förvaltningarna.",
            "Lagen om offentlig upphandling krävde en upphandling som tog längre tid än piloten fick ta.",
            "Avtalet med utföraren gick inte att ändra under avtalstiden.",
        ),
    },
    "acceptance": {
        "helped": (
            "Brukarna var med och testade från början och ville inte gå tillbaka till det gamla sättet.",
            "Föräldrarna efterfrågade lösningen själva, så den blev snabbt använd.",
            "Personalen såg direkt att det sparade tid och spred det vidare till andra enheter.",
        ),
        "blocked": (
            "De äldre som skulle använda tjänsten kände sig osäkra på tekniken och tackade nej.",
            "Personalen uppfattade det nya arbetssättet som kontroll och ville inte använda det.",
            "Invånarna i området hittade inte tjänsten, och de få som prövade den kom inte tillbaka.",
        ),
    },
}


def lessons_for(rng, *, to_stage: str, required: bool) -> list:
    """One to three lessons for a decision: mostly what helped at spread, mostly what blocked at closing.

    A fresh idea closed (lessons optional) often has none yet.
    """
    from ideas.lessons import Effect, LessonEntry

    if not required and rng.random() < 0.4:
        return []
    helped_share = 0.8 if to_stage == "spread" else 0.3
    factors = rng.sample(sorted(LESSONS), rng.choice((1, 1, 2, 2, 3)))
    entries = []
    for factor in factors:
        effect = Effect.HELPED if rng.random() < helped_share else Effect.BLOCKED
        entries.append(LessonEntry(factor, effect, rng.choice(LESSONS[factor][effect])))
    return entries
