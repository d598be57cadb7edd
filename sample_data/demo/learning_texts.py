"""The demo city's learning on innovation: the introductory module, the workshop series, the leadership programme's
module and the HR policy documents under review."""

INTRO = {
    "code": "innovation-intro",
    "title": "Introduktion till innovation i Stockholms stad",
    "summary": "Vad innovation är, varför staden behöver den och hur din idé går vidare. Ta den när du vill, på 30 minuter.",
    "body": (
        "Innovation är nya sätt att göra saker som skapar värde för dem vi finns till för. Det kan vara en ny tjänst, "
        "ett nytt arbetssätt eller en ny teknik. Det viktiga är att det används och gör nytta.\n\n"
        "Staden behöver innovation för att möta fler äldre, fler barn och högre krav med samma resurser. Därför "
        "ska alla medarbetare kunna lämna idéer, och alla chefer ska ta hand om dem.\n\n"
        "En idé går genom innovationsslussen: idé, förstudie, pilot, införande och spridning. Vid varje steg "
        "bestämmer någon om idén ska gå vidare, och du får veta varför.\n\n"
        "Du lämnar en idé under Ny idé. Beskriv problemet, vilka det gäller och vad du föreslår. Din chef och "
        "förvaltningens innovationskontor svarar inom 30 dagar."
    ),
    "video_url": "https://play.stockholm.se/innovation-introduktion",
    "questions": (
        (
            "Vad gör en ny idé till en innovation?",
            ("Att den används och skapar värde", "Att den är digital", "Att den kostar lite"),
            0,
        ),
        (
            "Vem kan lämna en idé i Språng?",
            ("Bara chefer", "Alla medarbetare, och även invånare och leverantörer", "Bara innovationskontoret"),
            1,
        ),
        (
            "Vilket är innovationsslussens första steg efter idén?",
            ("Spridning", "Pilot", "Förstudie"),
            2,
        ),
        (
            "Hur snabbt ska du få svar på en idé?",
            ("Inom 30 dagar", "Inom ett år", "Det finns ingen gräns"),
            0,
        ),
    ),
    "pass_mark": 3,
}

WORKSHOP = {
    "code": "tjanstedesign-workshop",
    "title": "Tjänstedesign i praktiken",
    "summary": "En halvdag där du prövar tjänstedesignens verktyg på en riktig utmaning från din egen verksamhet.",
    "body": (
        "Vi går igenom hur du tar reda på vad brukarna behöver, skissar lösningar och prövar dem i liten skala. "
        "Ta gärna med en utmaning från din arbetsplats."
    ),
}

SEMINAR = {
    "code": "seminarium-upphandling",
    "title": "Seminarium: Innovationsupphandling för verksamheten",
    "summary": "Hur verksamheten och upphandlarna tillsammans köper nya lösningar: behov, marknadsdialog och krav på funktion.",
    "body": "Med exempel från trygghetslarm och skolmåltider. Upphandlingsenheten berättar om stödet som finns.",
}

LEADERSHIP = {
    "code": "ledarprogram-innovation",
    "title": "Ledarprogrammet: att leda innovation",
    "summary": (
        "Ledarprogrammets modul om innovation: hur du ger medarbetarna tid och mandat att pröva, tar hand om "
        "deras idéer och följer upp vad som blev av dem."
    ),
    "body": (
        "Modulen är en heldag. Du lär dig leda förnyelse när vardagen är pressad, ta emot idéer utan att "
        "bedöma för tidigt och använda utvecklingssamtalet för att prata om innovation."
    ),
}

PLATFORM_MODULE = {
    "code": "lattlast-digitalisering",
    "title": "Digitalisering och innovation – webbkurs",
    "summary": "En webbkurs på stadens lärplattform om hur digitala verktyg kan förbättra verksamheten.",
    "external_url": "https://larplattform.stockholm.se/kurs/digitalisering-innovation",
}

COACH_MODULE = {
    "code": "coach-metodstod",
    "title": "Metodstöd för innovationscoacher",
    "summary": "För innovationscoacher: hur du leder en förstudie, planerar en pilot och mäter effekter.",
    "body": (
        "Du får mallar för förstudie och pilotplan och övar på att leda en idéverkstad. Modulen avslutas med "
        "en kunskapskontroll."
    ),
    "questions": (
        (
            "Vad ska en förstudie ge svar på?",
            ("Om idén är värd att pröva i en pilot", "Vem som fick idén"),
            0,
        ),
        (
            "När mäter du en pilots effekter?",
            ("Bara efteråt", "Före, under och efter piloten"),
            1,
        ),
    ),
    "pass_mark": 2,
}

#: The HR policy documents under review: title, status, conclusion, change decided.
POLICIES = (
    (
        "Personalpolicy för Stockholms stad",
        "change_decided",
        "Policyn nämner förnyelse men inte att medarbetare ska ha tid att pröva nya arbetssätt.",
        "Lägg till att varje arbetsplats avsätter tid för förbättrings- och innovationsarbete.",
    ),
    (
        "Riktlinjer för utvecklingssamtal",
        "changed",
        "Samtalsmallen saknade frågor om idéer och förbättringar.",
        "Mallen har fått ett avsnitt om innovation med tre frågor och en länk till guiden i Språng.",
    ),
    (
        "Chefspolicy",
        "change_decided",
        "Chefens ansvar för att ta hand om medarbetarnas idéer är otydligt.",
        "Skriv in att chefen ger återkoppling på idéer inom 30 dagar och följer upp dem i verksamhetsplanen.",
    ),
    (
        "Riktlinjer för kompetensutveckling",
        "no_change",
        "Riktlinjerna tar redan upp lärande om innovation och förnyelse. Ingen ändring behövs.",
        "",
    ),
    ("Lönepolicy", "under_review", "", ""),
    ("Riktlinjer för rekrytering", "not_reviewed", "", ""),
)
