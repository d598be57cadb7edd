"""Swedish texts for the calls in the demo city and the city-scale data.

Pure data: the five programmes' calls (with their rubrics, classes and rules), the applications
and nominations people write, and the pieces the jury's comments, the office's screening
notes, the decisions' justifications and the funded projects' final reports are made from.
"""

from __future__ import annotations

from typing import NamedTuple


class CriterionText(NamedTuple):
    name: str
    description: str
    weight: str


class CallText(NamedTuple):
    programme: str
    title: str  # with {year}
    summary: str
    description: str
    criteria: tuple[CriterionText, ...]
    categories: tuple[tuple[str, str], ...] = ()


FUND = CallText(
    "fund",
    "Innovationsfonden {year}",
    "Medel till förstudier, piloter och införanden av idéer i innovationsslussen.",
    "Innovationsfonden finansierar stadens förvaltningar och bolag när en idé i innovationsslussen ska prövas "
    "eller införas. Ansök om medel för en förstudie, en pilot eller ett införande, med en budget per kostnad "
    "och den egna medfinansieringen.\n\n"
    "Bedömningen sker i två steg. Först granskar innovationskontoret på stadsledningskontoret att ansökan "
    "uppfyller villkoren: idén finns i innovationsslussen, budgeten hänger ihop och verksamheten står bakom "
    "ansökan. Därefter bedömer en expertpanel ansökningarna mot kriterierna nedan. Panelens ordförande "
    "fattar beslut utifrån panelens rangordning, och besluten med motiveringar publiceras.\n\n"
    "Beviljade medel betalas ut i två delar: 60 procent vid start och resten när slutrapporten är inlämnad.",
    (
        CriterionText(
            "Nytta för stockholmarna",
            "Idén löser ett tydligt behov hos invånare, brukare eller medarbetare, och nyttan går att följa upp.",
            "3",
        ),
        CriterionText(
            "Nyhetsvärde",
            "Idén är ny för staden, eller prövar ett känt arbetssätt på ett nytt sätt.",
            "2",
        ),
        CriterionText(
            "Genomförbarhet och budget",
            "Planen är realistisk, budgeten rimlig och verksamheten har förutsättningar att genomföra projektet.",
            "2",
        ),
        CriterionText(
            "Spridningspotential",
            "Resultatet kan användas av fler förvaltningar och bolag.",
            "1",
        ),
    ),
)

STIPEND = CallText(
    "stipend",
    "Innovationsstipendiet {year}",
    "Stipendium för dig som bor, arbetar eller studerar i staden och vill ta din idé vidare.",
    "Har du en idé som gör Stockholm bättre att leva i? Innovationsstipendiet ger upp till 50 000 kronor för att "
    "pröva idén, bygga en första version eller ta reda på om den fungerar.\n\n"
    "Villkor: du har fyllt 18 år, bor, arbetar eller studerar i staden och har inte varit anställd av staden "
    "de senaste tolv månaderna. Förra årets stipendiater kan inte söka igen i år.\n\n"
    "En jury med representanter från staden, högskolan och näringslivet bedömer ansökningarna.",
    (
        CriterionText("Nytta för staden och dess invånare", "Idén svarar mot ett verkligt behov i staden.", "2"),
        CriterionText("Nyhetsvärde", "Idén är ny, eller kombinerar kända lösningar på ett nytt sätt.", "2"),
        CriterionText(
            "Plan för stipendiet", "Det är tydligt vad pengarna ska användas till och vad som ska bli klart.", "1"
        ),
    ),
)

QUALITY_CLASSES = (
    "Förskola",
    "Skola",
    "Äldreomsorg",
    "Socialtjänst och funktionsnedsättning",
    "Övrig verksamhet",
)
QUALITY_ENTRY_RULE = (
    "Den anmälda verksamheten har eget budget- och personalansvar och minst fem medarbetare. Privata utförare "
    "kan anmäla sig om verksamheten till största delen riktar sig till stadens invånare."
)

