"""What the demo city's managers wrote in the capacity survey's two free-text questions."""

OBSTACLES = (
    "Vardagen tar all tid. Det finns inget utrymme att pröva nytt när bemanningen är tunn.",
    "Vi vet inte vem som beslutar om en idé ska prövas eller vem som betalar piloten.",
    "Upphandlade avtal låser oss vid gamla lösningar i flera år.",
    "Det är svårt att få tag i rätt kompetens inom digitalisering.",
    "Idéer stannar hos närmaste chef och kommer aldrig vidare.",
    "Vi mäter inte om förändringar gör nytta, så det är svårt att veta vad som ska spridas.",
    "Juridiken kring personuppgifter gör att vi drar oss för att pröva ny teknik.",
    "Rädsla för att misslyckas. Det känns säkrast att göra som vi alltid gjort.",
    "Budgeten är ettårig medan förnyelse tar längre tid än så.",
    "Vi saknar kontakter med högskolor och forskare.",
    "Många projekt samtidigt gör att inget blir klart.",
    "Svårt att frigöra medarbetare från verksamheten för att arbeta med utveckling.",
)

SUPPORT = (
    "En innovationscoach som kan hjälpa oss komma igång med en förstudie.",
    "Tydliga pengar att söka för att pröva en idé i liten skala.",
    "Stöd från upphandling tidigt, innan vi skriver kravspecifikationen.",
    "Exempel från andra förvaltningar som har lyckats, gärna med kontaktperson.",
    "Utbildning för chefer i att leda förändring.",
    "En enkel väg att dela våra idéer med andra stadsdelar.",
    "Avsatt tid i schemat, några timmar i månaden, för förbättringsarbete.",
    "Hjälp att mäta effekter så att vi kan visa vad som fungerar.",
    "Fler tillfällen att träffa leverantörer och höra vad som finns på marknaden.",
    "Stöd från IT för att snabbt pröva digitala verktyg.",
)
