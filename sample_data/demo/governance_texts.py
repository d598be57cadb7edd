"""Swedish texts for governance follow-up in the demo city and the city-scale data.

Pure data: the city's innovation goals, the entered indicators, goals and activities of
administrations and companies by field of work, and the pieces the reports' narratives,
assessments and the executive office's comments are put together from.
"""

from __future__ import annotations

from typing import NamedTuple

#: The three strands the city's goals follow: ideas coming in, ideas tried, innovations in use.
IDEAS, TRIAL, SPREAD = "ideas", "trial", "spread"

#: Entered indicators (values typed into the reports, with their source).
SURVEY = "medarbetarenkaten-prova-nytt"
RESIDENTS = "medborgarundersokningen-ideer"


class EnteredIndicator(NamedTuple):
    code: str
    name: str
    measure: str
    direction: str
    source: str
    description: str


ENTERED_INDICATORS = (
    EnteredIndicator(
        SURVEY,
        "Andel medarbetare som instämmer i att de kan pröva nya idéer (medarbetarenkäten)",
        "percent",
        "higher",
        "Medarbetarenkäten",
        "Andel som svarar 4 eller 5 på påståendet ”På min arbetsplats finns utrymme att pröva nya idéer och "
        "arbetssätt”. Enkäten genomförs varje höst; tertialrapporterna redovisar den senaste mätningen.",
    ),
    EnteredIndicator(
        RESIDENTS,
        "Andel invånare som upplever att staden tar tillvara deras synpunkter och idéer (medborgarundersökningen)",
        "percent",
        "higher",
        "Stockholms stads medborgarundersökning",
        "Andel som instämmer helt eller delvis i påståendet ”Staden tar tillvara invånarnas synpunkter och idéer” "
        "i medborgarundersökningen, för förvaltningens eller bolagets verksamhetsområde.",
    ),
)


class CityGoal(NamedTuple):
    strand: str
    title: str
    description: str
    indicators: tuple[str, ...]  # computation keys and entered indicator codes


#: The city's innovation goals; the demo takes three a year, the city-scale data four.
CITY_GOALS = (
    CityGoal(
        IDEAS,
        "Fler medarbetare och invånare bidrar med idéer",
        "Alla förvaltningar och bolag har en känd väg in för idéer, och varje idé får ett svar inom 30 dagar.",
        ("ideas_per_thousand", "answered_in_time", "external_share", RESIDENTS),
    ),
    CityGoal(
        TRIAL,
        "Fler idéer prövas i liten skala",
        "Förstudier och piloter startas snabbt, med ett tydligt beslut vid varje grind i innovationsslussen.",
        ("reached_pilot", "median_days_idea", "median_days_prestudy"),
    ),
    CityGoal(
        SPREAD,
        "Det som fungerar används i hela staden",
        "Innovationer som prövats med gott resultat införs i ordinarie verksamhet och sprids till fler "
        "förvaltningar och bolag.",
        ("realised_innovations", "median_days_implementation", SURVEY),
    ),
    CityGoal(
        IDEAS,
        "Varje idé får ett svar i tid",
        "Idéer från medarbetare, invånare och leverantörer tas emot på samma sätt i hela staden och besvaras "
        "inom 30 dagar, med en motivering som går att förstå.",
        ("answered_in_time", "ideas_per_thousand", "external_share", RESIDENTS),
    ),
    CityGoal(
        TRIAL,
        "Kortare tid från idé till pilot",
        "Tiden från att en idé lämnas till första beslut, och tiden i förstudie, ska minska i alla verksamheter.",
        ("median_days_idea", "median_days_prestudy", "reached_pilot"),
    ),
    CityGoal(
        SPREAD,
        "En kultur där medarbetare vågar pröva nytt",
        "Chefer ger utrymme att pröva nya arbetssätt, och försök som inte lyckas tas tillvara som lärdomar.",
        (SURVEY, "realised_innovations"),
    ),
    CityGoal(
        IDEAS,
        "Invånare och näringsliv är med och utvecklar stadens tjänster",
        "Fler idéer kommer från invånare, föreningar, företag och högskolor, och den som lämnar en idé får veta "
        "vad som händer med den.",
        ("external_share", "ideas_per_thousand", "answered_in_time", RESIDENTS),
    ),
    CityGoal(
        TRIAL,
        "Piloter utvärderas och leder till beslut",
        "Varje pilot har en plan för utvärdering och avslutas med ett beslut om införande, spridning eller avslut.",
        ("reached_pilot", "median_days_pilot", "median_days_prestudy"),
    ),
    CityGoal(
        SPREAD,
        "Fler innovationer skapar nytta för stockholmarna",
        "Fler förändringar bedöms som innovationer: nya, värdeskapande, genomförda och använda.",
        ("realised_innovations", "median_days_implementation", SURVEY),
    ),
    CityGoal(
        SPREAD,
        "Goda exempel sprids mellan stadsdelarna",
        "Lösningar som fungerar i en stadsdel eller ett bolag prövas av fler, med stöd av stadens innovationsnätverk.",
        ("realised_innovations", "median_days_implementation", SURVEY),
    ),
    CityGoal(
        IDEAS,
        "Digitala kanaler gör det lätt att lämna en idé",
        "Medarbetare, invånare och leverantörer kan lämna och följa en idé digitalt, på svenska och engelska.",
        ("ideas_per_thousand", "external_share", "answered_in_time", RESIDENTS),
    ),
    CityGoal(
        TRIAL,
        "Upphandling och samverkan öppnar för nya lösningar",
        "Fler piloter görs tillsammans med leverantörer, högskolor och andra kommuner, och upphandlingar "
        "efterfrågar funktion snarare än färdiga lösningar.",
        ("reached_pilot", "median_days_prestudy", "median_days_pilot"),
    ),
)