QUALITY_AWARD = CallText(
    "quality_award",
    "Stockholms stads kvalitetsutmärkelse {year}",
    "Utmärkelsen till verksamheter som arbetar systematiskt med kvalitet och förbättring.",
    "Stockholms stads kvalitetsutmärkelse lyfter fram verksamheter som arbetar systematiskt med att utveckla "
    "kvaliteten för dem de finns till för. Anmäl din verksamhet i en av fem klasser: förskola, skola, "
    "äldreomsorg, socialtjänst och funktionsnedsättning, samt övrig verksamhet.\n\n"
    "Anmälan görs av verksamheten genom dess förvaltning eller bolag. Den anmälda verksamheten ska ha eget "
    "budget- och personalansvar och minst fem medarbetare. Privata utförare kan anmäla sig om verksamheten "
    "till största delen riktar sig till stadens invånare.\n\n"
    "Juryn bedömer anmälningarna utan att veta vilken verksamhet som står bakom; vinnarna presenteras i december.",
    (
        CriterionText(
            "Brukarfokus",
            "Verksamheten tar reda på vad brukarna behöver och låter det styra arbetet.",
            "2",
        ),
        CriterionText(
            "Systematiskt förbättringsarbete",
            "Verksamheten följer upp sina resultat och förbättrar arbetssätten utifrån dem.",
            "2",
        ),
        CriterionText("Delaktighet", "Medarbetarna är delaktiga i att utveckla verksamheten.", "1"),
        CriterionText("Resultat", "Förbättringarna syns i verksamhetens resultat över tid.", "2"),
    ),
    tuple((name, QUALITY_ENTRY_RULE) for name in QUALITY_CLASSES),
)

RENEWAL_KINDS = (
    ("Kvalitet", "En förändring som tydligt har höjt kvaliteten för invånare eller brukare."),
    ("Effektivitet", "En förändring som gör att samma resurser räcker till mer, eller till samma med mindre."),
    (
        "Hållbar utveckling",
        "En förändring som minskar verksamhetens miljö- och klimatpåverkan eller stärker den sociala hållbarheten.",
    ),
    ("Enklare arbete", "En förändring som har gjort vardagen enklare för medarbetarna."),
)

RENEWAL_PRIZE = CallText(
    "renewal_prize",
    "Förnyelsepriset {year}",
    "Priset till förändringar som har förnyat stadens verksamheter och redan används.",
    "Förnyelsepriset delas ut till medarbetare och arbetsgrupper som har genomfört en förändring som redan "
    "används i verksamheten. Nominera en genomförd innovation från innovationsslussen i ett av fyra slag: "
    "kvalitet, effektivitet, hållbar utveckling eller enklare arbete. Nomineringen görs av förvaltningen eller "
    "bolaget.",
    (
        CriterionText("Effekt", "Förändringen har gett en tydlig och belagd effekt.", "3"),
        CriterionText("Nyhetsvärde", "Förändringen är ny för verksamheten eller staden.", "1"),
        CriterionText("Förebild", "Andra kan lära av förändringen och göra likadant.", "2"),
    ),
    RENEWAL_KINDS,
)

OPEN_DATA_AWARD = CallText(
    "open_data_award",
    "Öppna data-priset {year}",
    "Priset till tjänster och analyser som gör nytta med stadens öppna data.",
    "Öppna data-priset uppmärksammar den som har använt stadens öppna data till något som gör nytta för "
    "stockholmarna: en app, en karta, en analys eller en tjänst. Alla kan nominera, sig själv eller någon annan. "
    "Bidraget ska använda minst en datamängd som staden publicerar på dataportal.se.",
    (
        CriterionText("Nytta för stockholmarna", "Bidraget löser ett verkligt problem eller ger ny kunskap.", "2"),
        CriterionText("Användning av öppna data", "Bidraget använder stadens öppna data på ett genomtänkt sätt.", "2"),
        CriterionText("Tillgänglighet", "Bidraget är lätt att använda och tillgängligt för alla.", "1"),
    ),
)

