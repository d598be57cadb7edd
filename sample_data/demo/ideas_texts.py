"""Swedish demo content for the innovation lock.

Pure data plus a small deterministic variant generator. The texts are
written to resemble ideas submitted by employees, managers, residents,
suppliers and researchers in a large Swedish city.
"""

import re

SECTORS = (
    "elderly_care",
    "preschool",
    "school",
    "social_services",
    "disability",
    "library",
    "culture",
    "parks",
    "waste",
    "water",
    "housing",
    "traffic",
    "procurement",
    "it",
    "environment",
    "sport",
    "labour_market",
    "urban_planning",
    "administration",
)

KINDS = ("product", "service", "process", "organisation", "external_relations")
VALUES = ("economic", "social", "environmental")
SOURCE_HINTS = ("employee", "manager", "resident", "supplier", "university", "city_unit", "feedback")

ECO = "economic"
SOC = "social"
ENV = "environmental"


def _idea(sector, source_hint, kind, values, title, problem, audience, proposal, expected_value):
    return {
        "sector": sector,
        "title": title,
        "problem": problem,
        "audience": audience,
        "proposal": proposal,
        "expected_value": expected_value,
        "kind": kind,
        "values": list(values),
        "source_hint": source_hint,
    }


IDEAS = [
    # ------------------------------------------------------------------
    # Elderly care
    # ------------------------------------------------------------------
    _idea(
        "elderly_care",
        "employee",
        "process",
        [SOC],
        "Sent kvällsmål för att korta nattfastan på äldreboendet",
        "På vårt äldreboende i Bredäng serveras kvällsmaten halv sex och frukosten först vid halv nio. "
        "Det ger en nattfasta på upp till femton timmar för flera av de boende, vilket ökar risken för undernäring och oro på natten. "
        "Socialstyrelsen rekommenderar att nattfastan inte ska överstiga elva timmar.",
        "Boende och omvårdnadspersonal på vård- och omsorgsboenden.",
        "Vi vill införa ett sent kvällsmål mellan klockan 20 och 21 med smörgås, välling, fil eller nyponsoppa som nattpersonalen serverar. "
        "Varje boende gör sitt eget val, som skrivs in i genomförandeplanen. "
        "Vi mäter nattfastan under en vecka före och en vecka efter förändringen.",
        "Nattfastan kortas till under elva timmar för minst 90 procent av de boende. "
        "Vi räknar också med färre fall nattetid och mindre behov av lugnande läkemedel.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "product",
        [ECO, SOC],
        "Digitala lås i hemtjänsten i stället för nyckelskåp",
        "I hemtjänstgruppen i Hökarängen hanterar vi över 200 nycklar i ett nyckelskåp. "
        "Varje morgon går ungefär en halvtimme åt till att kvittera ut och lämna tillbaka nycklar, och det händer att nycklar tappas bort så att låset hos brukaren måste bytas.",
        "Medarbetare i hemtjänsten och brukare som har hemtjänst.",
        "Installera digitala lås hos brukarna så att personalen öppnar med sin tjänstemobil och varje öppning loggas. "
        "Låset monteras på insidan av dörren och kräver inget ingrepp i hyresvärdens lås. "
        "Vi vill börja med en av våra fyra arbetsgrupper under tre månader.",
        "En grupp med 25 medarbetare bör spara omkring 600 arbetstimmar per år. "
        "Kostnaden för låsbyten, i dag cirka 80 000 kronor per år, försvinner nästan helt.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "organisation",
        [SOC],
        "Små fasta team runt varje brukare i hemtjänsten",
        "En av våra brukare träffade 21 olika medarbetare under två veckor i höstas. "
        "Många äldre, särskilt personer med demenssjukdom, blir oroliga av att hela tiden möta nya ansikten. "
        "Det blir också svårare för oss att upptäcka när någon börjar må sämre.",
        "Brukare med hemtjänst och deras anhöriga.",
        "Dela in hemtjänstgruppen i små team om fyra till fem medarbetare som ansvarar för samma brukare. "
        "Schemat läggs så att teamet täcker varandras ledigheter i första hand. "
        "Personalkontinuiteten följs upp varje månad i planeringssystemet.",
        "Målet är att ingen brukare ska möta fler än tio olika medarbetare på fjorton dagar. "
        "Vi tror att andelen som känner sig trygga i brukarundersökningen ökar med minst tio procentenheter.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "service",
        [SOC],
        "Gemensam lunch på träffpunkten för äldre som äter ensamma",
        "Många äldre med matdistribution äter varje måltid ensamma hemma. "
        "I biståndshandläggningen ser vi ofta att ensamhet och dålig aptit hänger ihop, och att viktnedgången kommer smygande.",
        "Äldre med beviljad matdistribution som bor nära en träffpunkt.",
        "Erbjud den som vill att äta sin matlåda tillsammans med andra på närmaste träffpunkt två dagar i veckan. "
        "Leverantören levererar då till träffpunkten i stället för hem till den enskilde. "
        "Den som har svårt att ta sig dit kan få ledsagning den första tiden.",
        "Vi räknar med att ett fyrtiotal äldre deltar regelbundet under första året. "
        "Fler får sällskap vid måltiden och vi förväntar oss att färre behöver näringsdrycker.",
    ),
    _idea(
        "elderly_care",
        "resident",
        "service",
        [SOC],
        "Veckobrev från äldreboendet till anhöriga",
        "Min pappa bor på ett äldreboende i Farsta och själv bor jag i Göteborg. "
        "Jag får sällan veta något om hans vardag förrän något har gått snett. "
        "När jag pratat med andra anhöriga känner de likadant.",
        "Anhöriga till personer som bor på äldreboenden.",
        "Låt varje avdelning skicka ett kort veckobrev via e-post eller sms om vad som hänt, till exempel aktiviteter, utflykter och vad som serverats. "
        "Inga känsliga uppgifter behöver stå med, men kontaktpersonen kan lägga till en personlig rad om den boende har samtyckt.",
        "Anhöriga blir tryggare och färre ringer till avdelningen med allmänna frågor. "
        "Personalen på min pappas avdelning tror att telefonsamtalen kan minska med en tredjedel.",
    ),
    _idea(
        "elderly_care",
        "manager",
        "organisation",
        [ECO, SOC],
        "Gemensam vikariepool för äldreboendena i stadsdelen",
        "Våra tre äldreboenden ringer in timvikarier från var sin lista, och samma vikarie kan bli tillfrågad tre gånger samma morgon. "
        "Samtidigt står pass obemannade och vi tvingas anlita bemanningsföretag till dubbla kostnaden.",
        "Enhetschefer och schemaläggare på vård- och omsorgsboenden.",
        "Inrätta en gemensam vikariepool med en bokningsfunktion för alla vård- och omsorgsboenden i stadsdelen. "
        "Vikarierna får introduktion på alla tre boendena och erbjuds på sikt längre anställningar. "
        "En samordnare bemannar bokningen mellan sex och tio varje morgon.",
        "Vi räknar med att halvera kostnaden för bemanningsföretag, som i dag ligger på cirka 1,2 miljoner kronor per år. "
        "De boende möter oftare vikarier som redan känner dem.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "product",
        [SOC, ECO],
        "Digital nattillsyn så att brukare slipper väckas",
        "Nattpatrullen gör tillsyn hos många brukare två eller tre gånger per natt. "
        "När vi öppnar dörren och tänder lampan vaknar många och har svårt att somna om, och några blir rädda.",
        "Brukare med beviljad nattillsyn i ordinärt boende.",
        "Erbjud digital nattillsyn med kamera som bara aktiveras vid de beslutade tillsynstiderna, på samma sätt som flera andra kommuner gör. "
        "Brukaren eller företrädaren lämnar skriftligt samtycke och kan när som helst gå tillbaka till fysisk tillsyn.",
        "Bättre sömn för brukarna och kortare körsträckor för nattpatrullen. "
        "Vi uppskattar att 30 procent av tillsynsbesöken kan göras digitalt.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "process",
        [ENV, ECO],
        "Elcyklar för hemtjänsten på Södermalm",
        "Hemtjänsten på Södermalm använder leasade bilar, men vi lägger mycket tid på att leta parkering och får en parkeringsbot ungefär varje vecka. "
        "De flesta av våra besök ligger mindre än två kilometer från varandra.",
        "Medarbetare i hemtjänsten som har korta avstånd mellan besöken.",
        "Byt ut två av gruppens fem bilar mot elcyklar med låda och dubbdäck för vintern. "
        "Alla som vill får en cykelkurs och regnkläder. "
        "Cyklarna står laddade i ett låst cykelrum på kontoret.",
        "Vi sparar cirka 90 000 kronor per år i leasing, bränsle och böter. "
        "Utsläppen minskar med omkring fyra ton koldioxid per år och personalen får mer rörelse i vardagen.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "process",
        [SOC],
        "Laga mat och baka tillsammans med de boende",
        "All mat kommer färdiglagad från ett tillagningskök och avdelningen luktar aldrig mat. "
        "Flera av våra boende har lagat mat hela livet och säger att de saknar det mer än något annat.",
        "Boende på vård- och omsorgsboenden, särskilt personer med demenssjukdom.",
        "Varje avdelning bakar eller lagar en enkel rätt tillsammans med de boende en gång i veckan, till exempel pannkakor, kanelbullar eller ärtsoppa. "
        "Vi behöver en mobil köksö med induktionshäll och en enkel hygienrutin som kökschefen godkänt.",
        "Bättre aptit och mer meningsfull vardag. "
        "På en avdelning som redan har testat detta ökade andelen boende som åt upp sin middag från 60 till 80 procent.",
    ),
    _idea(
        "elderly_care",
        "university",
        "process",
        [SOC, ECO],
        "Balansträning i vardagen för att förebygga fallolyckor",
        "Fallolyckor är den vanligaste orsaken till att personer över 80 år läggs in på sjukhus. "
        "Forskning visar att regelbunden balansträning kan minska antalet fall med upp till en tredjedel, men träningen når sällan dem som har hemtjänst.",
        "Äldre med hemtjänst som har förhöjd fallrisk.",
        "Vi föreslår ett samarbete där hemtjänstpersonal lär sig att stödja enkla balansövningar i samband med ordinarie besök, tio minuter tre gånger i veckan. "
        "Vår forskargrupp på Karolinska Institutet följer upp fall och upplevd trygghet under ett år. "
        "Stadsdelens arbetsterapeuter och fysioterapeuter väljer ut deltagarna.",
        "Om resultaten från tidigare studier håller kan antalet fall bland deltagarna minska med 20 till 30 procent. "
        "Varje undviken höftfraktur sparar samhället i storleksordningen 250 000 kronor.",
    ),
    _idea(
        "elderly_care",
        "feedback",
        "service",
        [SOC],
        "Telefontider och återuppringning för hemtjänsten",
        "Under våren har flera klagomål från brukare och anhöriga handlat om att det är omöjligt att nå hemtjänsten på telefon. "
        "En dotter skrev att hon ringt elva gånger under en förmiddag utan att få svar. "
        "Samordnarna svarar i mån av tid mellan planeringen.",
        "Brukare med hemtjänst och deras anhöriga.",
        "Inför fasta telefontider mellan 8 och 10 samt 13 och 15 då en samordnare enbart svarar i telefon. "
        "Utanför telefontid kan man boka en återuppringning via en knappval, och man blir uppringd samma dag.",
        "Alla som ringer ska få svar eller återuppringning samma dag. "
        "Vi räknar med att klagomålen om tillgänglighet halveras inom ett halvår.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "process",
        [ENV, ECO, SOC],
        "Mindre portioner och påfyllning för att minska matsvinnet på äldreboenden",
        "På vårt äldreboende slänger vi nästan en hel hink mat varje dag. "
        "Portionerna är för stora för många boende, som tappar aptiten redan när de ser tallriken.",
        "Boende, omvårdnadspersonal och kökspersonal på äldreboenden.",
        "Servera mindre portioner på mindre tallrikar och gå runt med påfyllning i stället. "
        "Vi väger matsvinnet under två veckor före och två veckor efter förändringen och redovisar resultatet på arbetsplatsträffen.",
        "Matsvinnet kan halveras, vilket motsvarar cirka 1,5 ton mat per år på ett boende med sextio platser. "
        "Fler boende äter upp och får i sig mer energi.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "product",
        [SOC],
        "Interaktiva robotkatter på demensavdelningen",
        "Flera av våra boende med demenssjukdom är oroliga på eftermiddagarna och vandrar mycket. "
        "Några har haft katt eller hund hela livet och blir lugna när en anhörig tar med sitt husdjur.",
        "Boende med demenssjukdom och personalen på demensavdelningar.",
        "Köp in fyra robotkatter som spinner och reagerar på beröring och låt arbetsterapeuten ta fram en enkel rutin för när och hur de används. "
        "Vi dokumenterar oro och behov av vid behovs-läkemedel under tre månader.",
        "Lugnare eftermiddagar och färre tillfällen då lugnande läkemedel behöver ges. "
        "Kostnaden är låg, cirka 2 500 kronor per katt.",
    ),
    _idea(
        "elderly_care",
        "city_unit",
        "organisation",
        [SOC, ECO],
        "Gemensam introduktion för nyanställda undersköterskor i hela staden",
        "Varje stadsdelsförvaltning har sin egen introduktion för nya medarbetare inom äldreomsorgen och kvaliteten varierar mycket. "
        "Många nyanställda har svenska som andraspråk och behöver stöd i dokumentationen redan från första dagen.",
        "Nyanställda inom äldreomsorgen i stadsdelsförvaltningarna.",
        "Äldreförvaltningen tar fram ett gemensamt introduktionsprogram på tre dagar med digitala moduler, språkstöd och praktiska övningar i social dokumentation. "
        "Stadsdelarna kompletterar med en lokal introduktion på arbetsplatsen. "
        "Programmet utvärderas efter ett år tillsammans med enhetscheferna.",
        "Kortare startsträcka för nyanställda och färre avvikelser i dokumentationen. "
        "Vi räknar med att personalomsättningen under första anställningsåret kan minska med fem procentenheter.",
    ),
    _idea(
        "elderly_care",
        "supplier",
        "product",
        [SOC, ECO],
        "Trygghetslarm med automatisk falldetektion",
        "Många som faller i hemmet har inte larmknappen på sig eller kan inte trycka på den. "
        "Det kan gå flera timmar innan någon upptäcker att personen ligger på golvet.",
        "Äldre med trygghetslarm som bor ensamma.",
        "Vi erbjuder en pilot med 50 larm i form av en klocka med inbyggd falldetektion som larmar automatiskt till trygghetslarmscentralen. "
        "Klockan tål vatten och kan bäras dygnet runt, även i duschen. "
        "Vi står för utbildningen av larmoperatörerna.",
        "I våra tidigare piloter minskade tiden från fall till hjälp från i snitt två timmar till under femton minuter. "
        "Färre långliggare innebär färre sjukhusinläggningar.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "service",
        [SOC],
        "Promenadvänner som tar ut boende på äldreboenden varje vecka",
        "Många på vårt boende i Vällingby kommer ut mindre än en gång i månaden under vinterhalvåret. "
        "Personalen hinner inte följa med alla, och det är tungt att köra rullstol i snö.",
        "Boende på äldreboenden som sällan kommer ut.",
        "Starta ett samarbete med Röda Korset och det närliggande gymnasiet om fasta promenadvänner två eftermiddagar i veckan. "
        "Vi ser till att gångvägen runt parken skottas och sandas särskilt och köper in två extra rullstolar med vinterhjul.",
        "Varje boende som vill ska komma ut minst en gång i veckan året runt. "
        "Gymnasieeleverna får dessutom en inblick i yrket, och några kanske söker sommarjobb hos oss.",
    ),
    _idea(
        "elderly_care",
        "manager",
        "process",
        [SOC, ECO],
        "Önskeschema i äldreomsorgen för färre delade turer",
        "Delade turer och korta pass gör det svårt att rekrytera och behålla undersköterskor. "
        "I vår senaste medarbetarenkät svarade 62 procent att schemat är det främsta skälet att byta arbetsplats.",
        "Medarbetare och chefer inom äldreomsorgen.",
        "Inför önskeschema där medarbetarna själva lägger in sina pass i ett digitalt verktyg utifrån bemanningsbehovet. "
        "Delade turer tas bort helt och ersätts med några längre pass i veckan. "
        "Schemaläggaren jämkar ihop förslagen och chefen godkänner.",
        "Lägre personalomsättning och färre sjukskrivningar. "
        "Om omsättningen minskar från 22 till 15 procent sparar vi omkring 700 000 kronor per år i rekrytering och introduktion.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "organisation",
        [SOC],
        "Språkmatchning mellan personal och brukare i hemtjänsten",
        "Många brukare med finska, persiska eller arabiska som modersmål tappar svenskan när demenssjukdomen går framåt. "
        "Samtidigt har vi kollegor som talar just de språken men som planeras till helt andra brukare.",
        "Brukare med annat modersmål än svenska och deras anhöriga.",
        "Registrera medarbetarnas språkkunskaper i planeringssystemet och ta hänsyn till dem när besöken planeras. "
        "Brukaren får frågan om språkönskemål redan vid första hembesöket.",
        "Tryggare brukare och färre missförstånd om exempelvis medicinering och kost. "
        "Vi tror att minst hälften av brukarna med annat modersmål kan få personal som talar deras språk vid de flesta besöken.",
    ),
    _idea(
        "elderly_care",
        "employee",
        "product",
        [ECO, SOC],
        "Mobil dokumentation direkt hos brukaren",
        "Vi dokumenterar hemtjänstens insatser i slutet av passet på kontoret, och då har man hunnit glömma detaljer. "
        "Köerna till de tre datorerna blir långa, och många stannar kvar efter arbetstid för att hinna klart.",
        "Medarbetare i hemtjänsten.",
        "Ge alla medarbetare tillgång till journalsystemet i tjänstemobilen så att en kort anteckning kan skrivas direkt efter besöket. "
        "Vi behöver tal-till-text på svenska och en utbildning i vad som ska dokumenteras.",
        "Bättre och mer aktuell dokumentation, och cirka 20 minuter mindre övertid per medarbetare och dag. "
        "För en grupp på 30 personer motsvarar det nästan fyra heltidstjänster per år.",
    ),
    # ------------------------------------------------------------------
    # Preschool
    # ------------------------------------------------------------------
    _idea(
        "preschool",
        "employee",
        "process",
        [ENV, ECO],
        "Återbruksförråd för förskolornas möbler och material",
        "När en förskola gör om sina lokaler slängs ofta hela möbler, leksaker och pysselmaterial. "
        "Samtidigt köper en annan förskola i samma stadsdel nytt av exakt samma sak.",
        "Förskolechefer och pedagoger i stadsdelens förskolor.",
        "Ställ i ordning ett gemensamt återbruksförråd i en av stadsdelens lokaler och skapa en enkel digital katalog där förskolorna lägger upp och bokar saker. "
        "Vaktmästarna kör ut möbler en dag i veckan.",
        "Vi uppskattar att förskolorna i stadsdelen kan minska sina inköp av möbler och material med 300 000 kronor per år. "
        "Mindre avfall går till förbränning.",
    ),
    _idea(
        "preschool",
        "employee",
        "process",
        [SOC],
        "Tecken som stöd för alla barn i förskolan",
        "I våra barngrupper finns barn med språkstörning, barn som är nya i svenska och barn med hörselnedsättning. "
        "Pedagogerna använder tecken som stöd i olika utsträckning och barnen möter inte samma tecken på alla avdelningar.",
        "Barn och pedagoger i förskolan.",
        "Alla medarbetare går en grundkurs i tecken som stöd och vi väljer ut hundra basord som används på alla avdelningar. "
        "Tecknen sätts upp som bilder vid matbordet, i hallen och i skötrummet.",
        "Fler barn kan uttrycka sina behov och färre konflikter uppstår. "
        "Talpedagogen följer upp ordförrådet hos tjugo barn under ett år.",
    ),
    _idea(
        "preschool",
        "resident",
        "service",
        [SOC],
        "Sms-påminnelse om förskolans planeringsdagar",
        "Jag har tre barn på två olika förskolor och missar ofta när det är planeringsdag. "
        "Informationen kommer på en lapp i hallen eller i appen under rubriken Nyheter, bland bilder från utflykter.",
        "Vårdnadshavare med barn i förskolan.",
        "Skicka ett sms två veckor och två dagar före varje planeringsdag eller stängning. "
        "Låt vårdnadshavare svara direkt på sms om barnet behöver omsorg den dagen.",
        "Färre föräldrar som står vid en stängd förskola och bättre underlag för förskolan att planera bemanning. "
        "Det tar bort mycket irritation hos oss föräldrar.",
    ),
    _idea(
        "preschool",
        "employee",
        "process",
        [ENV, SOC],
        "Skogsdag varje vecka i Flatens naturreservat",
        "Våra barn leker mest på en liten gård med asfalt och konstgräs. "
        "Flatens naturreservat ligger tjugo minuters promenad bort men vi åker dit bara några gånger per termin.",
        "Barn i åldern tre till fem år och deras pedagoger.",
        "Varje avdelning tillbringar en hel dag i veckan i skogen året om, med lunch från kök i termosar. "
        "Vi behöver ett vindskydd, bärbara sittunderlag och en utbildning i utepedagogik för personalen.",
        "Mer rörelse, bättre motorik och lägre ljudnivå. "
        "Sjukfrånvaron bland barnen brukar dessutom minska när de är mer ute.",
    ),
    _idea(
        "preschool",
        "manager",
        "organisation",
        [SOC, ECO],
        "Delad språkutvecklare för fem förskolor",
        "Mer än hälften av barnen i våra förskolor i Tensta har ett annat modersmål än svenska. "
        "Ingen enskild förskola har råd att anställa en egen språkutvecklare, och pedagogerna efterfrågar handledning.",
        "Pedagoger och barn i förskolor med hög andel flerspråkiga barn.",
        "Fem förskolor delar på en heltidsanställd språkutvecklare som handleder arbetslagen och arbetar med barngrupperna en dag per förskola. "
        "Kostnaden fördelas efter antal barn.",
        "Bättre svenska inför skolstarten och tryggare pedagoger. "
        "Målet är att andelen barn som bedöms ha åldersadekvat svenska i sexårsåldern ökar med tio procentenheter på tre år.",
    ),
    _idea(
        "preschool",
        "employee",
        "product",
        [SOC],
        "Inlästa sagor på barnens modersmål via QR-koder",
        "Vi har barn som talar över tjugo olika språk i förskolan, men nästan alla böcker vi har är på svenska. "
        "Föräldrar vill gärna läsa för barnen men har inte alltid böckerna hemma.",
        "Flerspråkiga barn i förskolan och deras familjer.",
        "Föräldrar och flerspråkiga kollegor läser in favoritsagor på sina modersmål. "
        "Inspelningarna länkas via QR-koder som klistras in i böckerna, så att barnen kan lyssna på förskolan och hemma.",
        "Stärkt modersmål, vilket underlättar även svenskinlärningen. "
        "Föräldrarna blir mer delaktiga i förskolans verksamhet.",
    ),
    _idea(
        "preschool",
        "employee",
        "process",
        [SOC],
        "Lägre ljudnivå i förskolans matsal",
        "När fyrtio barn äter samtidigt i vår matsal är ljudnivån ofta över 80 decibel. "
        "Flera pedagoger har fått tinnitus och barnen blir trötta och stökiga efter lunch.",
        "Barn och medarbetare i förskolor med gemensam matsal.",
        "Sätt upp ljudabsorbenter i taket, filtmöss under stolarna och en ljudöra som lyser gult och rött vid hög ljudnivå. "
        "Dela upp lunchen i två sittningar.",
        "Ljudnivån bör sjunka med minst 10 decibel. Lugnare måltider och bättre arbetsmiljö för personalen.",
    ),
    _idea(
        "preschool",
        "resident",
        "service",
        [SOC],
        "Tydligare besked om förskoleplats vid flytt inom staden",
        "Vi flyttade inom staden i våras och fick erbjudande om förskoleplats nästan en timme bort med kollektivtrafik. "
        "Ingen kunde säga när en plats närmare hemmet kunde bli ledig, och flera av våra grannar har varit med om samma sak.",
        "Vårdnadshavare som söker eller byter förskoleplats.",
        "Visa i e-tjänsten en uppskattad väntetid för varje förskola och skicka besked när familjen står först i kön. "
        "Familjer som tackar ja till en plats längre bort ska automatiskt stå kvar i kö till sina förstahandsval.",
        "Färre familjer som tackar nej eller tvingas pendla långt med små barn. "
        "Handläggarna på förskoleantagningen får färre telefonsamtal om köplacering.",
    ),
    _idea(
        "preschool",
        "employee",
        "process",
        [SOC, ECO],
        "Föräldraaktiv inskolning på tre dagar",
        "Vi skolar fortfarande in barn under två veckor med korta dagar, vilket gör att föräldrarna måste ta ut mycket ledighet. "
        "Barnen får under lång tid möta många olika vuxna och rutiner.",
        "Nya barn i förskolan och deras vårdnadshavare.",
        "Inför föräldraaktiv inskolning där föräldern är med barnet hela dagarna i tre dagar och själv sköter måltider och blöjbyten. "
        "Pedagogerna finns med hela tiden och tar successivt över.",
        "Kortare inskolningsperiod och tryggare barn redan efter första veckan. "
        "Föräldrarna sparar sju till åtta dagar av föräldraledighet eller semester.",
    ),
    _idea(
        "preschool",
        "university",
        "process",
        [SOC],
        "Forskningscirklar för förskollärare om undervisning i matematik",
        "Förskolans läroplan ställer högre krav på undervisning, men många förskollärare känner sig osäkra på hur matematik ska undervisas för små barn. "
        "Kompetensutvecklingen sker ofta som enstaka föreläsningar utan uppföljning.",
        "Förskollärare i stadsdelens förskolor.",
        "Stockholms universitet och stadsdelen startar forskningscirklar där förskollärare under ett läsår prövar och dokumenterar matematikaktiviteter i sina barngrupper. "
        "Cirklarna leds av en forskare och träffas en gång i månaden.",
        "Stärkt professionell kompetens och ett gemensamt språk om undervisning. "
        "Dokumentationen blir material som andra förskolor i staden kan använda.",
    ),
    # ------------------------------------------------------------------
    # School
    # ------------------------------------------------------------------
    _idea(
        "school",
        "employee",
        "process",
        [ENV, ECO],
        "Svinnvåg och klasstävling mot matsvinn i skolmatsalen",
        "I skolmatsalen på vår skola i Årsta slänger vi omkring 35 kilo mat om dagen, det mesta från tallrikarna. "
        "Eleverna tar för mycket när de är hungriga och orkar sedan inte äta upp.",
        "Elever och måltidspersonal i grundskolan.",
        "Vi ställer en svinnvåg vid disken och visar dagens svinn per elev på en skärm vid utgången. "
        "Klasserna tävlar om lägst svinn under en månad och vinnarklassen får önska en lunch. "
        "Måltidspersonalen justerar samtidigt mängderna efter veckans mätningar.",
        "Tallrikssvinnet kan minska med 30 till 40 procent. "
        "För en skola med 600 elever motsvarar det ungefär två ton mat och 60 000 kronor per år.",
    ),
    _idea(
        "school",
        "employee",
        "service",
        [SOC],
        "Läxhjälp med gymnasieelever som mentorer",
        "Många elever på mellanstadiet har ingen vuxen hemma som kan hjälpa till med läxorna. "
        "Den läxhjälp som skolan erbjuder sker direkt efter lektionerna, när eleverna är trötta och helst vill gå hem.",
        "Elever i årskurs 4 till 6.",
        "Anställ gymnasieelever som läxhjälpare två kvällar i veckan i skolans bibliotek. "
        "Gymnasieeleverna får en kort utbildning och handledning av en lärare. "
        "Det blir också ett första sommar- eller extrajobb för dem.",
        "Fler elever lämnar in sina uppgifter och når godtagbara kunskaper. "
        "Målet är att minst 40 elever deltar regelbundet och att andelen som klarar matematiken i årskurs 6 ökar.",
    ),
    _idea(
        "school",
        "employee",
        "process",
        [SOC],
        "Rastaktiviteter med rastvärdar för färre konflikter",
        "De flesta konflikter och kränkningar som anmäls hos oss sker på rasterna. "
        "Skolgården är stor och många elever vet inte vad de ska göra, särskilt de som inte spelar fotboll.",
        "Elever i lågstadiet och på fritidshemmet.",
        "Fritidspedagoger leder en organiserad aktivitet varje lunchrast, till exempel brännboll, hopprep eller pingis. "
        "Elever i årskurs 6 utbildas till rastvärdar som hjälper de yngre att komma in i leken.",
        "Färre anmälda kränkningar, vi hoppas på en halvering på ett år. "
        "Lugnare övergång till lektionerna efter rasten.",
    ),
    _idea(
        "school",
        "manager",
        "organisation",
        [SOC, ECO],
        "Gemensam elevhälsa för de mindre skolorna i stadsdelen",
        "Tre små skolor i vårt område har var sin deltidsanställd skolpsykolog och kurator. "
        "Vid sjukdom eller vakans står skolorna helt utan stöd, och det är svårt att rekrytera till små tjänster.",
        "Elever och personal på mindre grundskolor.",
        "Slå samman elevhälsan för tre skolor till ett gemensamt team med heltidstjänster. "
        "Teamet har fasta tider på varje skola men kan prioritera där behoven är störst. "
        "Rektorerna leder elevhälsan gemensamt.",
        "Stabilare tillgång till elevhälsa och lättare att rekrytera. "
        "Kortare väntetid till kurator och psykolog, från i dag upp till sex veckor till högst två.",
    ),
    _idea(
        "school",
        "employee",
        "process",
        [SOC],
        "Besked om ogiltig frånvaro till vårdnadshavare samma dag",
        "Vårdnadshavare får i dag besked om ogiltig frånvaro först i slutet av veckan. "
        "Då har eleven ibland varit borta flera dagar i rad och mönstret har hunnit sätta sig.",
        "Elever i högstadiet och deras vårdnadshavare.",
        "Lärarna registrerar närvaro inom tio minuter efter lektionsstart, och vårdnadshavaren får ett sms om eleven saknas utan anmälan. "
        "Mentorn får en daglig lista över elever med upprepad frånvaro.",
        "Snabbare kontakt med hemmet och tidigare insatser vid problematisk frånvaro. "
        "Vi räknar med att den ogiltiga frånvaron minskar med en fjärdedel.",
    ),
    _idea(
        "school",
        "employee",
        "service",
        [SOC, ENV],
        "Cykelskola för elever i årskurs 4",
        "Allt fler elever hos oss kan inte cykla, eller har aldrig cyklat i trafik. "
        "Många familjer har ingen cykel och föräldrarna har själva inte lärt sig, vilket gör att barnen blir skjutsade eller aldrig rör sig utanför området.",
        "Elever i årskurs 4 och deras familjer.",
        "Låt idrottslärarna ge en cykelskola på fem tillfällen under våren, där eleverna först övar på skolgården och sedan cyklar i grupp på lugna gator. "
        "Skolan lånar cyklar och hjälmar från stadens cykelverkstad.",
        "Minst 90 procent av eleverna ska kunna cykla säkert efter kursen. "
        "Fler barn kan ta sig själva till skolan, fritidsgården och idrotten.",
    ),
    _idea(
        "school",
        "manager",
        "process",
        [SOC],
        "Lärarstudenter som läsmentorer i lågstadiet",
        "Många elever i årskurs 1 och 2 behöver mer lästräning än klassläraren hinner ge. "
        "Samtidigt efterfrågar lärarstudenter mer praktik med eget ansvar.",
        "Elever i årskurs 1 och 2 som behöver extra lästräning.",
        "Lärarstudenter från Stockholms universitet läser med en liten grupp elever tre gånger i veckan under sin verksamhetsförlagda utbildning. "
        "Klassläraren väljer elever och material, och studenterna handleds av en specialpedagog.",
        "Fler elever knäcker läskoden i tid. "
        "Studenterna får erfarenhet av läsundervisning och skolan får en ny rekryteringskanal.",
    ),
    _idea(
        "school",
        "employee",
        "process",
        [ENV, SOC],
        "Odlingslådor på skolgården kopplade till NO-undervisningen",
        "Eleverna lär sig om fotosyntes och kretslopp i boken men har sällan sett något växa. "
        "Skolgården är grå och ger lite skugga en varm junidag.",
        "Elever i årskurs 3 till 6 och fritidshemmet.",
        "Bygg tolv odlingslådor på skolgården där varje klass odlar grönsaker och kryddor. "
        "Fritidshemmet sköter vattningen under sommarlovet tillsammans med en förening i området, och skörden används i skolköket.",
        "Mer konkret undervisning i biologi och hållbarhet. "
        "En grönare skolgård och ökad förståelse för varifrån maten kommer.",
    ),
    _idea(
        "school",
        "supplier",
        "product",
        [SOC, ECO],
        "Ljudförstärkning i klassrummen för bättre hörbarhet",
        "Vi levererar ljudutrustning till skolor i flera kommuner och ser att lärare ofta får anstränga rösten för att höras i hela klassrummet. "
        "Elever längst bak, elever med hörselnedsättning och elever med annat modersmål missar mycket av genomgångarna.",
        "Lärare och elever i grundskolan.",
        "Vi erbjuder att installera ljudfältssystem med mikrofon i tio klassrum under en termin utan kostnad. "
        "Skolan mäter lärarnas röstbelastning och elevernas upplevelse före och efter.",
        "Tidigare installationer har minskat lärarnas röstrelaterade sjukskrivningar och gett bättre studiero. "
        "Kostnaden efter pilotperioden är cirka 15 000 kronor per klassrum.",
    ),
    _idea(
        "school",
        "employee",
        "service",
        [SOC],
        "Lovskola i svenska för nyanlända elever",
        "Nyanlända elever i årskurs 7 till 9 tappar ofta mycket av sin svenska under sommarlovet. "
        "Många har ingen svensktalande omgivning utanför skolan.",
        "Nyanlända elever i högstadiet.",
        "Erbjud en frivillig lovskola i två veckor i början av augusti med svenska på förmiddagen och aktiviteter på eftermiddagen, exempelvis besök på museer och i stadens parker. "
        "Undervisningen leds av lärare i svenska som andraspråk.",
        "Eleverna börjar höstterminen med bättre språk och mer självförtroende. "
        "Målet är att 60 elever deltar och att fler når behörighet till gymnasiet.",
    ),
    _idea(
        "school",
        "employee",
        "process",
        [ECO],
        "Dela läromedelslicenser mellan skolor",
        "Varje skola köper egna licenser för digitala läromedel och många licenser används knappt. "
        "Vi betalar till exempel för 120 licenser i ett mattespel där bara 40 elever loggat in under terminen.",
        "Rektorer och lärare i grundskolan.",
        "Samordna köpen av digitala läromedel inom utbildningsförvaltningen och följ upp användningen varje termin. "
        "Licenser som inte används flyttas till en annan skola eller sägs upp.",
        "Vi uppskattar att stadens skolor tillsammans kan spara flera miljoner kronor per år. "
        "Pengarna kan i stället användas till tryckta böcker och skolbibliotek.",
    ),
    _idea(
        "school",
        "resident",
        "organisation",
        [SOC],
        "Egen budget för elevrådet att förbättra skolgården",
        "Jag går i nian och är ordförande i elevrådet. "
        "Vi har pratat i tre år om att vi vill ha sittplatser och tak på skolgården, men ingenting händer och det känns som att det vi säger inte spelar någon roll.",
        "Elever i högstadiet.",
        "Ge elevrådet en egen budget på 50 000 kronor per läsår för förbättringar av skolgården och gemensamma utrymmen. "
        "Eleverna tar fram förslag, röstar och följer upp tillsammans med rektor och fastighetsvärden.",
        "Fler elever engagerar sig i elevrådet och skolgården blir en plats där alla vill vara. "
        "Vi lär oss också hur beslut fattas i en demokrati.",
    ),
    _idea(
        "school",
        "employee",
        "process",
        [SOC],
        "Samma digitala planering för alla lärare på skolan",
        "Varje lärare planerar sina lektioner och uppgifter på olika sätt, i olika system. "
        "Elever och vårdnadshavare har svårt att se vad som ska göras och när, och vid sjukdom hittar vikarien ingen planering.",
        "Lärare, elever och vårdnadshavare i högstadiet.",
        "Bestäm en gemensam struktur för veckoplanering i lärplattformen med samma rubriker i alla ämnen. "
        "Lärarna lägger in planeringen senast fredag veckan innan, och vikarier får läsbehörighet.",
        "Tydligare för eleverna och färre frågor från vårdnadshavare. "
        "Vikarier kan genomföra lektionerna som planerat i stället för att hitta på egna uppgifter.",
    ),
    _idea(
        "school",
        "manager",
        "process",
        [ECO, ENV],
        "Automatisk släckning av datorer och projektorer efter skoltid",
        "När vaktmästaren går runt på kvällen står projektorer, skrivare och datorer på i många klassrum. "
        "Vår skola drar nästan lika mycket el en lördag som en vanlig skoldag.",
        "Skolledning, IT-ansvariga och fastighetsvärden.",
        "Styr alla klassrummens apparater via tidur och låt datorerna stängas av automatiskt klockan 18. "
        "SISAB mäter elförbrukningen före och efter.",
        "Elförbrukningen utanför skoltid kan minska med 20 procent, motsvarande ungefär 40 000 kronor per år för en skola med 500 elever.",
    ),
    # ------------------------------------------------------------------
    # Social services
    # ------------------------------------------------------------------
    _idea(
        "social_services",
        "employee",
        "organisation",
        [SOC],
        "Socialsekreterare på plats i skolan en dag i veckan",
        "Skolan gör många orosanmälningar, men det tar lång tid innan familjen får kontakt med socialtjänsten. "
        "Föräldrar och elever drar sig för att gå till socialkontoret, och skolpersonalen vet inte vad som händer efter anmälan.",
        "Elever, vårdnadshavare och elevhälsan i grundskolan.",
        "Placera en socialsekreterare från barn och unga på skolan en dag i veckan med öppen mottagning och konsultation för elevhälsan. "
        "Vi börjar på två skolor i Rinkeby och följer upp efter ett år.",
        "Tidigare stöd till familjer och färre ärenden som hinner bli allvarliga. "
        "Bättre samarbete mellan skola och socialtjänst.",
    ),
    _idea(
        "social_services",
        "employee",
        "service",
        [SOC, ECO],
        "Digital ansökan om ekonomiskt bistånd med kontroll av bilagor",
        "Ungefär hälften av alla ansökningar om ekonomiskt bistånd kommer in ofullständiga. "
        "Vi skickar brev om komplettering, vilket förlänger handläggningen med i snitt nio dagar.",
        "Sökande av ekonomiskt bistånd och handläggare.",
        "Gör om e-tjänsten så att den visar exakt vilka underlag som krävs för just den sökandes situation och inte går att skicka in utan dem. "
        "Uppgifter från Försäkringskassan och Arbetsförmedlingen hämtas automatiskt med samtycke.",
        "Handläggningstiden kan kortas från i snitt 19 till 10 dagar. "
        "Handläggarna frigör tid till motiverande samtal och planering mot arbete.",
    ),
    _idea(
        "social_services",
        "employee",
        "external_relations",
        [SOC, ECO],
        "Gemensamma hembesök med bostadsbolagen för att förebygga vräkningar",
        "Vi får ofta veta att en familj riskerar att vräkas först när ärendet redan ligger hos Kronofogden. "
        "Bostadsbolagen ser hyresskulderna tidigt men får inte kontakt med hyresgästen.",
        "Hushåll med hyresskulder i allmännyttan, särskilt barnfamiljer.",
        "Ta fram en överenskommelse med bostadsbolagen så att de kontaktar socialtjänsten redan vid andra obetalda hyran, med hyresgästens samtycke. "
        "En socialsekreterare och en bovärd gör sedan ett gemensamt hembesök och tar fram en avbetalningsplan.",
        "Färre vräkningar av barnfamiljer, målet är noll. "
        "Varje undviken vräkning sparar samhället uppskattningsvis 300 000 kronor i akutboende och insatser.",
    ),
    _idea(
        "social_services",
        "resident",
        "service",
        [SOC],
        "Mötesplats för unga vuxna som lämnat familjehem",
        "Jag bodde i familjehem i sex år och när jag fyllde arton tog allt stöd slut på en gång. "
        "Jag visste inte hur man söker lägenhet eller betalar räkningar, och många jag känner har haft det likadant.",
        "Unga vuxna mellan 18 och 25 år som har varit placerade.",
        "Starta en mötesplats en kväll i veckan där unga som lämnat samhällsvården kan träffas, få hjälp med praktiska saker och prata med någon som varit i samma situation. "
        "Stadens socialsekreterare och frivilliga med egen erfarenhet bemannar den tillsammans.",
        "Färre unga som blir hemlösa eller hamnar i missbruk efter placeringen. "
        "Ett nätverk som gör att man inte står helt ensam.",
    ),
    _idea(
        "social_services",
        "feedback",
        "process",
        [SOC],
        "Kortare väntetid till första samtalet med socialtjänsten",
        "I synpunkter från invånare återkommer att det tar lång tid innan man får träffa någon efter att ha sökt hjälp. "
        "En mamma skrev att hon väntade fem veckor på ett första samtal om sin son, och att situationen hann förvärras under tiden.",
        "Invånare som söker stöd från socialtjänsten för första gången.",
        "Inför en mottagningsgrupp med drop-in två förmiddagar i veckan och tider för första samtal inom en vecka. "
        "Mottagningen gör en första bedömning och lotsar vidare till rätt enhet samma dag.",
        "Väntetiden till första samtal kortas från upp till fem veckor till högst en vecka. "
        "Färre synpunkter och klagomål om tillgänglighet.",
    ),
    _idea(
        "social_services",
        "manager",
        "organisation",
        [SOC, ECO],
        "Intensiv familjebehandling i hemmet i stället för placering",
        "Placeringar av barn och unga är den största kostnaden inom individ- och familjeomsorgen. "
        "För en del familjer hade intensivt stöd i hemmet kunnat förhindra en placering, men vår öppenvård har långa väntetider.",
        "Familjer med barn och unga där placering övervägs.",
        "Bilda ett team med fyra familjebehandlare som kan arbeta intensivt i hemmet, flera gånger i veckan och även kvällstid, under tolv veckor. "
        "Teamet tar bara emot familjer där placering annars skulle övervägas.",
        "Om teamet förhindrar sex placeringar per år bär det sina egna kostnader. "
        "Barnen får bo kvar hemma med stöd, vilket de flesta barn själva önskar.",
    ),
    _idea(
        "social_services",
        "employee",
        "service",
        [SOC],
        "Fältassistenter även på helgkvällar",
        "Fältassistenterna arbetar måndag till fredag, men mycket av oron bland unga i centrum sker fredag och lördag kväll. "
        "Polisen och väktarna ser ungdomarna, men ingen vuxen från socialtjänsten finns där.",
        "Ungdomar mellan 12 och 18 år som vistas i centrumområdena kvällstid.",
        "Schemalägg två fältassistenter på fredag och lördag kväll under hösten, i samverkan med fritidsgården och områdespolisen. "
        "Fältassistenterna har med sig information om fritidsaktiviteter och kan ringa föräldrar direkt.",
        "Tidigare kontakt med unga i riskzon och fler som kommer till fritidsgården i stället för centrum. "
        "Vi följer upp antalet orosanmälningar och kontakter med vårdnadshavare.",
    ),
    # ------------------------------------------------------------------
    # Disability
    # ------------------------------------------------------------------
    _idea(
        "disability",
        "employee",
        "service",
        [SOC],
        "Riktiga arbetsuppgifter i stadens verksamheter för daglig verksamhet",
        "Deltagarna i vår dagliga verksamhet vill ha riktiga arbeten, inte bara sysselsättning i en lokal. "
        "Samtidigt finns enkla men viktiga uppgifter i stadens verksamheter som ingen hinner med.",
        "Deltagare i daglig verksamhet enligt LSS.",
        "Ta fram en lista över uppgifter i stadsdelens verksamheter som deltagare kan utföra med stöd, till exempel att ställa upp böcker på biblioteket, duka i skolmatsalen eller sköta rabatter. "
        "En handledare följer med grupperna ut.",
        "Fler deltagare får ett meningsfullt arbete och en plats i arbetsgemenskapen. "
        "Vi räknar med att 15 deltagare kan ha en extern arbetsplats inom ett år.",
    ),
    _idea(
        "disability",
        "resident",
        "product",
        [SOC],
        "Lättlästa versioner av stadens e-tjänster",
        "Min bror har en intellektuell funktionsnedsättning och vill själv kunna ansöka om saker och se sina beslut. "
        "Stadens e-tjänster är fulla av svåra ord och långa meningar, så han ger upp och ber mig i stället.",
        "Personer med intellektuell funktionsnedsättning, och alla som har svårt med svenskan.",
        "Gör lättlästa versioner av de tio mest använda e-tjänsterna, med bilder och möjlighet att lyssna på texten. "
        "Testa dem tillsammans med FUB och personer som själva har funktionsnedsättning.",
        "Fler kan sköta sina egna ärenden och bli mer självständiga. "
        "Färre felaktiga ansökningar som måste kompletteras.",
    ),
    _idea(
        "disability",
        "employee",
        "product",
        [SOC],
        "Bildschema på surfplatta i gruppbostaden",
        "Våra boende använder bildscheman av papper som sitter på väggen, men de blir slitna och är svåra att ändra snabbt. "
        "När något ändras under dagen blir det oro eftersom schemat inte stämmer längre.",
        "Boende i gruppbostäder med autism eller intellektuell funktionsnedsättning.",
        "Ge varje boende en surfplatta med ett digitalt bildschema som personalen kan uppdatera från sin telefon. "
        "Schemat kan visa vem som arbetar, vad som händer härnäst och ge en signal innan en aktivitet börjar.",
        "Större förutsägbarhet och färre utbrott vid ändringar. "
        "Personalen sparar tid jämfört med att laminera och byta papper.",
    ),
    _idea(
        "disability",
        "feedback",
        "service",
        [SOC],
        "Tillgänglig entré till stadsdelsförvaltningens reception",
        "Vi har fått flera klagomål om att entrén till förvaltningens reception har en tung dörr utan automatisk öppning och en ramp som är för brant. "
        "En rullstolsburen besökare fick vänta utanför i regnet i tjugo minuter innan någon såg henne.",
        "Besökare med rörelsenedsättning, barnvagnar och äldre med rollator.",
        "Montera dörröppnare med tryckknapp och bygg om rampen enligt gällande lutningskrav. "
        "Under tiden sätts en ringklocka upp vid entrén.",
        "Alla besökare ska kunna ta sig in på egen hand. "
        "Vi undanröjer ett enkelt avhjälpt hinder som staden enligt lag ska åtgärda.",
    ),
    _idea(
        "disability",
        "manager",
        "organisation",
        [ECO, SOC],
        "Samordnad nattbemanning för gruppbostäder i samma kvarter",
        "Vi har tre gruppbostäder inom 200 meter från varandra och varje bostad har egen vaken natt. "
        "De flesta nätter är det lugnt och personalen har få insatser, medan bemanningen på dagtid är för tunn.",
        "Boende och personal i gruppbostäder.",
        "Samordna natten så att två medarbetare täcker alla tre bostäderna med hjälp av larm och rörelsesensorer som den boende själv valt. "
        "Den frigjorda tiden läggs på kvällar och helger när de boende vill göra saker.",
        "Fler aktiviteter utanför bostaden på kvällar och helger. Samma totala kostnad men bättre använd personal.",
    ),
    _idea(
        "disability",
        "supplier",
        "service",
        [SOC, ENV],
        "Uthyrning av anpassade cyklar och tandemcyklar",
        "Vi är en cykelverkstad som bygger om cyklar för personer med funktionsnedsättning. "
        "Många som inte kan cykla på en vanlig cykel skulle kunna cykla på en trehjuling eller tandem, men de kostar mycket och få vet att de finns.",
        "Personer med funktionsnedsättning och deras ledsagare.",
        "Vi vill erbjuda staden att hyra ut anpassade cyklar från några av idrottsförvaltningens anläggningar under sommaren. "
        "Personal från daglig verksamhet kan hjälpa till med utlämning.",
        "Fler personer med funktionsnedsättning kan röra sig utomhus och cykla med familj och vänner. "
        "Vi räknar med 300 uthyrningar första säsongen.",
    ),
    # ------------------------------------------------------------------
    # Libraries
    # ------------------------------------------------------------------
    _idea(
        "library",
        "employee",
        "service",
        [SOC, ECO],
        "Meröppet bibliotek i Bagarmossen",
        "Bagarmossens bibliotek har öppet 35 timmar i veckan och är stängt på söndagar. "
        "Många som arbetar dagtid hinner aldrig dit, och studenter i området saknar en lugn plats att plugga på kvällarna.",
        "Vuxna låntagare som arbetar eller studerar dagtid.",
        "Inför meröppet, där vuxna med lånekort och pinkod kan använda biblioteket mellan klockan 7 och 22 även när personal inte är på plats. "
        "Entrén övervakas med kamera och det finns tydliga regler och en jourtelefon. "
        "De bemannade tiderna ligger kvar som i dag.",
        "Öppettiden kan öka från 35 till 98 timmar i veckan utan högre personalkostnader. "
        "Andra bibliotek i landet har fått omkring 20 procent fler besök efter att ha infört meröppet.",
    ),
    _idea(
        "library",
        "employee",
        "service",
        [SOC],
        "Språkcafé för nyanlända på biblioteken",
        "Många nyanlända vill öva svenska i vardagliga samtal men träffar sällan svensktalande utanför SFI. "
        "Biblioteken får ofta frågor om var man kan prata svenska, men vi har inget fast erbjudande.",
        "Vuxna som lär sig svenska.",
        "Starta språkcaféer en gång i veckan på fem av biblioteken i ytterstaden, med frivilliga samtalsledare från studieförbund och pensionärsföreningar. "
        "Biblioteket bjuder på kaffe och tar fram lättlästa texter som samtalsstöd.",
        "Fler nyanlända får öva svenska och hitta till biblioteket. "
        "Målet är minst 25 deltagare per tillfälle och bibliotek.",
    ),
    _idea(
        "library",
        "resident",
        "service",
        [ENV, SOC],
        "Låna verktyg och friluftsutrustning på biblioteket",
        "Jag behövde en borrmaskin för att sätta upp en hylla och tält för en enda helg, men det känns fel att köpa saker man använder så sällan. "
        "Alla i mitt hus har egna borrmaskiner som ligger oanvända i förråden.",
        "Invånare som vill låna i stället för att köpa.",
        "Låt några bibliotek låna ut verktyg, tält, sovsäckar, symaskiner och sportutrustning på samma sätt som böcker. "
        "Sakerna kan registreras i bibliotekets vanliga system och lånas med lånekortet.",
        "Mindre konsumtion och avfall, och biblioteket når nya besökare. "
        "Sakbibliotek i andra städer lånar ut tusentals prylar om året.",
    ),
    _idea(
        "library",
        "employee",
        "process",
        [ECO, ENV],
        "Flytande bestånd mellan biblioteken",
        "När en bok lämnas tillbaka på ett annat bibliotek än där den lånades skickas den tillbaka med transport. "
        "Det kostar pengar, tar tid och gör att böckerna är borta från hyllorna i flera dagar.",
        "Bibliotekspersonal och låntagare.",
        "Låt böckerna stanna på det bibliotek där de lämnas tillbaka, så kallat flytande bestånd. "
        "Personalen gallrar och omfördelar vid behov utifrån statistik om vad som lånas var.",
        "Färre transporter och cirka 30 procent mindre tid för sortering och packning. "
        "Hyllorna speglar bättre vad som efterfrågas lokalt.",
    ),
    _idea(
        "library",
        "employee",
        "service",
        [SOC],
        "Drop-in-hjälp med BankID och e-tjänster för seniorer",
        "Varje dag kommer äldre till biblioteket och ber om hjälp med BankID, Kivra eller att boka tid i vården. "
        "Personalen hjälper till så gott det går, men det blir stressigt när det är kö vid disken.",
        "Seniorer och andra som behöver stöd med digitala tjänster.",
        "Inför fasta drop-in-tider två gånger i veckan med digitala guider från bibliotekspersonal och frivilliga seniorer. "
        "Vi samarbetar med seniorguiden och pensionärsorganisationerna och erbjuder även kurser i små grupper.",
        "Fler seniorer blir självständiga digitalt och färre blir lurade av bedragare. "
        "Kön vid informationsdisken minskar.",
    ),
    _idea(
        "library",
        "university",
        "process",
        [SOC],
        "Läsfrämjande insatser för pojkar i högstadiet",
        "Vår forskning vid Stockholms universitet visar att pojkar i högstadiet läser betydligt mindre på fritiden än flickor, och att skillnaden ökar. "
        "De flesta läsfrämjande insatser når redan läsande barn.",
        "Pojkar i årskurs 7 till 9.",
        "Vi föreslår ett samarbete med biblioteken och tre skolor där pojkar själva väljer böcker, bland annat ljudböcker, serier och fackböcker om sport och spel. "
        "Läsningen sker i läsgrupper under skoltid och leds av bibliotekarier. "
        "Forskningsgruppen följer läsvanor och läsförståelse under ett läsår.",
        "Ökad läsning och bättre läsförståelse hos en grupp som ofta halkar efter. "
        "Staden får kunskap om vilka metoder som fungerar.",
    ),
    _idea(
        "library",
        "resident",
        "service",
        [SOC],
        "Tysta zoner för studier på biblioteken",
        "Jag läser till sjuksköterska och försöker plugga på biblioteket inför tentorna, men det är ofta för högljutt i läsesalen. "
        "Folk pratar i telefon och grupper går rakt genom rummet. "
        "Samtidigt förstår jag att andra besökare vill kunna prata, spela spel och ha möten på biblioteken.",
        "Studenter och andra som behöver en lugn studieplats.",
        "Dela in biblioteken i tydligt skyltade zoner: tyst, lågmält och social zon. "
        "Vissa kvällar under tentaperioder blir hela övervåningen tyst zon.",
        "Färre konflikter mellan besökare och en studiemiljö som fler studenter väljer. "
        "Jag och mina kurskamrater skulle komma flera gånger i veckan.",
    ),
    _idea(
        "library",
        "employee",
        "service",
        [ENV, SOC],
        "Eldriven bokbuss till förskolor och äldreboenden",
        "Vår bokbuss är femton år gammal, går på diesel och behöver bytas. "
        "Den besöker förskolor, skolor och äldreboenden som ligger långt från närmaste bibliotek, och efterfrågan ökar.",
        "Förskolebarn, skolelever och boende på äldreboenden utan närliggande bibliotek.",
        "Ersätt bokbussen med en mindre eldriven buss som kan laddas vid huvudbiblioteket. "
        "Samtidigt gör vi om turlistan så att fler äldreboenden får besök varannan vecka.",
        "Utsläppen minskar med cirka tio ton koldioxid per år. "
        "Fler äldre och barn får tillgång till böcker och högläsning.",
    ),
    _idea(
        "library",
        "manager",
        "organisation",
        [ECO, SOC],
        "Bibliotek och medborgarkontor i samma lokal i Skärholmen",
        "Skärholmens bibliotek och stadsdelens kontaktcenter ligger i olika delar av centrum och har delvis samma besökare. "
        "Båda verksamheterna hjälper människor med blanketter, e-tjänster och frågor om samhället.",
        "Invånare som behöver vägledning och service.",
        "Samlokalisera biblioteket och medborgarkontoret med en gemensam entré och informationsdisk. "
        "Personalen utbildas så att de kan hänvisa rätt, och öppettiderna samordnas.",
        "Lägre lokalkostnader, uppskattningsvis 400 000 kronor per år. "
        "Besökarna behöver bara gå till ett ställe och får längre öppettider.",
    ),
    _idea(
        "library",
        "resident",
        "service",
        [SOC],
        "Sagostunder på arabiska och somaliska",
        "Mina barn älskar sagostunden på biblioteket, men den är alltid på svenska. "
        "Många familjer i Tensta vill att barnen ska höra sagor även på sitt eget språk.",
        "Familjer med små barn som talar andra språk än svenska.",
        "Ordna sagostunder på arabiska, somaliska och tigrinja en lördag i månaden. "
        "Föräldrar och lokala föreningar kan läsa, med stöd av bibliotekets barnbibliotekarie.",
        "Fler familjer hittar till biblioteket och barnen stärker sitt modersmål. "
        "Föräldrarna får tips om böcker på flera språk att låna hem.",
    ),
    _idea(
        "library",
        "employee",
        "product",
        [SOC],
        "Bokbytarhyllor på vårdcentraler och i tunnelbanan",
        "Många invånare går aldrig till ett bibliotek men väntar länge på vårdcentralen eller pendlar varje dag. "
        "Vi gallrar samtidigt tusentals böcker om året som fortfarande är i gott skick.",
        "Invånare som sällan besöker biblioteken.",
        "Placera bokbytarhyllor med gallrade böcker på fem vårdcentraler och vid två tunnelbanestationer, tillsammans med information om bibliotekens tjänster. "
        "Biblioteket fyller på hyllorna varannan vecka.",
        "Gallrade böcker får ett nytt liv i stället för att slängas. "
        "Vi hoppas att fler upptäcker biblioteket, vilket vi mäter med en kampanjkod för nya lånekort.",
    ),
    _idea(
        "library",
        "employee",
        "service",
        [SOC],
        "Skaparverkstad med programmering och 3D-skrivare på biblioteket",
        "Under skolloven är biblioteket fullt av barn som inte har något att göra. "
        "Många av dem har aldrig fått prova programmering eller 3D-utskrift, medan barn i andra områden går på dyra kurser.",
        "Barn och unga mellan 9 och 15 år.",
        "Inred ett rum för skaparverkstad med 3D-skrivare, enkla robotar och symaskiner. "
        "Under loven leder bibliotekspersonal och unga ledare workshops varje dag.",
        "Fler barn får prova teknik och skapande oavsett bakgrund. "
        "Vi räknar med 1 500 besök på skaparverkstaden det första året.",
    ),
    # ------------------------------------------------------------------
    # Culture
    # ------------------------------------------------------------------
    _idea(
        "culture",
        "employee",
        "service",
        [SOC],
        "Kulturskolan på fritidshemmet",
        "Få barn i Järva går i Kulturskolan, trots att avgiften är låg. "
        "Kurserna ligger sent på eftermiddagen i lokaler långt bort, och många föräldrar hinner inte skjutsa.",
        "Barn i årskurs 1 till 3 som går på fritidshem.",
        "Låt Kulturskolans pedagoger hålla kurser i dans, drama och musik på fritidshemmen direkt efter skoldagen. "
        "Barnen anmäls via fritids och föräldrarna behöver inte hämta eller lämna.",
        "Fler barn i områden med låg kulturskoledeltagande får prova kulturaktiviteter. "
        "Vi vill fördubbla antalet elever från Järva på två år.",
    ),
    _idea(
        "culture",
        "resident",
        "external_relations",
        [SOC, ECO],
        "Konstnärsateljéer i tomma butikslokaler",
        "På flera torg i söderort står butikslokaler tomma i åratal och torgen upplevs som öde. "
        "Samtidigt står hundratals konstnärer i kö till ateljéer i staden.",
        "Konstnärer och boende kring torg med tomma lokaler.",
        "Låt bostadsbolagen hyra ut tomma lokaler som tillfälliga ateljéer till låg hyra, mot att konstnärerna håller öppet en dag i veckan och ordnar aktiviteter för barn. "
        "Kulturförvaltningen förmedlar kontakten.",
        "Levande bottenvåningar och tryggare torg. Bostadsbolagen får hyresintäkter i stället för tomma lokaler.",
    ),
    _idea(
        "culture",
        "supplier",
        "service",
        [SOC, ECO],
        "Digital biljettkö till gratisföreställningar i parkerna",
        "Vi är en liten scenkonstgrupp som spelar på stadens sommarscener. "
        "Till de populäraste föreställningarna står publik i kö i timmar, och många får vända hem besvikna.",
        "Publik till gratisföreställningar utomhus.",
        "Inför en digital biljettkö där en del av platserna bokas i förväg gratis, medan resten delas ut på plats. "
        "Bokningen ska också gå att göra via telefon för dem som inte använder internet.",
        "Mindre köande och fler som vågar ta sig till föreställningar längre bort. "
        "Arrangörerna får bättre underlag om vilka som kommer.",
    ),
    _idea(
        "culture",
        "city_unit",
        "external_relations",
        [SOC],
        "Offentlig konst som skapas tillsammans med de boende",
        "När staden placerar ut offentlig konst i bostadsområden blir de boende sällan tillfrågade. "
        "Konstverk som upplevs som påtvingade utsätts oftare för skadegörelse.",
        "Boende i områden där ny offentlig konst planeras.",
        "Kulturförvaltningen låter konstnären arbeta tillsammans med boende, skolklasser och föreningar under ett halvår innan verket tar form. "
        "Processen dokumenteras och visas på biblioteket.",
        "Större delaktighet och stolthet över den gemensamma miljön. Lägre kostnader för klotter och reparationer.",
    ),
    _idea(
        "culture",
        "employee",
        "service",
        [SOC, ECO],
        "Lånebank för ljud- och scenteknik till föreningar",
        "Små kulturföreningar har inte råd med högtalare, ljusramper och mixerbord till sina arrangemang. "
        "Samtidigt står stadens teknik oanvänd i förråd stora delar av året.",
        "Kulturföreningar och ideella arrangörer.",
        "Samla stadens lösa scenteknik i en lånebank som föreningar kan boka via en enkel e-tjänst. "
        "En tekniker från Kulturskolan håller en kort introduktion vid första lånet.",
        "Fler kulturarrangemang i ytterstaden och bättre nyttjande av stadens utrustning. "
        "Vi uppskattar 150 utlån per år.",
    ),
    # ------------------------------------------------------------------
    # Parks
    # ------------------------------------------------------------------
    _idea(
        "parks",
        "employee",
        "process",
        [ENV, ECO],
        "Ängsmark i stället för klippt gräsmatta på utvalda ytor",
        "Vi klipper över 40 hektar gräs i stadsdelen varannan vecka under säsongen, även på slänter och ytor som ingen använder. "
        "Det kostar mycket och gynnar varken pollinerare eller fåglar.",
        "Parkförvaltare och boende i närheten av parkerna.",
        "Välj ut ytor som inte används för lek eller picknick och låt dem bli ängsmark som slås en gång per år. "
        "Vi sätter upp skyltar som förklarar varför gräset får växa.",
        "Lägre driftkostnad, cirka 150 000 kronor per år, och ökad biologisk mångfald. "
        "Färre körningar med gräsklippare ger mindre buller och utsläpp.",
    ),
    _idea(
        "parks",
        "resident",
        "product",
        [SOC],
        "Fler parkbänkar längs strandpromenaden runt Magelungen",
        "Jag är 82 år och promenerar gärna längs Magelungen, men på långa sträckor är det mer än 500 meter mellan bänkarna. "
        "Flera av mina grannar har slutat gå där för att de inte orkar hela vägen utan att vila.",
        "Äldre och personer som behöver vila under promenader.",
        "Sätt ut bänkar med armstöd ungefär var 200:e meter längs promenadvägen. "
        "Fråga gärna oss som går där om var de behövs mest.",
        "Fler äldre kan promenera och röra på sig, vilket förebygger fall och ensamhet. "
        "En bänk kostar mindre än en enda dag på sjukhus.",
    ),
    _idea(
        "parks",
        "employee",
        "process",
        [ENV, ECO],
        "Löv blir kompost och jord i stället för att köras bort",
        "Varje höst kör vi bort hundratals ton löv från stadsdelens parker till en anläggning utanför staden. "
        "På våren köper vi sedan jord och täckmaterial till rabatterna.",
        "Parkförvaltare och entreprenörer inom parkskötseln.",
        "Anlägg två komposteringsplatser i stadsdelen där löven får brytas ned under ett år. "
        "Den färdiga jorden används i planteringar och odlingslotter.",
        "Vi sparar cirka 200 000 kronor per år i transporter och inköp av jord. Kortare transporter ger lägre utsläpp.",
    ),
    _idea(
        "parks",
        "feedback",
        "product",
        [SOC],
        "Bättre belysning på gångvägarna i Rålambshovsparken",
        "Under hösten har vi fått ett tjugotal synpunkter om att gångvägen genom Rålambshovsparken känns otrygg efter mörkrets inbrott. "
        "Flera skriver att de hellre går en omväg längs Norr Mälarstrand.",
        "Gående och cyklister som passerar parken kvällstid.",
        "Byt ut de äldre armaturerna längs huvudstråken mot LED-belysning med jämnare ljus och tänd dem tidigare. "
        "Gör en trygghetsvandring med boende innan de nya lamporna placeras.",
        "Ökad upplevd trygghet och färre klagomål. LED-armaturerna drar omkring 60 procent mindre el än dagens lampor.",
    ),
    _idea(
        "parks",
        "city_unit",
        "process",
        [ENV, ECO],
        "Skyfallsparker som tar hand om regnvatten",
        "Vid kraftiga skyfall svämmar källare och gator över i flera lågt liggande områden. "
        "Ledningsnätet klarar inte de regnmängder som blir allt vanligare.",
        "Boende i områden med risk för översvämning vid skyfall.",
        "Trafikkontoret föreslår att parkerna görs om med nedsänkta gräsytor och regnbäddar som kan fyllas med vatten vid skyfall och fungera som vanliga parkytor resten av tiden. "
        "Vi börjar med två parker där risken är störst.",
        "Minskade skador vid skyfall, som i dag kan kosta fastighetsägare och staden tiotals miljoner kronor vid ett enda regn. "
        "Mer grönska och svalka under varma somrar.",
    ),
    _idea(
        "parks",
        "resident",
        "service",
        [SOC, ENV],
        "Stadsodling på outnyttjad parkmark i Husby",
        "Vi som bor i hyreshus i Husby har ingen trädgård, men många av oss har odlat hela livet i våra hemländer. "
        "Bakom skolan finns en gräsyta som ingen använder.",
        "Boende i flerbostadshus utan tillgång till egen odling.",
        "Låt en odlingsförening arrendera ytan för pallkragar och gemensamma bäddar. "
        "Staden bidrar med jord, vatten och ett staket, och föreningen sköter resten.",
        "En mötesplats mellan grannar och färskare grönsaker för familjerna. "
        "Mer liv och trygghet bakom skolan kvällstid.",
    ),
    _idea(
        "parks",
        "employee",
        "product",
        [SOC, ENV],
        "Batteridrivna redskap i parkdriften",
        "Bensindrivna lövblåsare, trimmers och häcksaxar låter mycket och avger avgaser nära förskolor och bostäder. "
        "Personalen klagar över vibrationer och huvudvärk efter långa dagar.",
        "Parkarbetare och boende nära parkerna.",
        "Byt ut handredskapen mot batteridrivna modeller när de gamla ska ersättas och ställ krav på detta i nästa upphandling av parkskötsel. "
        "Vi behöver laddskåp i förråden.",
        "Bättre arbetsmiljö och tystare parker. "
        "Redskapen är dyrare att köpa men billigare i drift, och återbetalningstiden beräknas till tre år.",
    ),
    _idea(
        "parks",
        "supplier",
        "product",
        [ECO, ENV],
        "Robotgräsklippare på stora gräsytor",
        "Vi levererar robotgräsklippare till idrottsplatser och bostadsbolag. "
        "På större parkytor skulle samma teknik kunna frigöra mycket tid för parkarbetarna.",
        "Parkförvaltare och entreprenörer i parkskötseln.",
        "Vi erbjuder en säsongslång test med sex robotklippare på två stora gräsytor där det inte finns lekplatser. "
        "Klipparna är tysta, eldrivna och kan gå nattetid.",
        "Parkarbetarna kan lägga mer tid på planteringar och skötsel av lekplatser. "
        "Vi beräknar att driftkostnaden för klippningen sjunker med 40 procent.",
    ),
    _idea(
        "parks",
        "employee",
        "service",
        [SOC, ECO],
        "QR-kod på lekplatsen för felanmälan",
        "Trasiga gungor och lösa skruvar på lekplatser upptäcks ofta av föräldrar, men få vet vart de ska vända sig. "
        "Felanmälningarna kommer in via många olika vägar och det är svårt att veta vilken lekplats det gäller.",
        "Besökare på stadens lekplatser.",
        "Sätt upp en skylt med QR-kod på varje lekplats som leder direkt till en förifylld felanmälan i stadens app. "
        "Lekplatsens namn och position följer automatiskt med.",
        "Snabbare åtgärder av fel och färre olyckor. Mindre tid går åt till att ta reda på var felet finns.",
    ),
    _idea(
        "parks",
        "manager",
        "organisation",
        [ECO],
        "Gemensam parkdrift över stadsdelsgränserna",
        "Parkerna längs gränsen mellan två stadsdelar sköts av olika entreprenörer med olika skötselnivåer. "
        "Gräset är klippt på ena sidan av gångvägen men inte på den andra, och boende undrar varför.",
        "Parkförvaltare i angränsande stadsdelar.",
        "Samordna upphandlingen och uppföljningen av parkdriften i två grannstadsdelar. "
        "Vi sätter gemensamma skötselnivåer och delar på kontrollanterna.",
        "Lägre administrativa kostnader och mer enhetlig skötsel. Större upphandlingar kan ge bättre priser.",
    ),
    _idea(
        "parks",
        "resident",
        "product",
        [SOC],
        "Dricksfontäner och skugga på lekplatserna",
        "Förra sommaren var det över 30 grader i flera veckor och på vår lekplats finns varken skugga eller vatten. "
        "Barnen blev röda och trötta efter en halvtimme och vi fick gå hem.",
        "Barnfamiljer som använder lekplatserna på sommaren.",
        "Plantera träd och sätt upp solsegel över sandlådorna på de största lekplatserna. "
        "Installera dricksfontäner som stängs av under vintern.",
        "Lekplatserna kan användas även under värmeböljor. "
        "Skugga minskar risken för värmeslag och solbränna hos små barn.",
    ),
    # ------------------------------------------------------------------
    # Waste
    # ------------------------------------------------------------------
    _idea(
        "waste",
        "employee",
        "product",
        [ECO, ENV],
        "Sensorer i papperskorgarna så att de töms efter behov",
        "Vi tömmer parkernas papperskorgar efter ett fast schema, även när de är halvtomma. "
        "Samtidigt blir vissa korgar överfulla på soliga helger och skräpet blåser ut i parken.",
        "Renhållningspersonal och besökare i parker.",
        "Montera fyllnadsgradssensorer i de 200 mest använda papperskorgarna och planera tömningsrundorna efter hur fulla de är. "
        "Korgar som fylls snabbt byts mot större eller kompakterande modeller.",
        "Vi räknar med 30 procent färre tömningsturer och därmed lägre kostnader och utsläpp. "
        "Färre överfulla korgar och mindre skräp i parkerna.",
    ),
    _idea(
        "waste",
        "resident",
        "service",
        [ENV, SOC],
        "Bytesrum för möbler och prylar i grovsoprummet",
        "I vårt grovsoprum slängs varje vecka fina möbler, lampor och barnkläder. "
        "Jag har själv tagit hem en bokhylla därifrån, men det känns som att man gör något förbjudet.",
        "Boende i flerbostadshus.",
        "Inred en del av grovsoprummet som bytesrum med hyllor, där saker i gott skick får ställas och tas. "
        "Fastighetsvärden tömmer det som blivit stående efter två veckor.",
        "Mindre grovavfall och lägre kostnader för hämtning. "
        "Grannar som inte har råd att köpa nytt får tillgång till bra saker.",
    ),
    _idea(
        "waste",
        "city_unit",
        "process",
        [ENV],
        "Matavfallsinsamling på alla stadens arbetsplatser",
        "Många av stadens egna kontor och verksamheter sorterar fortfarande inte ut matavfall, trots att invånarna förväntas göra det. "
        "Det blir svårt att vara trovärdig när vi uppmanar andra att sortera.",
        "Medarbetare på stadens kontor, skolor och äldreboenden.",
        "Stockholm Vatten och Avfall ger alla förvaltningar stöd att införa matavfallsinsamling i personalrum och kök under ett år. "
        "Varje förvaltning utser ett sorteringsombud och vi följer upp mängderna per verksamhet.",
        "Cirka 800 ton matavfall per år kan bli biogas och biogödsel i stället för att brännas. "
        "Staden föregår med gott exempel.",
    ),
    _idea(
        "waste",
        "employee",
        "service",
        [ENV, SOC],
        "Mobil återvinningscentral som kommer till stadsdelen",
        "Många boende i ytterstaden har inte bil och kan därför inte ta sig till en återvinningscentral med farligt avfall och elektronik. "
        "Elektronik och batterier hamnar i stället i soprummet eller i naturen.",
        "Boende utan bil i ytterstaden.",
        "Låt en mobil återvinningscentral stanna en kväll i månaden på fasta platser, exempelvis vid centrum eller en skola. "
        "Där kan man lämna elektronik, farligt avfall, textilier och mindre grovavfall.",
        "Fler tar hand om farligt avfall på rätt sätt, vi räknar med minst 40 ton per år. "
        "Mindre nedskräpning och färre bränder i soprum.",
    ),
    _idea(
        "waste",
        "resident",
        "process",
        [ENV, SOC],
        "Tömning av återvinningsstationer även på helger",
        "Återvinningsstationen vid centrum i Hagsätra är överfull varje söndag och folk ställer säckar och kartonger bredvid. "
        "Det ser ut som en soptipp hela helgen och det lockar råttor. "
        "Vi grannar har ringt flera gånger men ingenting händer.",
        "Boende som använder återvinningsstationerna.",
        "Inför extra tömning på lördagar och söndagar vid de stationer som får flest klagomål. "
        "Sätt upp skyltar med var närmaste station med plats finns och ett nummer för att anmäla fulla containrar.",
        "Renare stationer och en trevligare miljö runt centrum. "
        "Mindre tid för renhållningspersonalen att städa upp runt stationerna på måndagar.",
    ),
    _idea(
        "waste",
        "supplier",
        "product",
        [ENV, ECO],
        "Vägande sopkärl som ger hushållen återkoppling",
        "Vi tillverkar avfallskärl med vågar och identifiering. "
        "Hushåll i flerbostadshus vet sällan hur mycket de slänger och det finns inget som belönar den som sorterar bra.",
        "Bostadsbolag och deras hyresgäster.",
        "Vi erbjuder en pilot i två bostadsområden där kärlen väger varje inkast av restavfall. "
        "Hushållen får en månadsrapport med jämförelse mot grannarna och tips om sortering.",
        "I tidigare piloter minskade restavfallet med mellan 15 och 25 procent. "
        "Bostadsbolagen sparar pengar på hämtningsavgifterna.",
    ),
    _idea(
        "waste",
        "employee",
        "process",
        [ENV],
        "Plockanalyser som visar vad som slängs i restavfallet",
        "Vi vet för lite om vad hushållen i olika områden faktiskt slänger och varför sorteringen inte fungerar. "
        "Informationskampanjer är ofta likadana i hela staden.",
        "Avfallsplanerare och kommunikatörer.",
        "Vi genomför plockanalyser av restavfall från tio bostadsområden med olika boendeformer tillsammans med bostadsbolagen. "
        "Resultaten kombineras med intervjuer med boende om hinder för att sortera.",
        "Mer träffsäkra insatser som kan öka andelen utsorterat matavfall. "
        "En bättre grund för den kommande avfallsplanen.",
    ),
    _idea(
        "waste",
        "employee",
        "service",
        [ENV, SOC],
        "Textilinsamling i tvättstugorna",
        "Kläder och textilier är en av de största källorna till klimatpåverkan från hushållen, och mycket slängs i restavfallet. "
        "Insamlingsboxarna står ofta långt bort vid köpcentrum.",
        "Hyresgäster i allmännyttans bostäder.",
        "Ställ upp insamlingsboxar för textil i tvättstugorna i samarbete med bostadsbolagen och en välgörenhetsorganisation. "
        "Helt plagg går till återanvändning och trasiga textilier till materialåtervinning.",
        "Vi räknar med att samla in 50 ton textil per år i ett stort bostadsområde. "
        "Mindre restavfall och lägre kostnader för förbränning.",
    ),
    _idea(
        "waste",
        "employee",
        "process",
        [ENV, ECO],
        "Återbruk av kontorsmöbler vid flytt av förvaltningar",
        "När en förvaltning flyttar slängs ofta skrivbord och stolar som bara är några år gamla. "
        "Samtidigt köper andra förvaltningar nya möbler till stora kostnader.",
        "Lokalansvariga och inköpare på förvaltningarna.",
        "Innan möbler slängs ska de läggas upp på stadens interna återbruksportal i fyra veckor. "
        "Det som inte hämtas skänks till föreningar eller säljs.",
        "Vi uppskattar att staden kan spara fem miljoner kronor per år på nya möbler. "
        "Minskat avfall och lägre klimatpåverkan.",
    ),
    # ------------------------------------------------------------------
    # Water
    # ------------------------------------------------------------------
    _idea(
        "water",
        "employee",
        "product",
        [ENV, ECO],
        "Akustiska sensorer för att hitta läckor i vattenledningsnätet",
        "Omkring en femtedel av det dricksvatten vi producerar försvinner genom läckor innan det når kranarna. "
        "Många läckor upptäcks först när vatten tränger upp på gatan, och då har de ofta pågått länge.",
        "Driftpersonal inom vattendistributionen.",
        "Montera akustiska sensorer på ventiler i de äldsta delarna av ledningsnätet som lyssnar efter läckljud nattetid. "
        "Larm skickas till driftcentralen, som kan skicka ut en läcksökare innan skadan växer.",
        "Om läckaget minskar med en fjärdedel sparar vi flera miljoner kubikmeter vatten per år. "
        "Färre akuta ledningsbrott och mindre trafikstörningar från grävarbeten.",
    ),
    _idea(
        "water",
        "resident",
        "product",
        [ENV, SOC],
        "Dricksvattenfontäner i parker och på torg",
        "När jag är ute och springer eller är i parken med barnen finns det ingenstans att fylla på vattenflaskan. "
        "Då köper man vatten i plastflaska, vilket känns dumt i en stad med så bra kranvatten.",
        "Alla som rör sig utomhus i staden.",
        "Sätt upp dricksvattenfontäner med flaskpåfyllning vid de större parkerna, motionsspåren och torgen. "
        "En karta över fontänerna kan finnas i stadens app.",
        "Mindre plastavfall och färre som blir uttorkade under värmeböljor. "
        "Kranvattnet blir mer synligt som ett bra alternativ.",
    ),
    _idea(
        "water",
        "university",
        "process",
        [ENV],
        "Mätning av mikroplast i dagvatten från konstgräsplaner",
        "Konstgräsplaner är en betydande källa till mikroplast i Mälaren och Östersjön. "
        "Det saknas mätningar av hur mycket som följer med dagvattnet från stadens planer och hur väl olika filter fungerar.",
        "Idrottsförvaltningen, vattenbolaget och miljöförvaltningen.",
        "Vi vid Stockholms universitet föreslår att mäta mikroplast i dagvattenbrunnar vid fyra konstgräsplaner med olika typer av filter och granulat under två år. "
        "Resultaten delas med staden som underlag för framtida upphandlingar.",
        "Kunskap om vilka åtgärder som faktiskt minskar utsläppen. "
        "Staden kan prioritera investeringar där nyttan är störst.",
    ),
    _idea(
        "water",
        "resident",
        "service",
        [SOC],
        "Sms till boende vid planerad vattenavstängning",
        "Förra veckan stängdes vattnet av i vårt hus utan att vi fått veta det i förväg. "
        "Lappen om avstängningen sattes upp i trapphuset samma morgon, och vi som har en nyfödd bebis stod utan vatten hela dagen.",
        "Boende i fastigheter som berörs av planerade arbeten på ledningsnätet.",
        "Skicka sms till alla som bor på de berörda adresserna minst tre dagar före en planerad avstängning, via den tjänst som redan används vid akuta störningar. "
        "Meddelandet innehåller tid, orsak och var man kan hämta vatten.",
        "Färre missnöjda kunder och färre samtal till kundtjänst. Känsliga hushåll kan planera i förväg.",
    ),
    # ------------------------------------------------------------------
    # Housing
    # ------------------------------------------------------------------
    _idea(
        "housing",
        "employee",
        "product",
        [ENV, ECO],
        "Individuell mätning och debitering av varmvatten",
        "I våra äldre hus ingår varmvatten i hyran och förbrukningen skiljer sig enormt mellan lägenheterna. "
        "Den som duschar kort betalar lika mycket som den som duschar en timme.",
        "Hyresgäster i bostadsbolagets äldre fastigheter.",
        "Installera mätare för varmvatten i samband med stambyten och debitera förbrukningen separat. "
        "Hyran sänks med motsvarande genomsnittskostnad så att ingen får högre boendekostnad i genomsnitt.",
        "Erfarenheter från andra bostadsbolag visar 15 till 25 procent lägre förbrukning av varmvatten. "
        "Det ger lägre energikostnader och minskade utsläpp.",
    ),
    _idea(
        "housing",
        "resident",
        "service",
        [SOC],
        "Digital bokning av tvättstuga och gemensamhetslokal",
        "I vårt hus bokar vi tvättstugan med lås på en tavla i källaren och gemensamhetslokalen genom att ringa kundtjänst. "
        "Man måste gå ner för att se om det finns en tid och det blir ofta dubbelbokat.",
        "Hyresgäster i allmännyttans bostäder.",
        "Inför digital bokning via bostadsbolagets app och en skärm vid entrén för den som inte har smarttelefon. "
        "Tider som inte används inom en halvtimme släpps automatiskt till andra.",
        "Enklare vardag för hyresgästerna och färre konflikter om tvättider. Kundtjänst får färre samtal om bokningar.",
    ),
    _idea(
        "housing",
        "employee",
        "external_relations",
        [SOC, ECO],
        "Sommarjobb för unga i det egna bostadsområdet",
        "Många ungdomar i våra områden har svårt att få sitt första jobb. "
        "Samtidigt har vi mycket utomhusarbete på sommaren som våra ordinarie medarbetare inte hinner med.",
        "Ungdomar mellan 16 och 19 år som bor i bostadsbolagets områden.",
        "Anställ ett femtiotal ungdomar i fyra veckor för att måla, rensa rabatter och hjälpa till i områdeskontoret. "
        "Varje grupp leds av en handledare från bostadsbolaget.",
        "Ungdomarna får arbetslivserfarenhet och en referens till nästa jobb. "
        "Mindre skadegörelse i områdena, enligt erfarenheter från tidigare år.",
    ),
    _idea(
        "housing",
        "supplier",
        "product",
        [ENV, ECO],
        "Solceller på taken med el som delas av hyresgästerna",
        "Vi installerar solcellsanläggningar och ser att allmännyttans stora tak sällan används för elproduktion. "
        "Hyresgästerna har inget sätt att ta del av egenproducerad el.",
        "Bostadsbolag och deras hyresgäster.",
        "Vi föreslår solcellsanläggningar på tio flerbostadshus med ett gemensamt elabonnemang för fastigheten, där solelen först används i lägenheterna. "
        "Debiteringen av el sker via hyran med individuell mätning.",
        "Varje anläggning kan producera omkring 60 000 kilowattimmar per år. "
        "Hyresgästerna får lägre elkostnad och bolaget minskar sin klimatpåverkan.",
    ),
    _idea(
        "housing",
        "city_unit",
        "organisation",
        [ECO, SOC],
        "Gemensam jour för felanmälan hos de allmännyttiga bostadsbolagen",
        "De tre allmännyttiga bostadsbolagen har var sin jourverksamhet för akuta fel på kvällar och helger. "
        "Jourerna har få ärenden per natt men kräver full bemanning i alla tre bolagen.",
        "Hyresgäster i allmännyttan som behöver hjälp utanför kontorstid.",
        "Stockholms Stadshus AB utreder en gemensam jourcentral som tar emot felanmälningar för alla tre bolagen och skickar ut rätt entreprenör. "
        "Bolagen behåller sina egna avtal med hantverkare.",
        "Lägre kostnader för jourverksamheten, uppskattningsvis två miljoner kronor per år. "
        "Hyresgästerna får samma nummer och samma service oavsett bolag.",
    ),
    _idea(
        "housing",
        "feedback",
        "process",
        [SOC],
        "Snabbare åtgärder vid fukt och mögel i lägenheter",
        "Vi har fått klagomål från flera hyresgäster som anmält fukt i badrum och mögel i sovrum utan att något hänt på flera månader. "
        "En hyresgäst skrev att hennes barn har astma och att hon anmält samma fel fyra gånger.",
        "Hyresgäster som anmäler fukt- och mögelskador.",
        "Inför en rutin där alla anmälningar om fukt och mögel besiktas inom fem arbetsdagar och får en handläggare som återkopplar. "
        "Hushåll med barn eller sjukdom prioriteras.",
        "Färre allvarliga skador, eftersom fukt som åtgärdas tidigt blir billigare att reparera. "
        "Färre klagomål och ärenden hos hyresnämnden.",
    ),
    _idea(
        "housing",
        "employee",
        "service",
        [SOC],
        "Trygghetsvandringar tillsammans med hyresgästerna",
        "Hyresgäster säger i enkäter att de känner sig otrygga i vissa gångar, garage och entréer. "
        "Vi vet inte alltid exakt vilka platser det gäller och vad som skulle hjälpa.",
        "Hyresgäster, särskilt kvinnor och äldre.",
        "Ordna trygghetsvandringar varje höst i alla områden tillsammans med hyresgäster, polis och stadsdelsförvaltning. "
        "Vi åtgärdar de enklaste bristerna, som trasig belysning och buskar som skymmer sikten, inom en månad.",
        "Ökad trygghet i hyresgästenkäten och färre anmälda incidenter. "
        "Hyresgästerna ser att deras synpunkter leder till åtgärder.",
    ),
    _idea(
        "housing",
        "resident",
        "product",
        [ENV, SOC],
        "Låsbara cykelrum med cykelpump i varje hus",
        "I vårt hus finns bara ett litet cykelrum som är fullt av gamla cyklar och barnvagnar. "
        "Vi som cyklar till jobbet får ställa cykeln ute i regnet och flera cyklar har blivit stulna från gården.",
        "Hyresgäster som cyklar.",
        "Rensa cykelrummen från övergivna cyklar, bygg om dem med dubbelvåningsställ och sätt upp en cykelpump och ett enkelt verktygsskåp. "
        "Gör ett nytt cykelrum i ett tomt förråd om det behövs.",
        "Fler kan cykla i vardagen och färre cyklar blir stulna. "
        "Cykelrummet blir använt igen i stället för att vara ett förråd.",
    ),
    _idea(
        "housing",
        "employee",
        "process",
        [ENV, ECO],
        "Återbruk av byggmaterial vid stambyten",
        "Vid våra stambyten river vi ut dörrar, köksluckor, handfat och parkett som ofta är i gott skick. "
        "Allt går till container och sedan köper vi nytt.",
        "Projektledare och entreprenörer vid renoveringar.",
        "Inventera material före varje renovering och spara det som går att återbruka i ett gemensamt lager. "
        "Krav på återbruk skrivs in i upphandlingen av entreprenörer.",
        "Minskad klimatpåverkan från renoveringar och lägre materialkostnader. "
        "I ett pilotprojekt återanvändes 40 procent av innerdörrarna.",
    ),
    _idea(
        "housing",
        "university",
        "process",
        [ENV, ECO],
        "Digital tvilling för energioptimering av miljonprogramshus",
        "Många fastigheter från 1960- och 70-talen har stora energiförluster, men det är svårt att veta vilka åtgärder som ger mest. "
        "Energiberäkningar görs ofta schablonmässigt för hela beståndet.",
        "Förvaltare och energiingenjörer i allmännyttan.",
        "KTH föreslår att bygga digitala modeller av tre hus med sensorer för temperatur och ventilation. "
        "Modellerna används för att testa effekten av olika åtgärder innan de genomförs.",
        "Bättre beslutsunderlag för investeringar och upp till 20 procent lägre energiförbrukning i pilothusen. "
        "Metoden kan sedan användas i hela beståndet.",
    ),
    _idea(
        "housing",
        "employee",
        "service",
        [SOC],
        "Seniorvärd i trygghetsboendena",
        "I trygghetsboendena bor äldre som ofta är ensamma och behöver hjälp med småsaker som att byta glödlampor eller förstå ett brev. "
        "Gemensamhetslokalerna står tomma många dagar eftersom ingen tar initiativ till aktiviteter.",
        "Boende i trygghetsboenden.",
        "Anställ en seniorvärd som finns på plats varje vardag, ordnar gemensamma aktiviteter och hjälper till med praktiska saker. "
        "Seniorvärden samarbetar med stadsdelens träffpunkter och biståndshandläggare.",
        "Minskad ensamhet och tryggare boende. "
        "Fler kan bo kvar längre innan de behöver flytta till vård- och omsorgsboende.",
    ),
    # ------------------------------------------------------------------
    # Traffic
    # ------------------------------------------------------------------
    _idea(
        "traffic",
        "employee",
        "process",
        [ENV, ECO],
        "Bortforsling av övergivna cyklar i cykelställen vid tunnelbanan",
        "I cykelställen vid tunnelbanestationerna står hundratals cyklar som ingen har använt på flera år. "
        "Vid Gullmarsplan räknade vi i våras till 140 cyklar med punkterade däck och rostiga kedjor, och pendlarna hittar ingen ledig plats.",
        "Pendlare som cyklar till kollektivtrafiken.",
        "Märk cyklar som ser övergivna ut med en daterad lapp och forsla bort dem som står kvar efter fyra veckor. "
        "Cyklarna lämnas till arbetsmarknadsförvaltningens cykelverkstad i stället för att skrotas.",
        "Vi frigör uppskattningsvis 15 procent av platserna i cykelställen vid de största stationerna. "
        "Upp till hälften av cyklarna kan renoveras och få nya ägare.",
    ),
    _idea(
        "traffic",
        "resident",
        "process",
        [SOC, ENV],
        "Bilfri skolgata vid skolstart på morgonen",
        "Varje morgon blir det kaos utanför skolan när föräldrar kör fram och släpper av barnen. "
        "Bilar backar och vänder mitt bland barn som cyklar och går, och jag är rädd att något ska hända.",
        "Elever, föräldrar och grannar kring grundskolor.",
        "Stäng gatan närmast skolan för biltrafik mellan klockan 7.45 och 8.15 med en enkel bom som skolans personal öppnar för färdtjänst. "
        "Inrätta en avlämningsplats 300 meter från skolan.",
        "Säkrare skolväg och fler barn som går eller cyklar själva. Bättre luft utanför skolan på morgonen.",
    ),
    _idea(
        "traffic",
        "employee",
        "process",
        [ENV, SOC],
        "Sopsaltning av de viktigaste cykelstråken på vintern",
        "Många slutar cykla på vintern eftersom cykelbanorna är isiga och ojämna efter plogning. "
        "Där vi testat sopsaltning har cykeltrafiken på vintern varit nästan dubbelt så stor.",
        "Cykelpendlare som cyklar året runt.",
        "Utöka sopsaltningen till hela det regionala cykelstråksnätet och prioritera det före bilvägarna på morgonen. "
        "Ställ krav på detta i nästa upphandling av vinterväghållning.",
        "Fler cyklister under vintern och färre singelolyckor med cykel. "
        "Varje halkolycka med cykel kostar i genomsnitt flera hundra tusen kronor för samhället.",
    ),
    _idea(
        "traffic",
        "feedback",
        "process",
        [SOC],
        "Tydligare omledning för gående vid vägarbeten",
        "Vi får många synpunkter om att gångbanor stängs av vid vägarbeten utan skyltning om hur man ska gå i stället. "
        "En person med rullator beskrev att hon fick gå ut i körbanan för att ta sig förbi ett bygge vid Fridhemsplan.",
        "Gående, särskilt personer med rullator, rullstol eller barnvagn.",
        "Skärp kraven i trafikanordningsplanerna så att det alltid finns en tillgänglig omledning för gående, och kontrollera detta på plats inom ett dygn efter att arbetet startat. "
        "Entreprenörer som brister i detta får vite.",
        "Färre olyckor och klagomål vid vägarbeten. Staden visar att gående prioriteras.",
    ),
    _idea(
        "traffic",
        "supplier",
        "product",
        [ECO, ENV],
        "Sensorer som visar lediga lastplatser i innerstaden",
        "Vi arbetar med leveranser i innerstaden och våra chaufförer letar länge efter lediga lastplatser. "
        "Ofta blir det dubbelparkering som stoppar bussar och cyklister.",
        "Leveransföretag och andra som lastar och lossar i innerstaden.",
        "Vi föreslår en pilot med sensorer på 50 lastplatser som visar i realtid om platsen är ledig. "
        "Informationen delas öppet så att alla transportföretag kan använda den i sina navigationssystem.",
        "Kortare söktid och färre dubbelparkeringar. "
        "I en liknande pilot i Göteborg minskade söktiden med i genomsnitt sex minuter per leverans.",
    ),
    _idea(
        "traffic",
        "employee",
        "process",
        [SOC],
        "Längre grön gubbe vid övergångsställen nära äldreboenden",
        "Vid flera övergångsställen nära äldreboenden och vårdcentraler hinner äldre med rollator inte över gatan innan det slår om till rött. "
        "Många blir rädda och undviker att gå ut.",
        "Äldre och personer med nedsatt rörlighet.",
        "Förläng tiden för grönt ljus för gående vid de trafiksignaler som ligger inom 300 meter från äldreboenden och vårdcentraler. "
        "Där det går installeras sensorer som känner av när någon fortfarande är på övergångsstället.",
        "Tryggare för äldre att röra sig i sitt närområde. "
        "Fördröjningen för biltrafiken beräknas till några sekunder per cykel i signalen.",
    ),
    _idea(
        "traffic",
        "manager",
        "process",
        [ECO, SOC],
        "Samordnade grävtillstånd för att undvika att samma gata grävs upp flera gånger",
        "Samma gata grävs ibland upp tre gånger på ett år för fjärrvärme, el och fiber. "
        "Varje gång blir det trafikstörningar och klagomål från boende och näringsidkare.",
        "Ledningsägare, entreprenörer och trafikanter.",
        "Inför en gemensam planeringskalender där alla ledningsägare anger planerade arbeten två år framåt. "
        "Trafikkontoret ger bara tillstånd till nya grävningar på nyligen asfalterade gator om arbetet inte kunde samordnas.",
        "Färre grävningar och kortare trafikstörningar. Lägre kostnader för återställning av gator.",
    ),
    # ------------------------------------------------------------------
    # Procurement
    # ------------------------------------------------------------------
    _idea(
        "procurement",
        "employee",
        "process",
        [ECO],
        "Månatlig rapport om inköp utanför avtal",
        "Förvaltningarna handlar ofta hos leverantörer som staden inte har avtal med, till exempel kontorsmaterial i närmaste butik. "
        "Det är inte lagligt i alla fall och vi går miste om avtalade rabatter.",
        "Inköpare, ekonomer och chefer på förvaltningarna.",
        "Ta fram en automatisk månadsrapport från ekonomisystemet som visar varje förvaltnings köp utanför avtal, sorterade på leverantör och summa. "
        "Inköpssamordnarna följer upp de största posterna med berörda chefer.",
        "Högre avtalstrohet, vi siktar på att öka från 82 till 92 procent. "
        "Lägre priser och mindre risk för otillåtna direktupphandlingar.",
    ),
    _idea(
        "procurement",
        "manager",
        "organisation",
        [ECO, ENV],
        "Samordnad varudistribution till stadens verksamheter",
        "Varje förskola, skola och äldreboende får leveranser från ett tjugotal olika leverantörer, ofta flera gånger i veckan. "
        "Det blir många lastbilar på små gator nära barn och stör verksamheten.",
        "Verksamheter som tar emot varuleveranser och boende i närområdet.",
        "Inför samordnad varudistribution där leverantörerna levererar till en gemensam terminal och staden kör ut varorna samlat en gång i veckan. "
        "Vi börjar med livsmedel och förbrukningsmaterial i två stadsdelar.",
        "Andra kommuner har minskat antalet leveranser med upp till 70 procent. "
        "Säkrare miljö för barnen och lägre utsläpp.",
    ),
    _idea(
        "procurement",
        "supplier",
        "external_relations",
        [ECO],
        "Tidig dialog med leverantörer före stora upphandlingar",
        "Vi är ett litet företag inom lokalvård och hinner sällan läsa förfrågningsunderlag på över hundra sidor. "
        "Kraven är ofta utformade så att bara de stora bolagen kan lämna anbud, trots att vi har bättre kvalitet lokalt.",
        "Små och medelstora företag som vill sälja till staden.",
        "Bjud in till öppna dialogmöten innan upphandlingen annonseras och dela upp stora upphandlingar i mindre geografiska områden. "
        "Publicera ett utkast till kravspecifikation för synpunkter.",
        "Fler anbudsgivare och därmed bättre konkurrens. "
        "Lokala företag får möjlighet att växa, vilket ger jobb i stadsdelarna.",
    ),
    _idea(
        "procurement",
        "employee",
        "process",
        [ENV],
        "Krav på fossilfria transporter i alla nya avtal",
        "Staden har som mål att vara fossilfri, men i många avtal ställs inga krav på leverantörernas transporter. "
        "Leveranser och entreprenader görs fortfarande med dieselfordon.",
        "Upphandlare och avtalsförvaltare.",
        "Inför standardkrav på fossilfria bränslen eller el för alla transporter i nya avtal från nästa år, med en övergångsperiod för små leverantörer. "
        "Följ upp kraven med stickprov två gånger per år.",
        "Minskade utsläpp från stadens leverantörer med uppskattningsvis 5 000 ton koldioxid per år. "
        "Tydliga signaler till marknaden.",
    ),
    _idea(
        "procurement",
        "supplier",
        "process",
        [ECO],
        "Enklare fakturering för små leverantörer",
        "Vi är en liten elfirma som gör jobb åt flera förvaltningar, och det är krångligt att skicka e-faktura till staden. "
        "Senast fick vi vänta två månader på betalning eftersom fakturan saknade en referenskod som vi inte kände till.",
        "Små företag och enskilda firmor som levererar till staden.",
        "Erbjud en enkel fakturaportal där leverantören fyller i fakturan direkt, med de obligatoriska fälten tydligt markerade. "
        "Referenskoden ska finnas med redan i beställningen.",
        "Färre felaktiga fakturor och snabbare betalning. "
        "Mindre tid för ekonomiassistenterna att reda ut oklara fakturor.",
    ),
    _idea(
        "procurement",
        "university",
        "process",
        [ECO, ENV],
        "Livscykelkostnad som utvärderingskriterium vid upphandling",
        "Vid upphandling av exempelvis belysning, fordon och storköksutrustning väljs ofta det billigaste inköpspriset. "
        "Kostnader för energi, underhåll och avveckling under hela livslängden räknas sällan in.",
        "Upphandlare och beställare inom staden.",
        "Vi vid Handelshögskolan föreslår att staden tar fram en enkel modell för livscykelkostnad som används i tio upphandlingar under ett år. "
        "Vi följer upp hur utfallet skiljer sig från traditionell utvärdering.",
        "Lägre totalkostnad för staden och lägre energianvändning. "
        "I internationella studier har besparingen ofta varit 10 till 20 procent.",
    ),
    _idea(
        "procurement",
        "employee",
        "process",
        [SOC, ECO],
        "Praktikplatser som krav i stora byggupphandlingar",
        "Staden köper byggtjänster för flera miljarder kronor per år, men det ger sällan jobb till de invånare som står längst från arbetsmarknaden. "
        "Samtidigt har byggföretagen svårt att rekrytera.",
        "Arbetssökande och byggföretag.",
        "Ställ krav på att leverantören tar emot praktikanter eller anställer personer från arbetsmarknadsförvaltningens program i alla byggupphandlingar över 50 miljoner kronor. "
        "Jobbtorg matchar kandidaterna och följer upp.",
        "Vi räknar med 100 praktikplatser per år. Minskade kostnader för ekonomiskt bistånd när fler får arbete.",
    ),
    _idea(
        "procurement",
        "employee",
        "product",
        [ECO],
        "Sökbar avtalskatalog för alla medarbetare",
        "Det är svårt för chefer och medarbetare att veta vilka avtal som finns och hur man beställer. "
        "Många ringer upphandlingsavdelningen och frågar, eller handlar där det är enklast.",
        "Alla som beställer varor och tjänster i staden.",
        "Bygg en enkel sökbar avtalskatalog på intranätet där man kan söka på vara eller tjänst och se leverantör, kontaktperson och hur man beställer. "
        "Katalogen uppdateras automatiskt från avtalsdatabasen.",
        "Färre samtal till upphandlingsavdelningen och högre avtalstrohet. Tid frigörs för mer strategiskt arbete.",
    ),
    _idea(
        "procurement",
        "city_unit",
        "process",
        [ECO, SOC],
        "Gemensam upphandling av tolktjänster för alla förvaltningar",
        "Förvaltningarna har olika avtal med tolkförmedlingar och priserna för samma tjänst skiljer sig med upp till 40 procent. "
        "Kvaliteten följs inte upp på ett systematiskt sätt.",
        "Verksamheter som använder tolk, främst socialtjänst, skola och äldreomsorg.",
        "Serviceförvaltningen samordnar en gemensam upphandling av tolktjänster med tydliga kvalitetskrav och möjlighet till distanstolkning via video. "
        "Avvikelser rapporteras i ett gemensamt system.",
        "Lägre priser och jämnare kvalitet. Vi beräknar en besparing på omkring fyra miljoner kronor per år.",
    ),
    # ------------------------------------------------------------------
    # IT
    # ------------------------------------------------------------------
    _idea(
        "it",
        "employee",
        "service",
        [ECO],
        "Självservice för lösenordsbyte",
        "En stor del av alla samtal till IT-supporten handlar om att medarbetare glömt sitt lösenord eller blivit utelåsta. "
        "Varje samtal tar i snitt åtta minuter och ofta är det kö.",
        "Alla medarbetare i staden.",
        "Inför självservice där medarbetaren kan byta lösenord med BankID eller sms-kod, även från mobilen. "
        "Kampanja om tjänsten på intranätet och vid inloggningsbilden.",
        "Vi räknar med att samtalen om lösenord minskar med 70 procent. "
        "Det motsvarar omkring fem heltidstjänster i supporten.",
    ),
    _idea(
        "it",
        "employee",
        "process",
        [ECO, SOC],
        "Snabbare behörigheter för vikarier i förskolan",
        "Det tar ofta en vecka innan en ny vikarie i förskolan får konto och kan se barnlistor och närvaro. "
        "Under tiden måste ordinarie personal lämna ut sina egna inloggningar eller skriva på papper.",
        "Vikarier och chefer i förskolan.",
        "Skapa en färdig behörighetsprofil för vikarier som chefen kan beställa själv och som aktiveras samma dag. "
        "Behörigheten avslutas automatiskt när anställningen upphör.",
        "Vikarier kan arbeta fullt från första dagen och inga inloggningar delas. Minskad risk för dataintrång.",
    ),
    _idea(
        "it",
        "manager",
        "process",
        [ECO],
        "Automatisering av återkommande fakturahantering",
        "Ekonomiassistenterna lägger många timmar varje månad på att kontera och attestera återkommande fakturor som ser likadana ut varje gång, till exempel hyror och licenser. "
        "Det är monotont och risken för fel är stor.",
        "Ekonomiassistenter och attestanter.",
        "Inför regelbaserad automatisering som konterar och skickar återkommande fakturor för attest när de stämmer mot avtal och tidigare månader. "
        "Avvikelser flaggas för manuell kontroll.",
        "Vi uppskattar att 40 procent av fakturorna kan hanteras automatiskt. "
        "Medarbetarna kan ägna sig åt analys och uppföljning i stället.",
    ),
    _idea(
        "it",
        "supplier",
        "product",
        [ECO, ENV],
        "Digital signering av avtal och beslut",
        "Vi levererar lösningar för e-underskrifter till offentlig sektor. "
        "Många förvaltningar skriver fortfarande ut avtal, skickar dem med internpost och skannar in dem igen.",
        "Chefer, handläggare och nämndsekreterare.",
        "Vi föreslår en pilot där avtal och delegationsbeslut signeras med e-legitimation direkt i dokumenthanteringen. "
        "Lösningen uppfyller kraven för arkivering.",
        "Kortare ledtider, ofta från två veckor till en dag. Mindre papper och porto.",
    ),
    _idea(
        "it",
        "employee",
        "process",
        [ENV, ECO],
        "Längre livslängd för datorer, från tre till fem år",
        "Stadens datorer byts ut efter tre år oavsett skick. "
        "De flesta fungerar utmärkt för vanligt kontorsarbete och kan användas mycket längre.",
        "IT-avdelningar och alla medarbetare med dator.",
        "Förläng leasingperioden till fem år för standarddatorer och byt bara batteri eller minne när det behövs. "
        "Datorer som ändå lämnas tillbaka rensas och säljs vidare.",
        "Lägre kostnader, uppskattningsvis 30 miljoner kronor per år för hela staden. "
        "En bärbar dator ger omkring 300 kilo koldioxid vid tillverkningen, så klimatnyttan är stor.",
    ),
    _idea(
        "it",
        "resident",
        "service",
        [SOC],
        "Inloggning för vårdnadshavare utan svenskt BankID",
        "Jag kom till Sverige för ett år sedan och har fortfarande inte fått svenskt BankID, eftersom jag väntar på mitt id-kort. "
        "Därför kan jag inte logga in och se min dotters frånvaro och omdömen. "
        "Jag vet att flera andra föräldrar i klassen har samma problem.",
        "Vårdnadshavare som saknar svensk e-legitimation.",
        "Erbjud ett alternativt inloggningssätt med engångskod till registrerat mobilnummer, efter identifiering på skolan. "
        "Gör instruktionerna tillgängliga på de tio vanligaste språken.",
        "Alla vårdnadshavare kan följa sitt barns skolgång. Färre samtal och besök hos skolans administration.",
    ),
    _idea(
        "it",
        "employee",
        "service",
        [SOC, ECO],
        "IT-support på plats en dag i veckan i stadsdelen",
        "Medarbetare i hemtjänst och förskola har svårt att beskriva sina IT-problem i telefon, och många ger upp. "
        "Problemen blir kvar i veckor och folk hittar egna lösningar.",
        "Medarbetare i verksamheter utan egen IT-personal.",
        "En IT-tekniker finns på plats på stadsdelsförvaltningen en dag i veckan med drop-in. "
        "Tider kan också bokas för besök på arbetsplatser.",
        "Snabbare lösning på problem och mindre tid som går förlorad i verksamheten. "
        "Ökad digital kompetens hos medarbetarna.",
    ),
    _idea(
        "it",
        "city_unit",
        "organisation",
        [ECO],
        "En gemensam plattform för stadens e-tjänster",
        "Förvaltningarna har byggt sina e-tjänster i olika verktyg och med olika utseende. "
        "Det är dyrt att förvalta och invånarna möter en ny inloggning och design för varje tjänst.",
        "Invånare som använder stadens e-tjänster och de som utvecklar dem.",
        "Stadsledningskontoret föreslår att alla nya e-tjänster byggs på en gemensam plattform med gemensamma komponenter för inloggning, betalning och signering. "
        "Befintliga tjänster flyttas över i takt med att de behöver uppdateras.",
        "Lägre förvaltningskostnader och snabbare utveckling. En enhetlig upplevelse för invånarna.",
    ),
    _idea(
        "it",
        "employee",
        "product",
        [SOC, ECO],
        "Öppna data om stadens lekplatser och parker",
        "Det finns mycket information om stadens lekplatser, utegym och grillplatser men den är utspridd och inte maskinläsbar. "
        "Studenter och företag som vill bygga tjänster för familjer får inte tag i uppgifterna.",
        "Utvecklare, studenter och invånare.",
        "Publicera uppgifterna om lekplatser och parker som öppna data med position, utrustning och tillgänglighet. "
        "Bjud sedan in studenter och företag till en hackathon där de bygger tjänster på datan.",
        "Nya tjänster som gör det lättare för familjer att hitta rätt lekplats. "
        "Staden får en bättre överblick över sina anläggningar.",
    ),
    _idea(
        "it",
        "resident",
        "service",
        [SOC],
        "Mina sidor med alla ärenden hos staden samlade",
        "Jag har ärenden hos förskolan, bygglov och parkeringstillstånd och måste logga in på tre olika ställen för att se vad som händer. "
        "Ibland får jag brev på papper och ibland ett mejl, och jag vet aldrig vad som är aktuellt.",
        "Invånare med ärenden hos staden.",
        "Skapa Mina sidor där man ser alla sina pågående ärenden och beslut, oavsett förvaltning. "
        "Meddelanden skickas till den digitala brevlådan i stället för med post.",
        "Enklare för invånarna och färre samtal till kontaktcenter med frågor om ärendestatus. Lägre portokostnader.",
    ),
    _idea(
        "it",
        "employee",
        "product",
        [ECO, SOC],
        "Gemensam pool med surfplattor till skolans nationella prov",
        "När nationella prov ska skrivas digitalt räcker inte skolans datorer till alla elever samtidigt. "
        "Varje skola köper in extra utrustning som sedan står oanvänd resten av året.",
        "Skolor som genomför digitala nationella prov.",
        "Skapa en gemensam utlåningspool med förinstallerade datorer som skolorna bokar under provperioderna. "
        "Utbildningsförvaltningens IT-enhet ansvarar för underhåll och transporter.",
        "Skolorna slipper köpa utrustning för några få dagar per år. "
        "Vi beräknar en besparing på minst två miljoner kronor per år.",
    ),
    # ------------------------------------------------------------------
    # Environment
    # ------------------------------------------------------------------
    _idea(
        "environment",
        "employee",
        "organisation",
        [ENV, ECO],
        "Elbilspool som delas mellan förvaltningarna i samma hus",
        "Tre förvaltningar i samma kontorshus har var sina tjänstebilar, och de står stilla större delen av dagen. "
        "Ibland är alla bilar bokade på en förvaltning medan bilarna på våningen ovanför står oanvända.",
        "Medarbetare som reser i tjänsten.",
        "Slå ihop förvaltningarnas bilar till en gemensam pool med elbilar och elcyklar som bokas i samma system. "
        "Kostnaderna fördelas efter hur mycket varje förvaltning använder poolen.",
        "Vi kan minska antalet bilar från elva till sju utan att någon blir utan. "
        "Det sparar omkring 250 000 kronor per år och minskar utsläppen.",
    ),
    _idea(
        "environment",
        "employee",
        "process",
        [ENV, ECO],
        "Vegetarisk mat som standard på stadens möten och konferenser",
        "Vid stadens interna konferenser och utbildningar serveras oftast kött, trots att staden har mål om att minska klimatpåverkan från livsmedel. "
        "Den som vill ha vegetariskt måste anmäla specialkost.",
        "Alla som beställer mat till möten och konferenser.",
        "Gör vegetariskt till standardval i avtalen med cateringleverantörerna, så att kött blir det man aktivt väljer. "
        "Informera beställarna om varför och följ upp andelen.",
        "Klimatpåverkan från konferensmat kan halveras. Vegetariska alternativ är dessutom ofta billigare.",
    ),
    _idea(
        "environment",
        "employee",
        "service",
        [ECO, SOC],
        "Digital egenkontroll för restauranger inför livsmedelsinspektionen",
        "Många små restauranger har bristfällig egenkontroll och vet inte vad inspektören kommer att titta på. "
        "Vi gör många återbesök för brister som hade kunnat åtgärdas i förväg, och företagarna upplever kontrollen som ett straff.",
        "Små livsmedelsföretag och livsmedelsinspektörer.",
        "Ta fram en digital checklista på flera språk som företagen fyller i före inspektionen och som inspektören ser i förväg. "
        "Lägg till korta filmer om de vanligaste bristerna, exempelvis temperaturkontroll och allergener.",
        "Färre återbesök, vi räknar med en minskning med 25 procent. "
        "Bättre livsmedelssäkerhet och en mer positiv relation till företagarna.",
    ),
    _idea(
        "environment",
        "resident",
        "product",
        [ENV, SOC],
        "Luftmätare vid förskolor nära Essingeleden",
        "Mitt barn går på en förskola några hundra meter från Essingeleden. "
        "Vi föräldrar undrar hur luften egentligen är på gården, särskilt på vintern när dubbdäcken river upp partiklar.",
        "Barn och föräldrar på förskolor nära stora vägar.",
        "Sätt upp enkla sensorer för partiklar och kvävedioxid på förskolegårdar nära de stora lederna och visa mätvärdena öppet. "
        "Använd resultaten för att planera var barnen leker och när.",
        "Föräldrar och personal får veta hur luften är och kan anpassa utevistelsen. "
        "Staden får underlag för åtgärder som dammbindning och skyddande växtlighet.",
    ),
    _idea(
        "environment",
        "city_unit",
        "process",
        [ENV],
        "Klimatbudget med uppföljning per förvaltning",
        "Stadens klimatmål följs upp för staden som helhet, men förvaltningarna vet inte hur mycket deras egen verksamhet släpper ut. "
        "Det blir svårt att prioritera åtgärder och att se vem som behöver stöd.",
        "Förvaltnings- och bolagsledningar.",
        "Miljöförvaltningen tar fram en klimatbudget för varje förvaltning och bolag, baserad på resor, inköp, energi och livsmedel. "
        "Utfallet redovisas i tertialrapporterna precis som ekonomin.",
        "Tydligare ansvar och snabbare utsläppsminskningar. Goda exempel kan spridas mellan förvaltningarna.",
    ),
    # ------------------------------------------------------------------
    # Sport
    # ------------------------------------------------------------------
    _idea(
        "sport",
        "employee",
        "service",
        [SOC],
        "Öppen idrottshall på fredagskvällar för unga",
        "På fredagskvällar finns få aktiviteter för ungdomar i området, och många hänger i centrum. "
        "Skolans idrottshall står samtidigt tom.",
        "Ungdomar mellan 13 och 18 år.",
        "Håll idrottshallen öppen fredagar mellan klockan 19 och 23 med fotboll, basket och dans, ledd av unga ledare från lokala föreningar. "
        "Fältassistenter och fritidsledare finns på plats.",
        "Fler ungdomar får en meningsfull fritid och en trygg plats att vara på. "
        "Erfarenheter från liknande satsningar visar färre incidenter i centrum på fredagskvällar.",
    ),
    _idea(
        "sport",
        "resident",
        "product",
        [SOC],
        "Utegym med instruktioner anpassade för äldre",
        "Utegymmen i vår park är byggda för unga och vältränade. "
        "Vi som är över sjuttio skulle gärna träna utomhus, men redskapen är för höga och det finns inga instruktioner.",
        "Äldre som vill träna utomhus.",
        "Komplettera några utegym med redskap för balans och styrka som passar äldre, och skyltar med bilder på enkla övningar. "
        "Låt en fysioterapeut leda introduktionspass under våren.",
        "Fler äldre rör på sig och håller sig starka längre. Utegymmet blir en mötesplats även för oss äldre.",
    ),
    _idea(
        "sport",
        "employee",
        "process",
        [ENV, ECO],
        "Poolskydd nattetid i simhallarna",
        "När simhallen är stängd avdunstar stora mängder uppvärmt vatten från bassängerna. "
        "Ventilationen måste gå på högvarv hela natten för att ta hand om fukten.",
        "Drift- och fastighetspersonal i simhallarna.",
        "Installera rullbara poolskydd som läggs på efter stängning. Ventilationen kan då gå på lägre nivå på natten.",
        "Energibesparing på omkring 15 procent per simhall, motsvarande 300 000 kronor per år i en större anläggning. "
        "Investeringen beräknas vara återbetald på fyra år.",
    ),
    _idea(
        "sport",
        "employee",
        "service",
        [SOC, ECO],
        "Lediga tider i idrottshallarna syns och kan bokas direkt",
        "Föreningar och privatpersoner vet inte vilka tider som är lediga i stadens idrottshallar. "
        "Samtidigt står många hallar tomma på helgerna eftersom tider avbokas sent.",
        "Föreningar, privatpersoner och bokningshandläggare.",
        "Visa lediga tider öppet i bokningssystemet och låt föreningar boka avbokade tider direkt, utan att kontakta bokningen. "
        "Föreningar som ofta avbokar sent får lägre prioritet vid nästa fördelning.",
        "Högre beläggning i hallarna, vi siktar på tio procentenheter. Färre samtal till bokningen.",
    ),
    # ------------------------------------------------------------------
    # Labour market
    # ------------------------------------------------------------------
    _idea(
        "labour_market",
        "employee",
        "service",
        [SOC, ENV],
        "Cykelverkstad för arbetsträning med övergivna cyklar",
        "Många deltagare hos Jobbtorg behöver arbetsträning med konkreta uppgifter innan de är redo för ett vanligt jobb. "
        "Samtidigt skrotas tusentals cyklar varje år som trafikkontoret forslar bort från stadens cykelställ.",
        "Arbetssökande som behöver arbetsträning.",
        "Starta en cykelverkstad där deltagarna lagar övergivna cyklar under handledning av en cykelmekaniker. "
        "De renoverade cyklarna lånas ut till skolor och fritidsgårdar eller säljs billigt.",
        "Tjugo deltagare per år kan få arbetsträning, och erfarenhetsmässigt går hälften vidare till arbete eller studier. "
        "Cyklar som annars skulle skrotas kommer till användning.",
    ),
    _idea(
        "labour_market",
        "employee",
        "external_relations",
        [SOC, ECO],
        "Feriejobb i äldreomsorgen som väg till undersköterskeyrket",
        "Äldreomsorgen har stora rekryteringsbehov de kommande tio åren. "
        "Få unga väljer vård- och omsorgsprogrammet, ofta för att de aldrig har sett hur arbetet går till.",
        "Ungdomar som söker feriejobb.",
        "Reservera 200 feriejobb i äldreomsorgen där ungdomarna följer med på promenader, läser högt och hjälper till vid måltider. "
        "Varje ungdom har en handledare och får information om vägar till yrket.",
        "Fler unga söker vård- och omsorgsprogrammet eller sommarjobb inom äldreomsorgen. "
        "De äldre får mer sällskap under sommaren.",
    ),
    _idea(
        "labour_market",
        "employee",
        "service",
        [SOC],
        "Språkpraktik i stadens storkök",
        "Många som läser svenska för invandrare får öva svenska bara i klassrummet. "
        "Stadens skolkök och äldreboendenas kök har svårt att rekrytera och behöver extra hjälp.",
        "Elever inom SFI som vill arbeta inom restaurang och storkök.",
        "Erbjud språkpraktik i stadens storkök tre dagar i veckan under tolv veckor, kombinerad med yrkessvenska i SFI. "
        "Kökscheferna får en kort handledarutbildning.",
        "Snabbare språkinlärning och en väg till anställning. "
        "Vi räknar med att minst en tredjedel av deltagarna erbjuds timanställning efter praktiken.",
    ),
    _idea(
        "labour_market",
        "manager",
        "organisation",
        [SOC],
        "Jobbtorg på plats i stadsdelens centrum en dag i veckan",
        "Många som skulle behöva Jobbtorgs stöd tar sig aldrig till kontoret, som ligger långt från där de bor. "
        "Vi når framför allt inte kvinnor som varit hemma med barn i många år.",
        "Arbetssökande som inte har kontakt med Jobbtorg i dag.",
        "Bemanna en mottagning i stadsdelens centrum en dag i veckan tillsammans med Arbetsförmedlingen och vuxenutbildningen. "
        "Samarbeta med föreningar och öppna förskolan för att nå nya grupper.",
        "Vi vill nå 150 nya personer per år. "
        "Fler kommer i arbete eller studier och behovet av ekonomiskt bistånd minskar.",
    ),
    # ------------------------------------------------------------------
    # Urban planning
    # ------------------------------------------------------------------
    _idea(
        "urban_planning",
        "manager",
        "external_relations",
        [SOC],
        "Bemannade samråd om detaljplaner på torget",
        "De som lämnar synpunkter på våra detaljplaner är nästan alltid villaägare och bostadsrättsinnehavare. "
        "Unga, hyresgäster och personer som inte läser svenska hörs nästan aldrig, trots att de påverkas lika mycket.",
        "Boende i områden där nya detaljplaner tas fram.",
        "Ha en bemannad samrådsbod på torget och vid tunnelbanan under samrådstiden, med enkla modeller och information på flera språk. "
        "Vi samarbetar med skolor och föreningar för att nå unga.",
        "Bredare och mer representativa synpunkter på våra planer. "
        "Färre överklaganden när fler förstår och känner sig delaktiga.",
    ),
    _idea(
        "urban_planning",
        "employee",
        "process",
        [ECO, SOC],
        "Automatisk kontroll av handlingar i bygglovsansökan",
        "Över hälften av alla bygglovsansökningar är ofullständiga när de kommer in. "
        "Vi lägger mycket tid på att begära kompletteringar och handläggningstiden förlängs med flera veckor.",
        "Sökande av bygglov och bygglovshandläggare.",
        "Bygg in en kontroll i e-tjänsten som visar vilka handlingar som krävs för just den åtgärden och kontrollerar format och skala på ritningarna. "
        "Ansökan kan inte skickas in förrän de obligatoriska handlingarna finns.",
        "Andelen kompletta ansökningar kan öka från 45 till 80 procent. "
        "Kortare handläggningstider och nöjdare sökande.",
    ),
    _idea(
        "urban_planning",
        "employee",
        "process",
        [SOC],
        "Barn som medforskare i planeringen av nya bostadsområden",
        "Barn är de som använder gator, gårdar och parker mest, men de deltar nästan aldrig i planeringen. "
        "Barnkonsekvensanalyser görs ofta vid skrivbordet utan att barnen själva tillfrågas.",
        "Barn och unga i områden där ny bebyggelse planeras.",
        "Låt skolklasser kartlägga sina skolvägar och favoritplatser med en digital karttjänst och presentera resultatet för planerarna. "
        "Kartläggningen blir en del av barnkonsekvensanalysen.",
        "Planer som bättre tar hänsyn till barns behov av trygga skolvägar och lekplatser. "
        "Barnen lär sig om demokrati och samhällsplanering.",
    ),
    # ------------------------------------------------------------------
    # Administration
    # ------------------------------------------------------------------
    _idea(
        "administration",
        "employee",
        "process",
        [ECO, ENV],
        "Digitala nämndhandlingar i stället för papper",
        "Inför varje nämndsammanträde skriver vi ut och skickar flera hundra sidor handlingar till varje ledamot och ersättare. "
        "Ofta kommer det ändringar i sista stund och allt måste skrivas ut igen.",
        "Förtroendevalda och nämndsekreterare.",
        "Ge ledamöterna surfplattor med en app för möteshandlingar där de kan läsa, anteckna och få uppdateringar direkt. "
        "Den som vill kan fortfarande få handlingar på papper.",
        "Besparing på omkring 150 000 kronor per år i tryck och porto för en nämnd. "
        "Mindre stress för nämndsekreterarna.",
    ),
    _idea(
        "administration",
        "employee",
        "process",
        [SOC],
        "Klarspråk i beslutsbrev till invånare",
        "Många av våra beslutsbrev är skrivna med juridiska formuleringar som invånarna inte förstår. "
        "Vi får många samtal från personer som inte vet om de fått ja eller nej.",
        "Invånare som får beslut från staden och de handläggare som skriver dem.",
        "Skriv om de tjugo vanligaste beslutsmallarna enligt principerna för klarspråk, med beslutet först och en tydlig förklaring av hur man överklagar. "
        "Testa mallarna med invånare innan de införs.",
        "Färre samtal med frågor om beslut och färre onödiga överklaganden. Ökat förtroende för staden.",
    ),
    _idea(
        "administration",
        "employee",
        "service",
        [ECO],
        "Bokningsbara mötesrum över förvaltningsgränserna",
        "Mötesrummen i stadens kontor kan bara bokas av den förvaltning som hyr lokalen. "
        "Vi som arbetar i stadsdelen åker ibland till stadshuset för ett möte i stället för att låna ett tomt rum i huset bredvid.",
        "Medarbetare som behöver mötesrum.",
        "Gör alla stadens mötesrum bokningsbara för alla medarbetare i samma bokningssystem. "
        "Varje förvaltning väljer vilka rum som ska vara öppna för andra.",
        "Bättre nyttjande av lokalerna och mindre restid. På sikt kan staden minska antalet hyrda mötesrum.",
    ),
    _idea(
        "administration",
        "manager",
        "organisation",
        [SOC],
        "Gemensam introduktion för nya chefer i staden",
        "Nya chefer får väldigt olika introduktion beroende på förvaltning. "
        "Många säger att de under första året inte vet var de ska vända sig med frågor om budget, arbetsrätt och arbetsmiljö.",
        "Nyanställda och nyutnämnda chefer i staden.",
        "Inför ett gemensamt introduktionsprogram för nya chefer med fem träffar under första halvåret och en erfaren chef som mentor. "
        "Programmet samlar chefer från olika förvaltningar så att de bygger nätverk.",
        "Tryggare chefer och lägre chefsomsättning. Bättre arbetsmiljö för medarbetarna.",
    ),
    _idea(
        "administration",
        "employee",
        "service",
        [SOC, ECO],
        "Kontaktcenter som löser fler ärenden direkt i första samtalet",
        "Många samtal till kontaktcenter kopplas vidare till förvaltningarna, där handläggarna inte svarar. "
        "Invånaren får ringa igen och vi får samma fråga flera gånger.",
        "Invånare som kontaktar staden och medarbetare på kontaktcenter.",
        "Ge kontaktcenter behörighet att läsa status i de vanligaste ärendetyperna och tydliga svar på de hundra vanligaste frågorna. "
        "Förvaltningarna utser kontaktpersoner som svarar kontaktcenter inom en timme.",
        "Andelen ärenden som löses direkt kan öka från 55 till 75 procent. Färre samtal och nöjdare invånare.",
    ),
    _idea(
        "administration",
        "employee",
        "process",
        [ECO],
        "Digital tidrapportering för timavlönade",
        "Timavlönade vikarier rapporterar sin tid på papper som chefen ska attestera och skicka vidare. "
        "Papper försvinner och många får fel lön eller lönen en månad för sent.",
        "Timavlönade medarbetare och deras chefer.",
        "Låt timavlönade rapportera sin tid i mobilen direkt efter passet. "
        "Chefen attesterar digitalt och uppgifterna går direkt till lönesystemet.",
        "Färre fel i lönen och mindre administration för cheferna. "
        "Vi uppskattar att varje chef sparar två timmar per månad.",
    ),
]