#: The demo's three years: (ideas, trial, spread) goals, oldest year first, as indexes into CITY_GOALS.
DEMO_CITY_GOALS = ((0, 1, 2), (3, 4, 5), (6, 7, 8))

#: Activities the executive office runs for the city's goals, by strand.
CITY_ACTIVITIES = {
    IDEAS: (
        "Gemensam kampanj om hur man lämnar en idé, på intranätet och i stadens kanaler",
        "Utbildning för innovationskontoren i att ge motiverade svar inom 30 dagar",
        "Idéinsamling tillsammans med stadens medborgarkontor",
    ),
    TRIAL: (
        "Innovationsfond för förstudier och piloter i förvaltningar och bolag",
        "Stadsövergripande nätverk för innovationscoacher",
        "Mall för utvärdering av piloter",
    ),
    SPREAD: (
        "Innovationsdagen: förvaltningar och bolag visar vad som fungerat",
        "Ledarskapsprogram om innovation för stadens chefer",
        "Uppföljning av spridda lösningar i stadens innovationsnätverk",
    ),
}


class GoalText(NamedTuple):
    strand: str
    title: str
    activities: tuple[str, ...]


#: Goals administrations and companies set for themselves, by field of work.
THEME_GOALS: dict[str, tuple[GoalText, ...]] = {
    "elderly_care": (
        GoalText(
            TRIAL,
            "Alla vård- och omsorgsboenden prövar minst en välfärdsteknisk lösning",
            (
                "Pilot med digital tillsyn nattetid på två boenden",
                "Utbildning i välfärdsteknik för undersköterskor",
                "Utvärdering av läkemedelsrobot tillsammans med sjuksköterskorna",
            ),
        ),
        GoalText(
            IDEAS,
            "Idéer från medarbetarna i hemtjänsten tas tillvara",
            (
                "Idéverkstad i varje hemtjänstgrupp",
                "Återkoppling på inlämnade idéer vid arbetsplatsträffar",
                "Innovationsombud i varje hemtjänstområde",
            ),
        ),
        GoalText(
            SPREAD,
            "Digitala träffpunkter minskar ensamheten bland äldre",
            (
                "Sprida digitala träffpunkter från pilotboendet till alla boenden",
                "Samarbete med frivilligorganisationer om besöksvänner",
                "Uppföljning av de äldres upplevelse tillsammans med anhöriga",
            ),
        ),
    ),
    "preschool": (
        GoalText(
            SPREAD,
            "Förskolorna delar och sprider arbetssätt som fungerar",
            (
                "Nätverk för pedagogiska utvecklare i förskolan",
                "Gemensam idébank för förskolornas arbetslag",
                "Spridning av utomhuspedagogiken till fler förskolor",
            ),
        ),
        GoalText(
            IDEAS,
            "Vårdnadshavare är med och utvecklar förskolan",
            (
                "Workshop med vårdnadshavare om hämtning och lämning",
                "Flerspråkig information om hur man lämnar en idé",
                "Pilot med digital närvaroregistrering",
            ),
        ),
        GoalText(
            TRIAL,
            "Fler idéer från förskolans medarbetare prövas i vardagen",
            (
                "Tid för utvecklingsarbete i varje arbetslags planering",
                "Pilot med språkutvecklande digitala verktyg",
                "Utvärdering av ny modell för inskolning",
            ),
        ),
    ),
    "school": (
        GoalText(
            SPREAD,
            "Fler lärare prövar och delar nya arbetssätt",
            (
                "Nätverk för förstelärare kring digitala verktyg",
                "Gemensam idébank för stadens skolor",
                "Erfarenhetsutbyte mellan skolor med liknande elevgrupper",
            ),
        ),
        GoalText(
            IDEAS,
            "Elevernas idéer tas tillvara i skolans utveckling",
            (
                "Elevråd med innovation som stående punkt",
                "Idétävling för gymnasieelever om skolmiljön",
                "Återkoppling till elever på inlämnade förslag",
            ),
        ),
        GoalText(
            TRIAL,
            "Mindre administration och mer tid för undervisning",
            (
                "Pilot med stöd för bedömning och återkoppling",
                "Kartläggning av lärarnas administrativa uppgifter",
                "Gemensam planeringsmall för arbetslagen",
            ),
        ),
    ),
    "social": (
        GoalText(
            TRIAL,
            "Snabbare och enklare kontakt med socialtjänsten",
            (
                "Pilot med digital tidsbokning för ekonomiskt bistånd",
                "Chatt för frågor om försörjningsstöd",
                "Kartläggning av ärendeflödet tillsammans med invånare",
            ),
        ),
        GoalText(
            IDEAS,
            "Brukarnas erfarenheter leder till förbättringar",
            (
                "Brukarråd inom funktionsstödet med nya idéer som stående punkt",
                "Intervjuer med unga i öppenvården",
                "Erfarenhetsutbyte med idéburna organisationer",
            ),
        ),
        GoalText(
            SPREAD,
            "Förebyggande arbetssätt sprids mellan enheterna",
            (
                "Spridning av familjecoacher till fler enheter",
                "Gemensam modell för tidiga insatser tillsammans med skolan",
                "Uppföljning av effekter i samverkan med högskola",
            ),
        ),
    ),
    "parks": (
        GoalText(
            IDEAS,
            "Invånarnas idéer förbättrar parker och utemiljöer",
            (
                "Medborgardialog om upprustning av parkerna",
                "Skötselplan framtagen tillsammans med föreningar",
                "Digital karta där invånare lämnar förslag",
            ),
        ),
        GoalText(
            TRIAL,
            "Nya material och metoder prövas i park- och gatuskötseln",
            (
                "Pilot med sensorer i papperskorgar",
                "Test av eldrivna skötselmaskiner",
                "Försök med ängsmark i stället för gräsmatta",
            ),
        ),
    ),
    "culture": (
        GoalText(
            TRIAL,
            "Biblioteken prövar nya sätt att nå fler invånare",
            (
                "Meröppet bibliotek i ytterstaden",
                "Pilot med bokbuss vid förskolor",
                "Läsfrämjande aktiviteter tillsammans med föreningar",
            ),
        ),
        GoalText(
            IDEAS,
            "Kulturutbudet utvecklas tillsammans med unga",
            (
                "Ungdomsråd för kulturhusens program",
                "Idéverkstad med fritidsgårdarna",
                "Öppen scen där unga prövar egna format",
            ),
        ),
    ),
    "traffic": (
        GoalText(
            TRIAL,
            "Säkrare och enklare resor genom nya lösningar",
            (
                "Pilot med smarta trafiksignaler för cyklister",
                "Test av sensorer för vinterväghållningen",
                "Utvärdering av tillfälliga gångfartsgator",
            ),
        ),
        GoalText(
            IDEAS,
            "Invånarnas synpunkter på gatumiljön leder till förbättringar",
            (
                "Snabbare återkoppling på felanmälningar",
                "Trygghetsvandringar med invånare",
                "Öppna data om pågående gatuarbeten",
            ),
        ),
    ),
    "water_waste": (
        GoalText(
            TRIAL,
            "Nya lösningar för återbruk och mindre avfall",
            (
                "Pilot med återbruksrum i flerbostadshus",
                "Sensorer för tömning av underjordsbehållare",
                "Matavfallsinsamling i fler verksamheter",
            ),
        ),
        GoalText(
            SPREAD,
            "Digital övervakning av ledningsnätet i hela staden",
            (
                "Utbyggnad av läcksökning med akustiska sensorer",
                "Gemensam lägesbild för driftcentralen",
                "Erfarenhetsutbyte med andra VA-organisationer",
            ),
        ),
    ),
    "housing": (
        GoalText(
            IDEAS,
            "Hyresgästernas idéer förbättrar boendet",
            (
                "Digital felanmälan med återkoppling till hyresgästen",
                "Hyresgästträffar om trygghet i området",
                "Pilot med gemensamma verktygsförråd",
            ),
        ),
        GoalText(
            TRIAL,
            "Energismarta lösningar prövas i fastighetsbeståndet",
            (
                "Pilot med individuell mätning av varmvatten",
                "Styrning av värme efter väderprognos i tre fastigheter",
                "Solceller på tak i samråd med hyresgästerna",
            ),
        ),
        GoalText(
            SPREAD,
            "Lösningar som fungerar sprids mellan bostadsområdena",
            (
                "Gemensam idébank för bovärdarna",
                "Studiebesök mellan förvaltningsområdena",
                "Standard för införande av prövade lösningar",
            ),
        ),
    ),
    "urban_planning": (
        GoalText(
            TRIAL,
            "Snabbare och mer förutsägbara planprocesser",
            (
                "Pilot med digitala samråd i 3D",
                "Gemensam checklista för tidiga skeden",
                "Automatisk kontroll av bygglovsritningar",
            ),
        ),
        GoalText(
            IDEAS,
            "Medborgardialog med nya metoder",
            (
                "Dialog på plats i stadsdelscentrum",
                "Digital enkät med kartfunktion",
                "Workshop med unga om nya bostadsområden",
            ),
        ),
    ),
    "environment": (
        GoalText(
            TRIAL,
            "Nya metoder för tillsyn och miljöövervakning",
            (
                "Pilot med drönare för inventering av naturvärden",
                "Digital planering av tillsynsbesök",
                "Luftsensorer vid skolor",
            ),
        ),
        GoalText(
            SPREAD,
            "Klimatsmarta innovationer sprids i staden",
            (
                "Klimatnätverk för förvaltningarnas miljösamordnare",
                "Spridning av fossilfria arbetsmaskiner",
                "Gemensam uppföljning av klimatnyttan",
            ),
        ),
    ),
    "it": (
        GoalText(
            IDEAS,
            "Digitala tjänster utvecklas tillsammans med användarna",
            (
                "Användartester med invånare varje månad",
                "Gemensamt komponentbibliotek för e-tjänster",
                "Idéer från medarbetarna i IT-supporten",
            ),
        ),
        GoalText(
            TRIAL,
            "Automatisering frigör tid för kärnuppdraget",
            (
                "Pilot med automatiserad handläggning av enkla ärenden",
                "Kartläggning av manuella flöden",
                "Riktlinjer för ansvarsfull användning av AI",
            ),
        ),
    ),
    "administration": (
        GoalText(
            TRIAL,
            "Upphandlingar öppnar för nya lösningar",
            (
                "Marknadsdialog inför större upphandlingar",
                "Innovationsupphandling av digital tillsyn",
                "Utbildning i funktionsupphandling",
            ),
        ),
        GoalText(
            SPREAD,
            "Stöd som gör förvaltningarnas innovationsarbete enklare",
            (
                "Stadsgemensamt innovationsnätverk",
                "Utbildning av nya innovationscoacher",
                "Gemensam metod för utvärdering av piloter",
            ),
        ),
        GoalText(
            IDEAS,
            "Enklare administration genom medarbetarnas idéer",
            (
                "Idéjakt på onödiga moment i ekonomiprocessen",
                "Förenklade mallar för beslut och delegation",
                "Återkoppling på förslag inom två veckor",
            ),
        ),
    ),
    "sport": (
        GoalText(
            TRIAL,
            "Fler invånare rör sig genom nya sätt att använda anläggningarna",
            (
                "Digital bokning av lediga tider",
                "Öppna idrottshallar för spontanidrott",
                "Utegym med digitala instruktioner",
            ),
        ),
    ),
    "labour_market": (
        GoalText(
            TRIAL,
            "Fler når egen försörjning genom nya arbetssätt",
            (
                "Pilot med matchning utifrån kompetensprofiler",
                "Samarbete med arbetsgivare om praktikplatser",
                "Digitala vägledningssamtal",
            ),
        ),
        GoalText(
            IDEAS,
            "Företagen är med och utvecklar stadens service",
            (
                "Företagarpanel om stadens tillståndsprocesser",
                "Innovationstävling för unga företag",
                "Gemensam ingång för företagens förslag",
            ),
        ),
    ),
}