CALLS = (FUND, STIPEND, QUALITY_AWARD, RENEWAL_PRIZE, OPEN_DATA_AWARD)

# --- applications -----------------------------------------------------------------------

#: What a fund application asks money for, by the stage the idea is in: (summary, plan).
FUND_PLANS = {
    "prestudy": (
        (
            "Vi söker medel för en förstudie som ska visa om idén håller.",
            "Förstudien kartlägger behovet tillsammans med brukare och medarbetare, beskriver två alternativa "
            "lösningar och räknar på kostnader och nytta. Den pågår i fyra månader och avslutas med en rekommendation "
            "till ledningsgruppen.",
        ),
        (
            "En förstudie med intervjuer, observationer och en enkel kostnadsberäkning.",
            "Vi intervjuar tio brukare och lika många medarbetare, gör observationer på två enheter och tar fram ett "
            "underlag för beslut om pilot. Innovationscoachen stöttar med metod.",
        ),
    ),
    "pilot": (
        (
            "Vi söker medel för att pröva idén i liten skala under sex månader.",
            "Piloten genomförs på två enheter. Vi mäter effekten före, under och efter och följer upp med brukarna "
            "varje månad. Efter piloten beslutar ledningsgruppen om införande.",
        ),
        (
            "En pilot på en enhet, med uppföljning tillsammans med högskolan.",
            "Piloten pågår i ett halvår med tydliga mått för tid, kvalitet och arbetsmiljö. Högskolan hjälper oss "
            "att utvärdera, och resultaten delas med övriga förvaltningar.",
        ),
    ),
    "implementation": (
        (
            "Vi söker medel för att införa lösningen i hela förvaltningen efter en lyckad pilot.",
            "Införandet sker i tre steg under ett år: utbildning av nyckelpersoner, stegvis utrullning och uppföljning. "
            "Driftkostnaderna tas därefter inom ordinarie budget.",
        ),
    ),
}

#: Cost lines of a fund application: (cost, share of the amount applied for).
BUDGET_LINES = (
    (("Projektledning, 20 procent under projekttiden", 0.35), ("Utrustning och material", 0.4), ("Utvärdering", 0.25)),
    (("Arbetstid för medarbetare i piloten", 0.5), ("Konsultstöd för tjänstedesign", 0.3), ("Utbildning", 0.2)),
    (("Licenser och teknik", 0.45), ("Arbetstid för införande", 0.35), ("Kommunikation och informationsmaterial", 0.2)),
)

STIPEND_APPLICATIONS = (
    (
        "Cykelkök för grannar",
        "Ett mobilt kök på lastcykel som samlar grannar kring mat.",
        "Köket rullar mellan gårdarna i Hökarängen och bjuder in till matlagning med det som finns över från "
        "butikerna. Stipendiet räcker till cykeln och en sommars provverksamhet.",
    ),
    (
        "Läxhjälp på biblioteket med studenter",
        "Studenter från KTH och Stockholms universitet hjälper högstadieelever med matte.",
        "Jag vill bygga upp en enkel bokning där elever och studenter hittar varandra, och pröva den på två "
        "bibliotek under en termin.",
    ),
    (
        "Karta över tillgängliga lekplatser",
        "En webbkarta som visar vilka lekplatser som fungerar för barn med rullstol.",
        "Kartan bygger på stadens öppna data om lekplatser och på inventeringar som föräldrar gör själva. "
        "Stipendiet går till utveckling och inventering av de första hundra lekplatserna.",
    ),
    (
        "Språkcafé för nyanlända seniorer",
        "Samtalsgrupper där seniorer med olika modersmål övar svenska tillsammans.",
        "Jag driver redan en grupp i Tensta på ideell basis. Med stipendiet kan vi starta två grupper till och "
        "ta fram ett samtalsmaterial som andra kan använda.",
    ),
    (
        "Reparationskväll för cyklar och kläder",
        "Återkommande kvällar där grannar lagar saker tillsammans i stället för att köpa nytt.",
        "Kvällarna hålls i föreningslokalen varannan vecka. Stipendiet täcker verktyg, symaskiner och "
        "annonsering under ett år.",
    ),
    (
        "App för delade parkeringsplatser",
        "Boende hyr ut sin parkeringsplats när de inte använder den.",
        "En enkel app som kopplar ihop boende och besökare i samma kvarter. Stipendiet täcker en första version "
        "och en test med tre bostadsrättsföreningar.",
    ),
    (
        "Odlingslådor på skolgårdar",
        "Elever odlar grönsaker som används i skolköket.",
        "Jag vill pröva odlingslådor på två skolor i Skarpnäck tillsammans med skolornas kök och föräldraföreningar.",
    ),
)