COMMENTS = [
    "Bra idé! Vi har samma problem hos oss och skulle gärna vara med och testa.",
    "Har ni pratat med facket om det här? Det påverkar ju schemat för många.",
    "Vi provade något liknande i Farsta för två år sedan. Det fungerade bra, men det krävdes en tydlig ansvarig för att det inte skulle rinna ut i sanden.",
    "Hur har ni tänkt kring GDPR? Det behöver nog stämmas av med dataskyddsombudet tidigt.",
    "Stödjer helt. Det här har vi efterfrågat på arbetsplatsträffarna i flera år.",
    "Vad skulle det kosta ungefär? Det vore bra att ha en grov kalkyl innan ledningsgruppen tar ställning.",
    "Jag är lite tveksam. Vi har redan väldigt många nya arbetssätt att införa i år och personalen är trött.",
    "Finns det något avtal som redan täcker det här? Kolla gärna med upphandlingsavdelningen först.",
    "Vi på Vinsta äldreboende gör redan så här sedan i våras. Hör gärna av er så berättar vi mer.",
    "Viktigt att brukarna själva får säga sitt innan något införs.",
    "Tummen upp från hela arbetslaget på Förskolan Trollet!",
    "Som anhörig tycker jag att det här låter jättebra. Hoppas det blir av.",
    "Vem äger frågan om det blir en pilot? Stadsdelen eller facknämnden?",
    "Det här påminner om ett projekt som Göteborgs stad genomförde. De har en bra utvärdering som är värd att läsa.",
    "Hur mäter vi om det faktiskt blir bättre? Vi behöver en nollmätning innan vi börjar.",
    "Jag jobbar natt och kan bekräfta att problemet är stort. Det är ofta jag som får ta hand om konsekvenserna.",
    "Bra förslag men glöm inte de som inte har smarttelefon.",
    "Går det att kombinera med det arbete som redan pågår inom digitaliseringsprogrammet?",
    "Vi har pengar kvar i utvecklingsbudgeten i år som kanske skulle kunna användas till en test.",
    "Låter smart, men hur påverkas arbetsmiljön? Skyddsombudet bör vara med från början.",
    "Jag har jobbat i kommunen i tjugo år och det här har föreslagits förut. Vad är annorlunda nu?",
    "Vi har redan utrustningen hos oss, den står oanvänd i ett förråd. Hör av er om ni vill låna den.",
    "Fantastiskt initiativ. Kan vi sprida det till fler stadsdelar direkt?",
    "Jag undrar om det finns juridiska hinder. Kommunallagen sätter ju vissa gränser för vad vi får göra.",
    "Ett tips är att prata med Micasa, de har erfarenhet av liknande lösningar i sina seniorboenden.",
    "Vi i Skärholmen är intresserade av att vara pilotstadsdel.",
    "Det är viktigt att det finns information på flera språk, annars når vi inte de som behöver det mest.",
    "Bra att det här lyfts. Jag har själv skrivit avvikelser om samma sak flera gånger.",
    "Hur länge skulle en pilot behöva pågå för att vi ska kunna dra några slutsatser?",
    "Jag tror det blir svårt att hinna med utan extra resurser, men idén är bra.",
    "Vi testade det på en avdelning och matsvinnet minskade direkt. Rekommenderas!",
    "Kan leverantören garantera att systemet fungerar med våra befintliga verksamhetssystem?",
    "Det här skulle göra stor skillnad för våra brukare med demenssjukdom.",
    "Låt oss inte krångla till det. Börja smått på en enhet och se vad som händer.",
    "Ekonomiskt ser det rimligt ut, men jag saknar en riskanalys.",
    "Jag är förälder i området och skulle gärna ställa upp som frivillig.",
    "Har ni kollat om det går att söka medel från Vinnova eller EU för det här?",
    "Min erfarenhet är att sådana här lösningar faller på att ingen tar hand om dem efter projekttiden.",
    "Håller med föregående talare. Vi behöver en plan för förvaltning efter piloten.",
    "Det här är precis den typ av förbättring som gör vardagen lättare för oss i verksamheten.",
    "Kan vi bjuda in idégivaren till nästa ledningsgrupp och diskutera vidare?",
    "Vi på biblioteket hjälper gärna till med lokaler och marknadsföring.",
    "Det finns en liknande lösning i Uppsala kommun, jag kan förmedla kontakten.",
    "Jag tycker att man ska fråga de boende innan man bestämmer något om deras gård.",
    "Väldigt bra beskrivet problem. Lösningen kanske behöver utvecklas lite mer.",
    "Stämmer väl med vad vi ser i vår brukarundersökning.",
    "Vore intressant att höra vad miljöförvaltningen tycker om det här.",
    "Finns det någon forskning som stödjer att det fungerar?",
    "Vi har två medarbetare som talar somaliska och som gärna är med och utvecklar det här.",
    "Bra men hur blir det under semesterperioden när vi har många vikarier?",
    "Det här bör samordnas med trafikkontoret, annars blir det dubbelarbete.",
    "Hyresgästföreningen i vårt område har drivit frågan länge. Kul att den äntligen lyfts.",
    "Skulle det gå att börja redan till hösten?",
    "Jag ser en risk att det blir ännu en app som ingen använder. Finns det en enklare lösning?",
    "Riktigt bra. Låt oss ta med det i verksamhetsplanen för nästa år.",
    "Ni kanske vill kontakta Stockholms universitet, de har en forskargrupp som arbetar med just det här.",
    "Vi har gjort en enkel kalkyl och kommer fram till att det betalar sig på under två år.",
    "Gillar att idén kommer från golvet. Det är de som ser problemen först.",
    "Har någon pratat med IT om informationssäkerheten?",
    "Jag hoppas att idén inte stannar vid en pilot utan faktiskt införs på riktigt.",
    "Som skyddsombud vill jag gärna vara med i arbetsgruppen.",
    "Det här har vi saknat sedan omorganisationen.",
    "Intressant. Hur skulle det fungera för dem som bor i villaområden?",
    "Kan man koppla det här till stadens klimatmål? Då är det lättare att få finansiering.",
    "Skickar vidare till min chef, det här bör vi diskutera på nästa arbetsplatsträff.",
]