#: Which theme a unit's field of work (``Unit.sectors``) belongs to.
SECTOR_THEMES = {
    "elderly_care": "elderly_care",
    "preschool": "preschool",
    "school": "school",
    "social_services": "social",
    "disability": "social",
    "parks": "parks",
    "culture": "culture",
    "library": "culture",
    "traffic": "traffic",
    "water": "water_waste",
    "waste": "water_waste",
    "housing": "housing",
    "urban_planning": "urban_planning",
    "environment": "environment",
    "it": "it",
    "administration": "administration",
    "procurement": "administration",
    "sport": "sport",
    "labour_market": "labour_market",
}


def themes_for(sectors: str | list[str]) -> list[str]:
    """The themes of a unit's fields of work, in order, without repeats; administration if none."""
    names = sectors.split(";") if isinstance(sectors, str) else sectors
    themes: list[str] = []
    for sector in names:
        theme = SECTOR_THEMES.get(sector.strip())
        if theme and theme not in themes:
            themes.append(theme)
    return themes or ["administration"]


# --- reports -----------------------------------------------------------------

#: The narrative's first sentence, by period (T1, T2, VB).
OPENINGS = {
    "T1": (
        "Under årets första tertial har innovationsarbetet främst handlat om att komma i gång med årets aktiviteter.",
        "Årets första månader har präglats av planering, men flera aktiviteter har redan startat.",
        "Tertialen har inneburit en god start på året för innovationsarbetet.",
        "Under januari–april har vi fokuserat på att göra vägen in för idéer känd i hela verksamheten.",
    ),
    "T2": (
        "Under perioden januari–augusti har arbetet med årets innovationsmål fortsatt enligt plan.",
        "Sommaren har som vanligt inneburit ett lägre tempo, men arbetet tog fart igen i augusti.",
        "Efter årets första åtta månader ser vi att arbetssätten börjar sätta sig i verksamheten.",
        "Perioden har präglats av både framsteg och förseningar, som redovisas nedan.",
    ),
    "VB": (
        "Året har inneburit att innovationsarbetet blivit en mer självklar del av verksamhetsutvecklingen.",
        "Under året har vi tagit flera steg mot stadens innovationsmål, även om inte alla mål har nåtts.",
        "Året präglades av ett ansträngt ekonomiskt läge, men innovationsarbetet har kunnat fortsätta.",
        "Sammantaget har året gett tydligare beslut om idéerna än tidigare år.",
    ),
}