#: Entries to the quality award, by class: (title, summary, description).
QUALITY_ENTRIES = {
    "Förskola": (
        (
            "Lärande miljöer inne och ute",
            "Förskolan har gjort om sina miljöer utifrån barnens egna intressen.",
            "Under två år har arbetslagen observerat hur barnen använder rummen och gården, och gjort om miljöerna "
            "efter det. Barnens delaktighet följs upp varje termin.",
        ),
        (
            "Språkutvecklande förskola",
            "Ett systematiskt arbete med språk för barn med många olika modersmål.",
            "Alla medarbetare har gått en gemensam utbildning, och varje avdelning följer upp barnens språkutveckling "
            "med samma verktyg. Vårdnadshavarna är med i uppföljningen.",
        ),
    ),
    "Skola": (
        (
            "Alla elever når målen i matematik",
            "Tidiga insatser och kollegialt lärande har höjt resultaten i matematik.",
            "Skolan kartlägger elevernas kunskaper tidigt, sätter in stöd direkt och låter lärarna lära av varandra "
            "i lärgrupper. Andelen elever som når målen har ökat tre år i rad.",
        ),
    ),
    "Äldreomsorg": (
        (
            "Måltiden som höjdpunkt",
            "Äldreboendet har gjort måltiden till dagens höjdpunkt med de boendes önskemål i centrum.",
            "De boende väljer mellan två rätter, äter i mindre grupper och personalen äter med. Nattfastan har "
            "kortats och undernäringen minskat.",
        ),
        (
            "Kontinuitet i hemtjänsten",
            "Färre personer besöker varje brukare, och brukarna är nöjdare.",
            "Hemtjänstgruppen har planerat om i mindre team med fasta områden. Antalet personal per brukare och "
            "månad har halverats.",
        ),
    ),
    "Socialtjänst och funktionsnedsättning": (
        (
            "Daglig verksamhet med egen röst",
            "Deltagarna planerar och utvärderar verksamheten tillsammans med personalen.",
            "Varje månad hålls ett deltagarråd som beslutar om aktiviteter. Personalen har utbildats i alternativ "
            "kompletterande kommunikation.",
        ),
        (
            "Snabbare stöd till unga",
            "Fältgruppen och socialtjänsten har kortat tiden från oro till insats.",
            "Ett gemensamt arbetssätt med skola och polis gör att orosanmälningar om unga får en första kontakt "
            "inom en vecka.",
        ),
    ),
    "Övrig verksamhet": (
        (
            "Biblioteket som mötesplats",
            "Biblioteket har utvecklat programverksamheten tillsammans med besökarna.",
            "Besökarna föreslår och leder en del av programmen själva. Antalet besök har ökat och nya grupper hittar "
            "till biblioteket.",
        ),
        (
            "Parkskötsel i dialog med boende",
            "Parkenheten planerar skötseln tillsammans med de som använder parkerna.",
            "Dialogen sker på plats i parkerna och digitalt. Klagomålen har minskat och fler engagerar sig i "
            "parkernas utveckling.",
        ),
    ),
}