RATIONALES = {
    "idea->prestudy": [
        "Idén bedöms ha stor potential men behöver en förstudie för att klargöra kostnader, juridik och hur den påverkar befintliga arbetssätt.",
        "Problemet är väl beskrivet och återkommer i flera verksamheter. Vi ger uppdrag om en förstudie på åtta veckor med redovisning i ledningsgruppen.",
        "Innovationsrådet beslutar om förstudie. Dataskyddsombud och IT ska involveras tidigt eftersom lösningen hanterar personuppgifter.",
        "Förslaget ligger i linje med förvaltningens verksamhetsplan. En förstudie ska ta fram en nollmätning och en grov kalkyl.",
        "Flera liknande förslag har kommit in från olika enheter. Vi samlar dem i en gemensam förstudie för att undvika dubbelarbete.",
        "Idén berör flera förvaltningar. Förstudien ska klargöra ansvarsfördelning och vem som äger en eventuell lösning.",
        "Nyttan ser stor ut men osäkerheten kring kostnaderna är hög. Vi vill veta mer innan vi avsätter resurser för en pilot.",
    ],
    "idea->pilot": [
        "Idén är enkel att testa och kostar lite. Vi går direkt till en pilot på en enhet under tre månader.",
        "Liknande lösningar har redan prövats med gott resultat i andra kommuner. Vi hoppar över förstudien och startar en pilot direkt.",
        "Risken bedöms som låg och enhetschefen har själv budget för testet. Pilot beviljas med uppföljning efter tolv veckor.",
        "Förslaget kräver inga nya system eller avtal. En pilot startar på idégivarens arbetsplats med stöd från innovationsenheten.",
        "Leverantören erbjuder en kostnadsfri testperiod inom ramen för befintligt avtal. Pilot beviljas med tydliga mätpunkter.",
        "Verksamheten är redo och medarbetarna efterfrågar förändringen. Vi startar pilot direkt och utvärderar efter en termin.",
    ],
    "prestudy->pilot": [
        "Förstudien visar att lösningen är genomförbar och att kostnaden ryms inom budget. Pilot beviljas på två enheter.",
        "Förstudien har tagit fram en tydlig nollmätning och en riskanalys. Ledningsgruppen beslutar om pilot under sex månader.",
        "Juridiska frågor är utredda och dataskyddsombudet har lämnat klartecken. Piloten kan starta efter sommaren.",
        "Förstudien bekräftar behovet och pekar på en besparing på över en halv miljon kronor per år. Vi går vidare med en pilot.",
        "Den ursprungliga idén har justerats efter förstudien och avgränsas till en stadsdel. Pilot beviljas med halvtidsuppföljning.",
        "Förstudien visar att medarbetarna är positiva och att tekniken fungerar med våra befintliga system. Pilot beviljas.",
    ],
    "pilot->implementation": [
        "Piloten har nått uppsatta mål med god marginal. Arbetssättet införs permanent på alla enheter inom avdelningen.",
        "Utvärderingen visar tydliga förbättringar för brukarna och en besparing i linje med kalkylen. Beslut om införande i ordinarie drift.",
        "Medarbetare och brukare är nöjda och inga allvarliga avvikelser har rapporterats. Lösningen förs över till ordinarie förvaltning.",
        "Piloten har gett de resultat vi hoppades på. Finansiering för införande finns i nästa års budget.",
        "Effekten är något lägre än förväntat men tydligt positiv. Vi inför lösningen med de justeringar som piloten visat behov av.",
        "Piloten har visat att arbetssättet fungerar även under semesterperioden. Beslut om införande fattas av förvaltningsledningen.",
    ],
    "implementation->spread": [
        "Lösningen är etablerad och har gett mätbara resultat i mer än ett år. Vi erbjuder den nu till samtliga stadsdelsförvaltningar.",
        "Flera förvaltningar har efterfrågat arbetssättet. Innovationsenheten tar fram en spridningsplan och ett stödmaterial.",
        "Resultaten presenterades på stadens innovationsdag och väckte stort intresse. Spridning sker via det stadsövergripande nätverket.",
        "Införandet har gått bra och kostnaderna är kända. Stadsledningskontoret rekommenderar övriga nämnder att införa lösningen.",
        "Arbetssättet har dokumenterats i en metodbeskrivning. Tre stadsdelar har redan anmält intresse att börja under våren.",
        "Lösningen sprids även till de kommunala bolagen i samarbete med Stockholms Stadshus AB.",
    ],
    "to_parked": [
        "Idén är bra men det saknas resurser i år. Vi parkerar den och tar upp den igen i samband med nästa års budgetarbete.",
        "Vi väntar på den nya upphandlingen av verksamhetssystem innan vi kan gå vidare. Ärendet parkeras till dess.",
        "Förvaltningen genomgår en omorganisation under hösten. Idén parkeras och tas upp igen efter årsskiftet.",
        "Ett liknande initiativ pågår redan på stadsövergripande nivå. Vi parkerar idén tills resultaten därifrån är kända.",
        "Idégivaren är föräldraledig och ingen annan kan driva frågan just nu. Ärendet parkeras i sex månader.",
        "Juridiska frågor behöver utredas centralt innan vi kan gå vidare. Idén parkeras i väntan på besked från stadsledningskontoret.",
    ],
}