#: What happened in the period, by theme.
WORK = {
    "elderly_care": (
        "Digital tillsyn nattetid har prövats på två vård- och omsorgsboenden, och de boende sover bättre när de "
        "inte väcks av fysiska tillsynsbesök.",
        "Medarbetare i hemtjänsten har lämnat flera förslag om enklare planering av besöken, och två av dem "
        "prövas nu i förstudie.",
        "Läkemedelsroboten har utvärderats tillsammans med sjuksköterskorna; den minskar antalet missade doser.",
        "De digitala träffpunkterna har fått ett tjugotal nya deltagare, och anhöriga beskriver dem som ett viktigt "
        "inslag i vardagen.",
    ),
    "preschool": (
        "Förskolornas arbetslag har delat arbetssätt i den gemensamma idébanken, och tre förskolor har tagit efter "
        "utomhuspedagogiken.",
        "Vårdnadshavare har deltagit i en workshop om hämtning och lämning, och flera av deras förslag prövas nu.",
        "Piloten med digital närvaroregistrering har minskat pappersarbetet för arbetslagen.",
        "Tid för utvecklingsarbete har lagts in i arbetslagens planering, vilket har gett fler idéer.",
    ),
    "school": (
        "Förstelärarnas nätverk har samlat ett fyrtiotal lärare kring digitala verktyg i undervisningen.",
        "Elevråden har haft innovation som stående punkt, och elevernas förslag om skolmiljön har lett till "
        "två förändringar.",
        "Piloten med stöd för bedömning och återkoppling har gett lärarna mer tid för undervisning.",
        "Erfarenhetsutbytet mellan skolor med liknande elevgrupper har uppskattats av både lärare och rektorer.",
    ),
    "social": (
        "Den digitala tidsbokningen för ekonomiskt bistånd har kortat väntetiden för ett första besök.",
        "Brukarrådet inom funktionsstödet har lämnat flera idéer, och två prövas nu i liten skala.",
        "Familjecoacherna har spridits till ytterligare en enhet, och samarbetet med skolan har fördjupats.",
        "Intervjuer med unga i öppenvården har gett underlag för en ny modell för uppföljande samtal.",
    ),
    "parks": (
        "Medborgardialogen om parkernas upprustning har samlat fler än tvåhundra förslag från invånarna.",
        "Sensorer i papperskorgar har minskat antalet onödiga tömningar på de sträckor där de prövats.",
        "Försöket med ängsmark har mötts av både positiva och kritiska synpunkter, som tas med i utvärderingen.",
    ),
    "culture": (
        "Det meröppna biblioteket har haft fler besökare än väntat, särskilt på kvällar och helger.",
        "Ungdomsrådet har tagit fram ett eget program för kulturhuset, som genomfördes under perioden.",
        "Bokbussen vid förskolorna har nått barn som sällan besöker biblioteket.",
    ),
    "traffic": (
        "Piloten med smarta trafiksignaler för cyklister har gett kortare väntetider i korsningarna.",
        "Sensorerna för vinterväghållning har gjort att halkbekämpningen kunnat sättas in i rätt tid.",
        "Felanmälningar om gatumiljön besvaras nu snabbare, och invånarna får veta när felet är åtgärdat.",
    ),
    "water_waste": (
        "Återbruksrummen i flerbostadshusen har använts flitigt, och mängden grovavfall har minskat.",
        "Sensorerna i underjordsbehållarna har gjort att tömningen kan planeras efter behov.",
        "Läcksökningen med akustiska sensorer har hittat flera läckor innan de gett skador.",
    ),
    "housing": (
        "Hyresgästerna får nu besked när en felanmälan är åtgärdad, och antalet upprepade anmälningar har minskat.",
        "Piloten med individuell mätning av varmvatten har minskat förbrukningen i de berörda husen.",
        "Verktygsförrådet som hyresgästerna delar har blivit populärt och ska prövas i fler områden.",
        "Bovärdarnas idébank har fått ett trettiotal förslag, och flera har redan genomförts.",
    ),
    "urban_planning": (
        "De digitala samråden i 3D har gett fler och mer konkreta synpunkter än tidigare samråd.",
        "Den gemensamma checklistan för tidiga skeden har gjort att färre ärenden behöver kompletteras.",
        "Dialogen på plats i stadsdelscentrum nådde invånare som sällan deltar i samråd.",
    ),
    "environment": (
        "Drönarinventeringen av naturvärden har gett ett bättre underlag på kortare tid.",
        "Luftsensorerna vid skolorna har gett underlag för åtgärder mot tomgångskörning.",
        "Fossilfria arbetsmaskiner prövas nu i ytterligare två verksamheter.",
    ),
    "it": (
        "Användartesterna med invånare har lett till att två e-tjänster förenklats.",
        "Piloten med automatiserad handläggning av enkla ärenden har frigjort tid för handläggarna.",
        "Riktlinjerna för ansvarsfull användning av AI har tagits fram tillsammans med verksamheterna.",
    ),
    "administration": (
        "Marknadsdialogen inför upphandlingen av digital tillsyn har gett fler och bättre anbud.",
        "Det stadsgemensamma innovationsnätverket har träffats varje månad, med god uppslutning.",
        "Förenklade mallar för beslut och delegation har minskat handläggningstiden.",
        "Tolv nya innovationscoacher har utbildats under perioden.",
    ),
    "sport": (
        "Den digitala bokningen av lediga tider har gjort att fler hallar används på kvällarna.",
        "Spontanidrotten i de öppna hallarna har lockat många unga under lov och helger.",
    ),
    "labour_market": (
        "Matchningen utifrån kompetensprofiler har lett till fler anställningar än den tidigare modellen.",
        "Företagarpanelen har lämnat förslag på förenklingar i stadens tillståndsprocesser.",
        "De digitala vägledningssamtalen har gjort det lättare för deltagare med små barn att delta.",
    ),
}