#: A private provider's entry to the quality award.
PRIVATE_ENTRY = (
    "Hemtjänst med fasta team",
    "En privat utförare av hemtjänst som arbetar i små team med brukarna i centrum.",
    "Vi utför hemtjänst på uppdrag av staden för brukare i Söderort. Fasta team och gemensam planering med "
    "brukarna har gett högre nöjdhet och lägre personalomsättning.",
)

#: Why a nomination for the renewal prize stands out, by kind.
RENEWAL_MOTIVATIONS = {
    "Kvalitet": "Förändringen har gett brukarna ett tryggare och bättre stöd, och uppföljningen visar det tydligt.",
    "Effektivitet": "Förändringen frigör tid varje vecka som nu läggs på kärnuppdraget i stället.",
    "Hållbar utveckling": "Förändringen minskar både kostnader och klimatpåverkan, och fler verksamheter kan göra likadant.",
    "Enklare arbete": "Medarbetarna beskriver att vardagen har blivit enklare och att arbetsmiljön har förbättrats.",
}

#: The city's open data each entry builds on, by its title (the screened-out entry uses none).
OPEN_DATA_USED = {
    "Pollenkartan": "Trädinventeringen (Stockholms stads träd, öppna data, CC0).",
    "Hitta förskola": "Förskolor i Stockholms stad; lediga platser per förskola.",
    "Trafiksäkra skolvägar": "Trafikmätningar (flöden per mätpunkt); polisrapporterade trafikolyckor; skolenheter.",
    "Badtemperaturer i realtid": "Badplatser och badvattenmätningar (temperatur och kvalitet).",
    "Hur mår min stadsdel?": "Stadens nyckeltal per stadsdelsområde: skola, omsorg och miljö.",
    "Cykelparkering nära dig": "Egen insamling från appens användare.",
}

OPEN_DATA_ENTRIES = (
    (
        "Pollenkartan",
        "En karta som visar var i staden allergiframkallande träd står.",
        "Kartan bygger på stadens trädinventering och används av allergiker för att välja promenadvägar.",
    ),
    (
        "Hitta förskola",
        "En tjänst som hjälper föräldrar att jämföra förskolor nära hemmet.",
        "Tjänsten kombinerar stadens öppna data om förskolor med restider och visar lediga platser.",
    ),
    (
        "Trafiksäkra skolvägar",
        "En analys av olyckor och trafikflöden runt stadens skolor.",
        "Analysen använder stadens data om trafikmätningar och olyckor och pekar ut platser där åtgärder gör "
        "störst nytta.",
    ),
    (
        "Badtemperaturer i realtid",
        "En app som visar vattentemperatur och kvalitet vid stadens badplatser.",
        "Appen hämtar stadens mätningar av badvatten och visar dem tillsammans med väder och kollektivtrafik.",
    ),
    (
        "Hur mår min stadsdel?",
        "En instrumentpanel med nyckeltal per stadsdel.",
        "Panelen samlar stadens öppna nyckeltal om skola, omsorg och miljö och gör det lätt att jämföra över tid.",
    ),
    (
        "Cykelparkering nära dig",
        "En karta över cykelparkeringar med antal platser och tak.",
        "Kartan bygger på stadens data om cykelparkeringar och uppdateras av användarna när något har ändrats.",
    ),
)

# --- the jury, the office and the decisions ------------------------------------------------

#: Jurors' comments on a criterion by how well it was met: low (1–2), middle (3), high (4–5).
SCORE_COMMENTS = {
    "low": (
        "Beskrivningen är för allmän för att bedöma.",
        "Underlaget visar inte hur detta ska uppnås.",
        "Svagt underbyggt; saknar konkreta mått.",
        "Oklart hur detta skiljer sig från det som redan görs.",
    ),
    "middle": (
        "Rimligt, men kunde vara tydligare.",
        "Godtagbart. Uppföljningen behöver utvecklas.",
        "Delvis övertygande; några frågor kvarstår.",
        "En bra grund, men planen är något optimistisk.",
    ),
    "high": (
        "Mycket tydligt och väl underbyggt.",
        "Starkt. Konkreta exempel och mätbara resultat.",
        "Övertygande, med en tydlig plan för uppföljning.",
        "Ett föredöme som andra kan lära av.",
    ),
}