#: Why ideas close, and what the decision says: (reason, the stages the idea may have reached, rationale).
#: A text speaks only of what the idea went through ("the pilot" only after a pilot), so the reason
#: shown on the idea and the rationale beside it tell one story.
_EARLY = ("idea", "prestudy")
_TRIED = ("pilot", "implementation", "spread")
_IN_USE = ("implementation", "spread")
CLOSINGS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "no_effect",
        ("idea",),
        "Förslaget har redan prövats i staden för några år sedan utan tillräcklig effekt. Ärendet avslutas med hänvisning till utvärderingen.",
    ),
    (
        "no_effect",
        ("pilot",),
        "Piloten gav inte de effekter vi hoppats på och kostnaderna blev högre än beräknat. Ärendet avslutas och lärdomarna dokumenteras.",
    ),
    (
        "no_effect",
        _IN_USE,
        "Effekten har inte hållit i sig efter införandet. Arbetssättet avvecklas och lärdomarna dokumenteras.",
    ),
    ("too_costly", ("idea",), "Kostnaden står inte i proportion till den förväntade nyttan. Förslaget avslutas."),
    (
        "too_costly",
        ("prestudy",),
        "Förstudien visar att nyttan är för liten i förhållande till kostnaden. Vi avslutar och tackar idégivaren för ett väl genomarbetat förslag.",
    ),
    (
        "too_costly",
        ("pilot",),
        "Piloten visar att driftkostnaden blir för hög i förhållande till nyttan. Ärendet avslutas och lärdomarna dokumenteras.",
    ),
    ("duplicate", _EARLY, "Idén är en dubblett av ett pågående ärende och slås ihop med det."),
    (
        "outside_remit",
        ("idea",),
        "Frågan ligger utanför stadens ansvar och har skickats vidare till Region Stockholm.",
    ),
    (
        "legal",
        ("idea", "prestudy", "pilot"),
        "Lösningen bedöms inte vara förenlig med gällande lagstiftning om personuppgifter. Ärendet avslutas.",
    ),
    (
        "legal",
        ("idea",),
        "Förslaget strider mot gällande avtal med fackliga organisationer och kan inte genomföras i nuvarande form.",
    ),
    (
        "need_gone",
        ("idea", "prestudy", "pilot"),
        "Efter dialog med idégivaren avslutas ärendet eftersom behovet inte längre finns efter omorganisationen.",
    ),
    (
        "solved_elsewhere",
        ("idea", "prestudy", "pilot", "implementation", "spread"),
        "Frågan har lösts inom ramen för ett stadsövergripande projekt. Idén avslutas här.",
    ),
    (
        "solved_elsewhere",
        ("idea",),
        "Det föreslagna arbetssättet finns redan i stadens riktlinjer. Vi tackar för förslaget och hänvisar till befintlig rutin.",
    ),
    (
        "withdrawn",
        _EARLY,
        "Idégivaren har dragit tillbaka förslaget efter dialog med innovationskontoret. Ärendet avslutas.",
    ),
    (
        "other",
        ("idea",),
        "Frågan hanteras bättre som en felanmälan och har skickats vidare till ansvarig enhet för åtgärd.",
    ),
    (
        "other",
        _TRIED,
        "Leverantören har avvecklat produkten och det finns inget likvärdigt alternativ inom befintliga avtal. Ärendet avslutas.",
    ),
    (
        "implemented",
        _IN_USE,
        "Arbetssättet är nu en del av ordinarie verksamhet och följs upp i verksamhetsplanen. Ärendet i innovationsslussen avslutas.",
    ),
    (
        "implemented",
        ("spread",),
        "Lösningen har spridits till de enheter som efterfrågat den och förvaltas nu i ordinarie verksamhet. Ärendet avslutas.",
    ),
]