#: A sentence on the ideas received: ``{n}`` ideas in the period (at least four).
INFLOW = (
    "Under perioden har {n} idéer kommit in, och innovationskontoret har gett ett första svar på de flesta inom "
    "30 dagar.",
    "Vi har tagit emot {n} idéer, de flesta från medarbetare men allt fler från invånare och leverantörer.",
    "Inflödet av idéer var {n} under perioden; innovationscoacherna har stöttat de idéer som gått vidare.",
)
#: The same for one to three ideas, as ``{ideas}`` (”en idé”, ”tre idéer”).
FEW_INFLOW = (
    "Bara {ideas} har kommit in under perioden, och vi behöver göra vägen in för idéer mer känd.",
    "Inflödet av idéer har varit lågt, {ideas} under perioden; vi planerar idéverkstäder för att öka det.",
)
NO_INFLOW = (
    "Inflödet av idéer har varit lågt under perioden, och vi behöver göra vägen in för idéer mer känd.",
    "Få idéer har kommit in under perioden; vi planerar idéverkstäder för att öka inflödet.",
)

#: The narrative's last sentence, by period.
CLOSINGS = {
    "T1": (
        "Under resten av våren prioriterar vi att utvärdera de piloter som pågår.",
        "Fokus framåt är att ge snabbare svar på de idéer som kommer in.",
        "Inför sommaren säkrar vi att aktiviteterna har en ansvarig även under semesterperioden.",
    ),
    "T2": (
        "Under hösten prioriterar vi att fatta beslut om de piloter som avslutas.",
        "Inför årets sista tertial fokuserar vi på spridning av det som fungerat.",
        "Under hösten genomförs medarbetarenkäten, och resultatet redovisas i verksamhetsberättelsen.",
    ),
    "VB": (
        "Inför nästa år vill vi arbeta mer tillsammans med andra förvaltningar och bolag.",
        "Lärdomarna från årets piloter tas med i verksamhetsplanen för nästa år.",
        "Nästa år prioriterar vi att korta tiden från idé till beslut.",
    ),
}

