import pytest
from django.utils import timezone

from spread.advice import services
from spread.models import Example, ExampleStatus


def make_example(title: str, *, unit=None, status: str = ExampleStatus.PUBLISHED) -> Example:
    """A good example as the examples' part publishes it (built directly: that part owns its services)."""
    return Example.objects.create(
        title=title,
        unit=unit,
        problem="Personalen letade nycklar varje morgon.",
        what_was_done="Digitala lås i hela hemtjänstgruppen.",
        effect="Tjugo minuter mindre nyckelhantering per dag och person.",
        status=status,
        published_at=timezone.now() if status == ExampleStatus.PUBLISHED else None,
    )


@pytest.fixture
def examples(tree):
    return {
        "locks": make_example("Digitala lås i hemtjänsten", unit=tree["SDF-N-ALD"]),
        "food": make_example("Mindre matsvinn i skolköket", unit=tree["SDF-S-SKO"]),
        "draft": make_example("Ett förslag som inte är publicerat", status=ExampleStatus.PROPOSED),
    }


def ask(person, **kwargs):
    data = {"subject": "Var börjar jag?", "question": "Jag har en idé om digitala lås men vet inte var jag börjar."}
    data.update(kwargs)
    return services.advice_ask(asked_by=person, **data)


@pytest.fixture
def asked(people):
    """Anna (Björkens äldreboende, Norra) asks for advice."""
    return ask(people["employee"])