def closings_for(reached: str) -> list[tuple[str, str]]:
    """(reason, rationale) pairs that fit closing an idea that got as far as ``reached``."""
    return [(reason, text) for reason, stages, text in CLOSINGS if reached in stages]


FIRST_NAMES = [
    "Anna",
    "Maria",
    "Karin",
    "Eva",
    "Kerstin",
    "Lena",
    "Ingrid",
    "Birgitta",
    "Sara",
    "Emma",
    "Elin",
    "Hanna",
    "Malin",
    "Jenny",
    "Sofia",
    "Ida",
    "Linnea",
    "Maja",
    "Ebba",
    "Alva",
    "Wilma",
    "Alice",
    "Olivia",
    "Astrid",
    "Saga",
    "Helena",
    "Camilla",
    "Susanne",
    "Ulla",
    "Gunilla",
    "Erik",
    "Lars",
    "Johan",
    "Anders",
    "Per",
    "Mikael",
    "Karl",
    "Peter",
    "Jan",
    "Thomas",
    "Daniel",
    "Fredrik",
    "Magnus",
    "Henrik",
    "Jonas",
    "Andreas",
    "Niklas",
    "Marcus",
    "Oskar",
    "Viktor",
    "Gustav",
    "Axel",
    "Hugo",
    "Elias",
    "Isak",
    "Filip",
    "Anton",
    "Mats",
    "Göran",
    "Bengt",
    "Fatima",
    "Amina",
    "Mariam",
    "Leila",
    "Yasmin",
    "Nour",
    "Rania",
    "Hodan",
    "Fadumo",
    "Sahra",
    "Mohammed",
    "Ahmed",
    "Ali",
    "Hassan",
    "Omar",
    "Yusuf",
    "Abdi",
    "Mustafa",
    "Samir",
    "Karim",
    "Shirin",
    "Parisa",
    "Nasrin",
    "Maryam",
    "Reza",
    "Arash",
    "Darius",
    "Kaveh",
    "Zeynep",
    "Elif",
    "Ayşe",
    "Mehmet",
    "Emre",
    "Deniz",
    "Selam",
    "Meron",
    "Dawit",
    "Tekle",
    "Aida",
    "Amra",
    "Emir",
    "Jovana",
    "Milan",
    "Nikola",
    "Dragana",
    "Aleksandra",
    "Piotr",
    "Katarzyna",
    "Olga",
    "Tuula",
    "Pirjo",
    "Jukka",
    "Aino",
    "Juan",
    "Camila",
    "Diego",
    "Carlos",
    "Lucía",
    "Gabriel",
    "Daniela",
    "Minh",
    "Linh",
    "Wei",
    "Mei",
    "Priya",
    "Raj",
    "Sebastian",
    "Samuel",
    "Noah",
    "Liam",
    "Lina",
    "Nora",
    "Ella",
    "Elsa",
    "Tove",
]

LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Nordström",
    "Mårtensson",
    "Lundström",
    "Dahlberg",
    "Hellström",
    "Sjögren",
    "Åberg",
    "Öberg",
    "Ekström",
    "Hedlund",
    "Ali",
    "Mohamed",
    "Ahmed",
    "Hassan",
    "Abdullahi",
    "Yusuf",
    "Omar",
    "Hussein",
    "Ibrahim",
    "Osman",
    "Warsame",
    "Farah",
    "Aden",
    "Said",
    "Khalil",
    "Haddad",
    "Karimi",
    "Hosseini",
    "Rezaei",
    "Mohammadi",
    "Ahmadi",
    "Yilmaz",
    "Demir",
    "Kaya",
    "Öztürk",
    "Çelik",
    "Nguyen",
    "Tran",
    "Le",
    "Nowak",
    "Kowalczyk",
    "Popović",
    "Jovanović",
    "Petrović",
    "Hodžić",
    "Begić",
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Rodríguez",
    "García",
    "González",
    "Silva",
    "Tesfaye",
    "Haile",
    "Gebremedhin",
    "Bekele",
    "Khan",
    "Singh",
    "Chen",
    "Wang",
    "Papadopoulos",
    "Rossi",
    "Dahl",
    "Falk",
    "Strand",
    "Sundberg",
    "Blom",
    "Nordin",
]