#: A goal's assessment, by the goal's strand and how far it is met.
ASSESSMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    IDEAS: {
        "met": (
            "Målvärdet är nått. Idéverkstäderna har gett fler idéer än vi räknat med.",
            "Uppfyllt: alla idéer har fått ett första svar, och de flesta inom 30 dagar.",
            "Målet är nått. Idéerna från invånare har ökat sedan vi började synas på plats i stadsdelen.",
        ),
        "partly": (
            "Delvis: medarbetarna lämnar fler idéer, men idéerna från invånare är fortfarande få.",
            "Svarstiderna har blivit kortare, men är fortfarande för långa på två avdelningar.",
            "Utfallet ligger nära målvärdet. Vi fortsätter med idéverkstäder under hösten.",
        ),
        "not_met": (
            "Inte uppfyllt. Få känner till hur man lämnar en idé; vi tar fram en plan för att nå ut.",
            "Målet nås inte: idéerna har blivit liggande när innovationskontoret varit underbemannat.",
        ),
    },
    TRIAL: {
        "met": (
            "Uppfyllt. Två piloter har utvärderats och båda införs i ordinarie verksamhet.",
            "Målet är nått: tiden från idé till beslut har kortats med ungefär en vecka.",
            "Målvärdet är nått, bland annat tack vare att det nu finns innovationscoacher på varje avdelning.",
        ),
        "partly": (
            "Vi är på väg. Piloten försenades av upphandlingen men startar efter sommaren.",
            "Delvis uppfyllt: fler idéer har gått vidare till förstudie, men få har hunnit nå pilot.",
            "Arbetet går enligt plan, men det är för tidigt att bedöma effekten.",
        ),
        "not_met": (
            "Målet nås inte: piloten avbröts när leverantören inte kunde leverera.",
            "Inte uppfyllt. Förstudierna har tagit längre tid än planerat på grund av vakanser.",
        ),
    },
    SPREAD: {
        "met": (
            "Målet är uppnått, och arbetssättet sprids nu till fler enheter.",
            "Uppfyllt: tre förändringar har bedömts som innovationer och används i hela verksamheten.",
            "Vi ligger över målvärdet, och fler medarbetare säger att de kan pröva nya idéer.",
        ),
        "partly": (
            "Delvis uppfyllt: lösningen används på de flesta enheter, men spridningen till andra förvaltningar "
            "har inte kommit i gång.",
            "Flera förändringar är genomförda, men bara en har hittills bedömts som en innovation.",
            "Arbetet har kommit i gång, men effekterna syns ännu inte i utfallet.",
        ),
        "not_met": (
            "Inte uppfyllt. Hög personalomsättning har gjort att arbetet fått stå tillbaka.",
            "Inte uppfyllt: omorganisationen har tagit mycket tid, och arbetet återupptas nu.",
            "Utfallet ligger långt under målvärdet. En handlingsplan tas fram till nästa rapport.",
        ),
    },
}

