"""The questionnaire that ships with Språng: the strategy's survey of administration and company heads (2.3) — the
five success factors and the capability areas, each a statement on a scale of 1–5 with "don't know", and two
free-text questions."""

from __future__ import annotations

from django.db import transaction

from surveys.models import Question, QuestionKind, Questionnaire, QuestionnaireVersion, Theme

SLUG = "innovation-capability"

NAME = ("Innovationsförmåga", "Capacity to innovate")
DESCRIPTION = (
    "Hur väl rustad är din verksamhet för att förnya sig? Enkäten följer upp de fem framgångsfaktorerna i stadens "
    "innovationsstrategi och förmågan inom de områden strategin pekar ut.",
    "How well equipped is your organisation to renew itself? The survey follows up the five success factors of the "
    "city's innovation strategy and the capability in the areas the strategy names.",
)

#: (key, theme, kind, Swedish, English), in the order asked.
QUESTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "strategy",
        Theme.FACTOR,
        QuestionKind.SCALE,
        "Vi har en tydlig strategi och tydliga mål för innovation och utveckling.",
        "We have a clear strategy and clear goals for innovation and development.",
    ),
    (
        "leadership",
        Theme.FACTOR,
        QuestionKind.SCALE,
        "Stadens ledning visar engagemang och driv för innovation.",
        "The city's leadership shows commitment and drive for innovation.",
    ),
    (
        "time",
        Theme.FACTOR,
        QuestionKind.SCALE,
        "Vi har tid avsatt för innovations- och förnyelsearbete.",
        "We have time set aside for innovation and renewal.",
    ),
    (
        "process",
        Theme.FACTOR,
        QuestionKind.SCALE,
        "Vi har en systematisk process för utvecklings- och innovationsarbete.",
        "We have a systematic process for development and innovation.",
    ),
    (
        "expectations",
        Theme.FACTOR,
        QuestionKind.SCALE,
        "Medarbetarna vet vad som förväntas av dem i innovationsarbetet.",
        "Employees know what is expected of them in innovation work.",
    ),
    (
        "ideas-staff",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi tar vara på idéer från medarbetarna.",
        "We make use of ideas from our employees.",
    ),
    (
        "ideas-customers",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi tar vara på idéer från brukare, kunder och invånare.",
        "We make use of ideas from service users, customers and residents.",
    ),
    (
        "ideas-suppliers",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi tar vara på idéer från leverantörer.",
        "We make use of ideas from suppliers.",
    ),
    (
        "ideas-academia",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi tar vara på idéer från universitet och högskolor.",
        "We make use of ideas from universities and colleges.",
    ),
    (
        "ideas-other-units",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi tar vara på idéer från andra förvaltningar och bolag.",
        "We make use of ideas from other administrations and companies.",
    ),
    (
        "user-feedback",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi använder synpunkter från brukare och invånare för att utveckla verksamheten.",
        "We use feedback from service users and residents to develop our services.",
    ),
    (
        "procurement",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi använder upphandling för att få fram nya lösningar.",
        "We use procurement to bring about new solutions.",
    ),
    (
        "digitalisation",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Vi använder digitaliseringens möjligheter för att förnya verksamheten.",
        "We use the possibilities of digitalisation to renew our services.",
    ),
    (
        "leading-renewal",
        Theme.CAPABILITY,
        QuestionKind.SCALE,
        "Cheferna i vår verksamhet leder och uppmuntrar förnyelse.",
        "The managers in our organisation lead and encourage renewal.",
    ),
    (
        "obstacles",
        Theme.OPEN,
        QuestionKind.TEXT,
        "Vad hindrar er mest från att förnya verksamheten?",
        "What holds you back most from renewing your services?",
    ),
    (
        "support",
        Theme.OPEN,
        QuestionKind.TEXT,
        "Vilket stöd skulle hjälpa er att förnya verksamheten?",
        "What support would help you renew your services?",
    ),
)

#: The five success factors' keys: one computed indicator each.
FACTORS = tuple(key for key, theme, *_ in QUESTIONS if theme == Theme.FACTOR)


@transaction.atomic
def default_questionnaire() -> Questionnaire:
    """The shipped questionnaire, with its first version, made the first time it is asked for."""
    questionnaire, created = Questionnaire.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name_sv": NAME[0],
            "name_en": NAME[1],
            "description_sv": DESCRIPTION[0],
            "description_en": DESCRIPTION[1],
        },
    )
    if created or not questionnaire.versions.exists():
        version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
        Question.objects.bulk_create(
            Question(version=version, position=i, key=key, theme=theme, kind=kind, text_sv=sv, text_en=en)
            for i, (key, theme, kind, sv, en) in enumerate(QUESTIONS, start=1)
        )
    return questionnaire