#: Why the office found an application not eligible, by programme.
SCREENING_NOTES = {
    "fund": (
        "Idén som ansökan gäller har ännu inte passerat den första grinden i innovationsslussen. Ansök igen när "
        "förstudien är beslutad.",
        "Ansökan saknar ett beslut från förvaltningens ledning om att stå bakom projektet och dess medfinansiering.",
    ),
    "stipend": ("Idén är ett uppdrag för ditt företag och inte ett eget projekt; stipendiet kan inte finansiera det.",),
    "quality_award": (
        "Verksamheten har slagits ihop med en annan enhet under året och har inte längre eget budgetansvar.",
    ),
    "renewal_prize": ("Förändringen är ännu inte införd i verksamheten; nominera den när den används.",),
    "open_data_award": ("Bidraget använder inga av stadens öppna data och uppfyller därför inte villkoren.",),
}

JUSTIFICATIONS = {
    "granted": (
        "Ansökan ligger högt i panelens rangordning. Nyttan för stockholmarna är tydlig och planen realistisk.",
        "Panelen bedömer att idén har stor spridningspotential och att budgeten är väl avvägd.",
        "Ett väl förberett projekt med tydliga mått för uppföljning. Beviljas med ett något lägre belopp än sökt.",
    ),
    "rejected": (
        "Ansökan håller god kvalitet men rangordnas under de beviljade; budgeten räcker inte till alla.",
        "Panelen saknar en tydlig plan för hur nyttan ska följas upp. Vi välkomnar en ny ansökan.",
        "Nyttan är inte tillräckligt belagd i förhållande till kostnaden.",
    ),
    "winner": (
        "Juryn lyfter fram ett långsiktigt och systematiskt arbete med tydliga resultat för dem verksamheten finns till för.",
        "Ett föredöme för staden: förändringen är genomförd, används varje dag och har gett belagd effekt.",
    ),
    "not_winner": (
        "Ett starkt bidrag som juryn uppmärksammar, men som inte nådde hela vägen fram i år.",
        "Juryn ser ett gott arbete men saknar belagda resultat över tid.",
    ),
}

CONFLICT_REASONS = (
    "Jag har arbetat i samma arbetsgrupp som den sökande under det senaste året.",
    "En nära släkting är anställd i den verksamhet som anmälts.",
    "Jag har varit handledare för projektet och kan inte bedöma det opartiskt.",
)

#: What funded projects report when they end: (results, lessons, worth spreading).
FINAL_REPORTS = (
    (
        "Piloten genomfördes på två enheter under sex månader. Tiden för nyckelhantering minskade med i genomsnitt "
        "40 minuter per arbetspass, och inga nycklar försvann under perioden. Brukarna upplevde besöken som tryggare.",
        "Det tog längre tid än planerat att få tekniken på plats, och brukarna behövde mer information i förväg. "
        "Att ha med skyddsombudet från början gjorde införandet lättare.",
        True,
    ),
    (
        "Förstudien visade att behovet är stort men att den föreslagna lösningen blir för dyr i drift. Ett enklare "
        "alternativ prövas nu inom ordinarie budget.",
        "Att tidigt räkna på driftkostnaden hade sparat tid. Intervjuerna med brukarna gav mer än enkäten.",
        False,
    ),
    (
        "Arbetssättet används nu på alla fyra enheter. Väntetiden har halverats och medarbetarna har mer tid för "
        "de uppgifter som kräver deras kompetens.",
        "Förändringen krävde mer utbildning än vi trodde. Att låta medarbetarna själva utforma rutinerna var avgörande.",
        True,
    ),
)

PAYMENT_NOTES = ("Första utbetalningen, 60 procent vid projektstart.", "Slututbetalning efter inlämnad slutrapport.")