#: The executive office's reasons for returning a report.
RETURN_COMMENTS = (
    "Bedömningen att målen är uppfyllda behöver motiveras. Andelen idéer som besvarats i tid ligger under "
    "målvärdet – beskriv vad ni gör åt det.",
    "Ange vilken mätning medarbetarenkätens siffra kommer från; källan saknar år.",
    "Beskriv mer konkret vilka piloter som pågår och när de ska utvärderas.",
    "Texten beskriver aktiviteter men inte resultat. Komplettera med vad aktiviteterna har lett till.",
    "Analysen av varför målet inte nås saknas. Beskriv orsaker och planerade åtgärder.",
    "Målen stämmer inte med nämndens verksamhetsplan. Stäm av mot nämndens beslut och komplettera.",
    "Komplettera med hur invånarnas synpunkter har tagits tillvara under perioden.",
)

#: The executive office's words on approval (often none).
APPROVAL_COMMENTS = (
    "",
    "",
    "",
    "Tack för en tydlig redovisning.",
    "Godkänd. Bra att ni lyfter lärdomarna från piloterna.",
    "Godkänd. Vi återkommer om att sprida er lösning till fler förvaltningar.",
    "Tack! Utvecklingen av svarstiderna är glädjande.",
)
APPROVAL_AFTER_RETURN = (
    "Godkänd efter komplettering.",
    "Tack för kompletteringen, nu är redovisningen tydlig.",
)