# Invented supplier organisations with Swedish organisation numbers (valid check digit).
SUPPLIER_ORGANISATIONS = [
    ("Nordlås Trygghet AB", "556781-2341"),
    ("Omsorgsteknik Mälardalen AB", "559013-4671"),
    ("Cykelkraft Stockholm AB", "556402-9188"),
    ("Grönyta Robotskötsel AB", "559227-8500"),
    ("Klassrumsljud Norden AB", "556934-7122"),
    ("Solbacka Energi och Tak AB", "559118-6035"),
    ("Avfallsvåg Sverige AB", "556270-4956"),
    ("Lastplats Sensor Nordic AB", "559304-1287"),
    ("Teaterkollektivet Ljusgården ekonomisk förening", "769634-2075"),
    ("Signera Digital AB", "556815-5906"),
    ("Söderorts Städ och Service AB", "559402-7160"),
    ("Föreningen Cykla Tillsammans", "802471-9364"),
    ("Elfirma Hagström och Son AB", "556129-3845"),
    ("Larmcentrum Öst AB", "559260-4713"),
]


ASSESSMENT_EVIDENCE = [
    "Nattfastan har kortats från i genomsnitt 14,2 till 10,6 timmar på de tre avdelningarna. Antalet fall nattetid minskade från 23 till 14 under det första halvåret.",
    "Tiden för nyckelhantering har minskat med 35 minuter per dag och grupp. Under året har inga lås behövt bytas på grund av borttappade nycklar, jämfört med 19 låsbyten året innan.",
    "Matsvinnet i skolmatsalen har minskat från 48 till 29 gram per elev och dag, motsvarande 2,1 ton mat och cirka 58 000 kronor på ett läsår.",
    "Andelen brukare som möter fler än tio olika medarbetare på fjorton dagar har sjunkit från 64 till 22 procent. Trygghetsindex i brukarundersökningen ökade med 9 procentenheter.",
    "Meröppet har ökat öppettiden från 35 till 98 timmar i veckan. Antalet besök ökade med 27 procent och utlånen med 12 procent, utan några allvarliga incidenter.",
    "Kostnaden för bemanningsföretag har minskat från 1,2 miljoner till 480 000 kronor per år. Andelen obemannade pass sjönk från 4 till under 1 procent.",
    "Elcyklarna har ersatt två bilar och kört sammanlagt 6 400 kilometer. Parkeringsböterna har upphört helt och besparingen uppgår till 86 000 kronor det första året.",
    "Antalet tömningsturer av papperskorgar har minskat med 32 procent samtidigt som klagomålen om överfulla korgar halverats.",
    "Handläggningstiden för ekonomiskt bistånd har kortats från 19 till 11 dagar. Andelen ofullständiga ansökningar sjönk från 52 till 18 procent.",
    "Vräkningar av barnfamiljer i området har minskat från sju till en under året. Samtliga 41 hushåll som fick hembesök har en fungerande avbetalningsplan.",
    "Ängsmarken omfattar nu 12 hektar. Kostnaden för gräsklippning har minskat med 140 000 kronor per år och inventeringen visar tre gånger fler arter av vildbin.",
    "Andelen samtal till IT-supporten som rör lösenord har minskat från 31 till 9 procent, vilket motsvarar cirka 4,5 heltidstjänster.",
    "Avtalstroheten har ökat från 82 till 91 procent på ett år. Köp utanför avtal har minskat med 37 miljoner kronor.",
    "Varmvattenförbrukningen i de mätta fastigheterna har minskat med 21 procent, och energikostnaden med cirka 1 100 kronor per lägenhet och år.",
    "Antalet leveranser till förskolorna i pilotområdet har minskat från i snitt 14 till 4 per vecka. Koldioxidutsläppen från transporterna beräknas ha minskat med 60 procent.",
    "Cykelställen vid de fem största tunnelbanestationerna har fått 420 lediga platser. Av 610 bortforslade cyklar har 280 renoverats i cykelverkstaden och fått nya ägare.",
    "Andelen kompletta bygglovsansökningar har ökat från 45 till 78 procent och den genomsnittliga handläggningstiden har kortats med tre veckor.",
    "Energianvändningen i simhallen har minskat med 14 procent sedan poolskydden infördes, motsvarande 290 000 kronor per år.",
    "Ljudnivån i förskolans matsal har sjunkit från i genomsnitt 82 till 71 decibel. Två medarbetare som tidigare var sjukskrivna för tinnitus har kunnat gå tillbaka till heltid.",
]