#: Why the executive office gave a report more time; ``{board}`` is ”nämndens” or ”styrelsens”.
EXTENSION_REASONS = (
    "Anstånd beviljat: rapporten behandlas på {board} sammanträde i december.",
    "Anstånd i väntan på resultatet från medarbetarenkäten.",
    "Ny ledning har tillträtt; anstånd beviljat efter samråd.",
    "Anstånd beviljat på grund av omorganisation.",
    "Anstånd beviljat: underlaget från verksamheterna är försenat.",
)
AFTER_RETURN = "Ny tidsfrist efter återremiss."

#: What the writers add when a returned report goes back in.
COMPLETIONS = (
    "Komplettering efter återremiss: piloterna utvärderas i oktober, och resultatet redovisas i nästa rapport.",
    "Komplettering: medarbetarenkätens resultat avser mätningen i oktober förra året.",
    "Komplettering: de åtgärder vi planerar är fler idéverkstäder och en tydligare rutin för återkoppling.",
    "Komplettering: invånarnas synpunkter har samlats in vid två dialogmöten och i den digitala enkäten.",
)


def ideas_in_words(n: int) -> str:
    """”en idé”, ”två idéer”, ”12 idéer”."""
    words = {1: "en idé", 2: "två idéer", 3: "tre idéer"}
    return words.get(n, f"{n} idéer")


def inflow(n: int, choice) -> str:
    """The narrative's sentence on the ``n`` ideas received; ``choice`` picks one of the variants."""
    if n == 0:
        return choice(NO_INFLOW)
    if n < 4:
        return choice(FEW_INFLOW).format(ideas=ideas_in_words(n))
    return choice(INFLOW).format(n=n)