USED_BY = [
    "Alla hemtjänstgrupper i Farsta",
    "Samtliga vård- och omsorgsboenden i Hägersten-Älvsjö",
    "Förskolorna i Spånga-Tensta",
    "Alla grundskolor i söderort",
    "Stadsbibliotekets samtliga filialer",
    "Socialtjänsten i Rinkeby-Kista och Skärholmen",
    "Parkenheterna i Bromma och Skarpnäck",
    "Trafikkontorets stadsmiljöavdelning",
    "Upphandlingsavdelningen och samtliga förvaltningars inköpssamordnare",
    "Alla medarbetare med datorarbetsplats i staden",
    "AB Stockholmshem, AB Svenska Bostäder och AB Familjebostäder",
    "Stockholm Vatten och Avfall, avdelningen för vatten och avlopp",
    "Nattpatrullerna i hela staden",
    "Jobbtorg Stockholm Järva och Söder",
    "Idrottsförvaltningens sju simhallar",
    "Kontaktcenter Stockholm",
    "Bygglovsavdelningen på stadsbyggnadskontoret",
    "Fem stadsdelsförvaltningar i ytterstaden",
    "Äldreförvaltningen och alla stadsdelars äldreomsorg",
]


# ----------------------------------------------------------------------
# Variants
# ----------------------------------------------------------------------

# (place, preposition) as used in Swedish: "i Skärholmen", "på Södermalm".
PLACES = (
    ("Rinkeby", "i"),
    ("Kista", "i"),
    ("Husby", "i"),
    ("Akalla", "i"),
    ("Järva", "i"),
    ("Tensta", "i"),
    ("Hjulsta", "i"),
    ("Spånga", "i"),
    ("Hässelby", "i"),
    ("Vällingby", "i"),
    ("Bromma", "i"),
    ("Blackeberg", "i"),
    ("Kungsholmen", "på"),
    ("Norrmalm", "på"),
    ("Vasastan", "i"),
    ("Östermalm", "på"),
    ("Gärdet", "på"),
    ("Hjorthagen", "i"),
    ("Södermalm", "på"),
    ("Hammarby sjöstad", "i"),
    ("Årsta", "i"),
    ("Enskede", "i"),
    ("Högdalen", "i"),
    ("Rågsved", "i"),
    ("Hagsätra", "i"),
    ("Bandhagen", "i"),
    ("Skarpnäck", "i"),
    ("Bagarmossen", "i"),
    ("Björkhagen", "i"),
    ("Farsta", "i"),
    ("Hökarängen", "i"),
    ("Sköndal", "i"),
    ("Hägersten", "i"),
    ("Fruängen", "i"),
    ("Liljeholmen", "i"),
    ("Älvsjö", "i"),
    ("Skärholmen", "i"),
    ("Bredäng", "i"),
    ("Vårberg", "i"),
    ("Sätra", "i"),
)
_PREP = dict(PLACES)

# Administrations and companies that city-wide ideas can be adapted to ("inom Trafikkontoret").
ORGANISATIONS = (
    "Farsta stadsdelsförvaltning",
    "Skärholmens stadsdelsförvaltning",
    "Södermalms stadsdelsförvaltning",
    "Rinkeby-Kista stadsdelsförvaltning",
    "Hägersten-Älvsjö stadsdelsförvaltning",
    "Bromma stadsdelsförvaltning",
    "Spånga-Tensta stadsdelsförvaltning",
    "Enskede-Årsta-Vantörs stadsdelsförvaltning",
    "Utbildningsförvaltningen",
    "Äldreförvaltningen",
    "Socialförvaltningen",
    "Kulturförvaltningen",
    "Trafikkontoret",
    "Idrottsförvaltningen",
    "Stadsbyggnadskontoret",
    "Exploateringskontoret",
    "Arbetsmarknadsförvaltningen",
    "Fastighetskontoret",
    "Miljöförvaltningen",
    "Serviceförvaltningen",
    "AB Svenska Bostäder",
    "AB Stockholmshem",
    "Stockholm Vatten och Avfall",
)

# Ideas tied to a specific landmark are not moved to another place.
_LANDMARKS = (
    "Magelungen",
    "Rålambshovsparken",
    "Norr Mälarstrand",
    "Flatens",
    "Gullmarsplan",
    "Essingeleden",
    "Fridhemsplan",
)

# How an idea may be adapted: "place" (another part of the city), "org" (another
# administration or company) or "none" (only the hand-written group variants below).
_CITYWIDE_SECTORS = ("procurement", "it", "administration", "environment", "urban_planning")
_SCOPE = {
    "Gemensam introduktion för nyanställda undersköterskor i hela staden": "none",
    "Tydligare besked om förskoleplats vid flytt inom staden": "none",
    "Lättlästa versioner av stadens e-tjänster": "none",
    "Gemensam parkdrift över stadsdelsgränserna": "none",
    "Återbruk av kontorsmöbler vid flytt av förvaltningar": "none",
    "Gemensam jour för felanmälan hos de allmännyttiga bostadsbolagen": "none",
    "Sensorer som visar lediga lastplatser i innerstaden": "none",
    "Samordnade grävtillstånd för att undvika att samma gata grävs upp flera gånger": "none",
    "Digital biljettkö till gratisföreställningar i parkerna": "none",
    "Enklare fakturering för små leverantörer": "none",
    "Sökbar avtalskatalog för alla medarbetare": "none",
    "Gemensam upphandling av tolktjänster för alla förvaltningar": "none",
    "Självservice för lösenordsbyte": "none",
    "En gemensam plattform för stadens e-tjänster": "none",
    "Öppna data om stadens lekplatser och parker": "none",
    "Mina sidor med alla ärenden hos staden samlade": "none",
    "Elbilspool som delas mellan förvaltningarna i samma hus": "none",
    "Luftmätare vid förskolor nära Essingeleden": "none",
    "Klimatbudget med uppföljning per förvaltning": "none",
    "Automatisk kontroll av handlingar i bygglovsansökan": "none",
    "Bokningsbara mötesrum över förvaltningsgränserna": "none",
    "Gemensam introduktion för nya chefer i staden": "none",
    "Kontaktcenter som löser fler ärenden direkt i första samtalet": "none",
    "Digitala nämndhandlingar i stället för papper": "none",
    "Matavfallsinsamling på alla stadens arbetsplatser": "org",
    "Digital egenkontroll för restauranger inför livsmedelsinspektionen": "place",
    "Snabbare behörigheter för vikarier i förskolan": "place",
    "Inloggning för vårdnadshavare utan svenskt BankID": "place",
    "IT-support på plats en dag i veckan i stadsdelen": "place",
    "Gemensam pool med surfplattor till skolans nationella prov": "place",
    "Samordnad varudistribution till stadens verksamheter": "place",
    "Bemannade samråd om detaljplaner på torget": "place",
    "Barn som medforskare i planeringen av nya bostadsområden": "place",
}

# Hand-written target-group adaptations: base title -> (new title, audience, sentence added to the proposal).
_GROUP_VARIANTS = {
    "Digital nattillsyn så att brukare slipper väckas": (
        (
            "Digital nattillsyn på korttidsboendet",
            "Personer som vistas på korttidsboende och nattpersonalen där.",
            "Idén prövas på korttidsboendet, där många gäster är nya och sover oroligt de första nätterna.",
        ),
    ),
    "Balansträning i vardagen för att förebygga fallolyckor": (
        (
            "Balansträning på vård- och omsorgsboenden för att förebygga fallolyckor",
            "Boende på vård- och omsorgsboenden som kan delta i enkel träning.",
            "Övningarna anpassas för vård- och omsorgsboenden och leds av omvårdnadspersonal med stöd av fysioterapeut.",
        ),
        (
            "Balansträning för personer med demenssjukdom som bor hemma",
            "Personer med demenssjukdom som bor hemma och har hemtjänst.",
            "Programmet anpassas för personer med demenssjukdom, med korta instruktioner och bildstöd.",
        ),
    ),
    "Trygghetslarm med automatisk falldetektion": (
        (
            "Trygghetslarm med falldetektion för personer med demenssjukdom",
            "Personer med demenssjukdom som bor ensamma och deras anhöriga.",
            "Larmet kompletteras med en funktion som varnar om personen lämnar bostaden nattetid.",
        ),
    ),
    "Önskeschema i äldreomsorgen för färre delade turer": (
        (
            "Önskeschema för nattpersonalen i äldreomsorgen",
            "Nattpersonal inom hemtjänst och på vård- och omsorgsboenden.",
            "För nattpersonalen läggs schemat i block om tre till fyra nätter i rad.",
        ),
    ),
    "Laga mat och baka tillsammans med de boende": (
        (
            "Laga mat och baka tillsammans med besökarna på dagverksamheten",
            "Besökare på dagverksamhet för personer med demenssjukdom.",
            "Idén prövas på dagverksamheten, där besökarna kan ta med sig det de bakat hem.",
        ),
    ),
    "Tecken som stöd för alla barn i förskolan": (
        (
            "Tecken som stöd på öppna förskolan",
            "Föräldrar och barn som besöker öppna förskolan.",
            "Tecknen lärs också ut till föräldrarna, så att de kan använda dem hemma.",
        ),
    ),
    "Lägre ljudnivå i förskolans matsal": (
        (
            "Lägre ljudnivå på förskolans småbarnsavdelningar",
            "Barn i åldern ett till tre år och deras pedagoger.",
            "Ljudabsorbenter prioriteras i rum där de yngsta barnen sover och leker.",
        ),
    ),
    "Svinnvåg och klasstävling mot matsvinn i skolmatsalen": (
        (
            "Svinnvåg och tävling mot matsvinn i gymnasiets matsal",
            "Elever och måltidspersonal på gymnasiet.",
            "På gymnasiet tävlar programmen mot varandra i stället för klasserna.",
        ),
    ),
    "Rastaktiviteter med rastvärdar för färre konflikter": (
        (
            "Rastaktiviteter med rastvärdar på mellanstadiet",
            "Elever i årskurs 4 till 6.",
            "På mellanstadiet planerar eleverna själva aktiviteterna tillsammans med fritidspedagogerna.",
        ),
    ),
    "Besked om ogiltig frånvaro till vårdnadshavare samma dag": (
        (
            "Besked om ogiltig frånvaro samma dag på gymnasiet",
            "Gymnasieelever och vårdnadshavare till elever under 18 år.",
            "För myndiga elever går meddelandet till eleven själv.",
        ),
    ),
    "Socialsekreterare på plats i skolan en dag i veckan": (
        (
            "Socialsekreterare på plats på fritidsgården en kväll i veckan",
            "Ungdomar som besöker fritidsgården och deras föräldrar.",
            "Mottagningen hålls på fritidsgården kvällstid, när ungdomarna är där.",
        ),
    ),
    "Fältassistenter även på helgkvällar": (
        (
            "Fältassistenter på plats under sommarlovets kvällar",
            "Ungdomar som vistas ute på kvällarna under sommarlovet.",
            "Under sommarlovet utökas insatsen till fyra kvällar i veckan.",
        ),
    ),
    "Bildschema på surfplatta i gruppbostaden": (
        (
            "Bildschema på surfplatta i daglig verksamhet",
            "Deltagare i daglig verksamhet som behöver tydlig struktur.",
            "Schemat följer med deltagaren mellan bostaden och den dagliga verksamheten.",
        ),
    ),
    "Språkcafé för nyanlända på biblioteken": (
        (
            "Språkcafé för nyanlända föräldrar på biblioteken",
            "Föräldrar som lär sig svenska och deras barn.",
            "Barnen har sagostund i rummet bredvid medan föräldrarna samtalar.",
        ),
    ),
    "Öppen idrottshall på fredagskvällar för unga": (
        (
            "Öppen idrottshall på lördagar för tjejer",
            "Flickor mellan 12 och 18 år.",
            "Passen leds av kvinnliga ledare och innehåller även dans och styrketräning.",
        ),
    ),
    "Trygghetsvandringar tillsammans med hyresgästerna": (
        (
            "Trygghetsvandringar tillsammans med unga hyresgäster",
            "Ungdomar som bor i bostadsbolagets områden.",
            "Vandringarna görs tillsammans med fritidsgården, så att ungas perspektiv kommer fram.",
        ),
    ),
    "Digital bokning av tvättstuga och gemensamhetslokal": (
        (
            "Digital bokning av tvättstuga i seniorboendena",
            "Boende i seniorboenden.",
            "Bokningsskärmen får extra stor text och en enkel knapp för att avboka.",
        ),
    ),
    "Kulturskolan på fritidshemmet": (
        (
            "Kulturskolan på fritidsgården för högstadieelever",
            "Ungdomar i årskurs 7 till 9 som besöker fritidsgården.",
            "För de äldre eleverna hålls kurserna på fritidsgården kvällstid.",
        ),
    ),
    "Lånebank för ljud- och scenteknik till föreningar": (
        (
            "Lånebank för ljud- och scenteknik till skolor och fritidsgårdar",
            "Skolor och fritidsgårdar som ordnar konserter och föreställningar.",
            "Skolor och fritidsgårdar får samma möjlighet att låna som föreningarna.",
        ),
    ),
    "QR-kod på lekplatsen för felanmälan": (
        (
            "QR-kod på utegym och spontanidrottsplatser för felanmälan",
            "Besökare på utegym och spontanidrottsplatser.",
            "Samma lösning används på utegym och spontanidrottsplatser.",
        ),
    ),
    "Textilinsamling i tvättstugorna": (
        (
            "Insamling av barnkläder på stadens förskolor",
            "Familjer med barn i förskolan.",
            "Barnkläder som barnen har vuxit ur samlas in på förskolorna och går till återbruk.",
        ),
    ),
    "Sensorer i papperskorgarna så att de töms efter behov": (
        (
            "Sensorer i underjordsbehållarna så att de töms efter behov",
            "Renhållningspersonal och boende i områden med underjordsbehållare.",
            "Samma teknik används i bostadsområdenas underjordsbehållare.",
        ),
    ),
    "Cykelverkstad för arbetsträning med övergivna cyklar": (
        (
            "Cykelverkstad för arbetsträning för unga vuxna",
            "Unga vuxna mellan 18 och 24 år som varken arbetar eller studerar.",
            "Platserna reserveras för unga vuxna, med extra stöd från en ungdomscoach.",
        ),
    ),
}

_TEXT_FIELDS = ("title", "problem", "audience", "proposal", "expected_value")
_MAX_SENTENCES = {"problem": 4, "proposal": 5}

_PLACE_PROBLEM_SENTENCES = (
    "Behovet är särskilt tydligt {prep} {place}, där frågan har lyfts flera gånger under det senaste året.",
    "Samma sak har kommit upp {prep} {place}, både på arbetsplatsträffar och i kontakter med invånare.",
    "{Prep} {place} märks problemet tydligt och flera medarbetare har efterfrågat en lösning.",
)
_PLACE_PROPOSAL_SENTENCES = (
    "Förslaget prövas först {prep} {place}.",
    "Vi vill börja {prep} {place} och sprida arbetssättet om det faller väl ut.",
    "Arbetet anpassas efter förutsättningarna {prep} {place} och följs upp efter ett halvår.",
)
_ORG_PROBLEM_SENTENCES = (
    "Inom {org} har frågan kommit upp flera gånger i ledningsgruppen.",
    "Behovet har lyfts av medarbetare inom {org} under det senaste året.",
)
_ORG_PROPOSAL_SENTENCES = (
    "Förslaget prövas först inom {org}.",
    "Vi föreslår att {org} blir först ut och delar sina erfarenheter med övriga förvaltningar.",
)

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_DISTRICT_IN_TITLE = re.compile(r"\b(i|till) stadsdelen\b")
_DISTRICT_GENITIVE_IN_TITLE = re.compile(r"\bstadsdelens\b")


def _sentence_count(text):
    return len(_SENTENCE_END.findall(text))


def _append_sentence(variant, field, sentence):
    text = variant[field]
    if _sentence_count(text) < _MAX_SENTENCES.get(field, 99):
        variant[field] = f"{text} {sentence}"


def _place_pattern(place):
    return re.compile(r"(?:\b(i|på|I|På) )?\b" + re.escape(place) + r"(s?)\b")


def _places_in(idea):
    text = " ".join(idea[f] for f in _TEXT_FIELDS)
    return [p for p, _ in PLACES if _place_pattern(p).search(text)]


def _move_place(text, old, new):
    def repl(match):
        prep, genitive = match.group(1), match.group(2)
        if genitive:
            return (f"{prep} " if prep else "") + new + "s"
        if prep:
            new_prep = _PREP[new]
            return (new_prep.capitalize() if prep[0].isupper() else new_prep) + " " + new
        return new

    return _place_pattern(old).sub(repl, text)


def _scope(idea):
    default = "org" if idea["sector"] in _CITYWIDE_SECTORS else "place"
    return _SCOPE.get(idea["title"], default)


def _copy(idea):
    copy = dict(idea)
    copy["values"] = list(idea["values"])
    return copy


def _place_variant(base, rng):
    text = " ".join(base[f] for f in _TEXT_FIELDS)
    if any(mark in text for mark in _LANDMARKS):
        return None
    found = _places_in(base)
    if len(found) > 1:
        return None
    place = rng.choice([p for p, _ in PLACES if p not in found])
    prep = _PREP[place]
    variant = _copy(base)
    if found:
        for field in _TEXT_FIELDS:
            variant[field] = _move_place(variant[field], found[0], place)
        if variant["title"] == base["title"]:
            variant["title"] = f"{base['title']} {prep} {place}"
    else:
        title = base["title"]
        if _DISTRICT_IN_TITLE.search(title):
            title = _DISTRICT_IN_TITLE.sub(lambda m: f"{prep if m.group(1) == 'i' else 'till'} {place}", title)
        elif _DISTRICT_GENITIVE_IN_TITLE.search(title):
            title = _DISTRICT_GENITIVE_IN_TITLE.sub(f"{place}s", title)
        else:
            title = f"{title} {prep} {place}"
        variant["title"] = title
        sentence = rng.choice(_PLACE_PROBLEM_SENTENCES)
        _append_sentence(variant, "problem", sentence.format(prep=prep, Prep=prep.capitalize(), place=place))
    sentence = rng.choice(_PLACE_PROPOSAL_SENTENCES)
    _append_sentence(variant, "proposal", sentence.format(prep=prep, place=place))
    return variant


def _org_variant(base, rng):
    org = rng.choice(ORGANISATIONS)
    variant = _copy(base)
    variant["title"] = f"{base['title']} inom {org}"
    _append_sentence(variant, "problem", rng.choice(_ORG_PROBLEM_SENTENCES).format(org=org))
    _append_sentence(variant, "proposal", rng.choice(_ORG_PROPOSAL_SENTENCES).format(org=org))
    return variant


def _group_variant(base, rng):
    options = _GROUP_VARIANTS.get(base["title"])
    if not options:
        return None
    title, audience, sentence = rng.choice(options)
    variant = _copy(base)
    variant["title"] = title
    variant["audience"] = audience
    _append_sentence(variant, "proposal", sentence)
    return variant


def idea_variants(rng, n):
    """Return n idea dicts: the base ideas in order, then adapted variants.

    A variant is a base idea moved to another part of the city, another
    administration, or another target group, with its title and wording
    adjusted. Deterministic for a given ``random.Random`` state; titles are unique.
    """
    result = [_copy(idea) for idea in IDEAS[:n]]
    titles = {idea["title"] for idea in result}
    attempts = 0
    while len(result) < n:
        attempts += 1
        if attempts > 1000 * n:
            raise RuntimeError("could not generate enough unique idea variants")
        base = rng.choice(IDEAS)
        scope = _scope(base)
        if rng.random() < 0.2 or scope == "none":
            variant = _group_variant(base, rng)
        elif scope == "org":
            variant = _org_variant(base, rng)
        else:
            variant = _place_variant(base, rng)
        if variant is None or len(variant["title"]) > 90 or variant["title"] in titles:
            continue
        titles.add(variant["title"])
        result.append(variant)
    return result
