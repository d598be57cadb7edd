"""Swedish full-text search on the database in use (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import pytest

from ideas import selectors
from ideas import services as idea_services
from ideas.models import Visibility
from ideas.selectors import IdeaFilters
from tests import factories


def titles(qs) -> set[str]:
    return {idea.title for idea in qs}


def found(user, q: str, **filters) -> set[str]:
    return titles(selectors.idea_list(user=user, filters=IdeaFilters(q=q, **filters)))


def similar(user, text: str, **kwargs) -> set[str]:
    return titles(selectors.similar_ideas(user=user, text=text, **kwargs))


@pytest.fixture
def ideas(people):
    """A handful of ideas on different subjects, all by one employee."""
    author = people["employee"]
    return {
        "cyklar": factories.idea(
            author=author,
            title="Lånecyklar för hemtjänsten",
            problem="Personalen går långt mellan brukarna och bilarna räcker inte till.",
            audience="Hemtjänstens personal.",
            proposal="Köp in cyklar som personalen kan låna under passet.",
            expected_value="Kortare restid och bättre hälsa.",
            notify_office=False,
        ),
        "cykel": factories.idea(
            author=author,
            title="Verkstad för trasiga saker",
            problem="Trasiga saker slängs i onödan.",
            audience="Alla som bor i stadsdelen.",
            proposal="En verkstad där man kan laga sin cykel med hjälp av frivilliga.",
            expected_value="Mindre avfall.",
            notify_office=False,
        ),
        "aldreboenden": factories.idea(
            author=author,
            title="Sångstunder tillsammans",
            problem="Många boende är ensamma på eftermiddagarna.",
            audience="De boende på stadens äldreboenden.",
            proposal="Körer från kulturskolan besöker äldreboenden varje vecka.",
            expected_value="Gemenskap och glädje.",
            notify_office=False,
        ),
        "biblioteken": factories.idea(
            author=author,
            title="Läxhjälp efter skolan",
            problem="Elever saknar en lugn plats för läxor.",
            audience="Elever i årskurs sju till nio.",
            proposal="Biblioteken håller öppet för läxhjälp på kvällarna.",
            expected_value="Bättre skolresultat.",
            notify_office=False,
        ),
    }


def test_cykel_finds_cyklar(people, ideas):
    assert found(people["employee"], "cykel") == {"Lånecyklar för hemtjänsten", "Verkstad för trasiga saker"}


def test_cyklar_finds_cykel(people, ideas):
    assert "Verkstad för trasiga saker" in found(people["employee"], "cyklar")
    assert found(people["employee"], "cyklar") == found(people["employee"], "cykeln")


def test_aldreboende_finds_aldreboenden(people, ideas):
    assert found(people["employee"], "äldreboende") == {"Sångstunder tillsammans"}
    assert found(people["employee"], "äldreboendet") == {"Sångstunder tillsammans"}


def test_bibliotek_finds_biblioteken(people, ideas):
    assert found(people["employee"], "bibliotek") == {"Läxhjälp efter skolan"}
    assert found(people["employee"], "biblioteket") == {"Läxhjälp efter skolan"}


def test_search_ignores_case(people, ideas):
    assert found(people["employee"], "BIBLIOTEK") == {"Läxhjälp efter skolan"}


def test_query_without_match_returns_nothing(people, ideas):
    assert found(people["employee"], "rymdteleskop") == set()
    assert found(people["employee"], "fotbollsplan") == set()


def test_every_word_of_the_query_must_match(people, ideas):
    assert found(people["employee"], "cyklar verkstad") == {"Verkstad för trasiga saker"}
    assert found(people["employee"], "bibliotek rymdteleskop") == set()


def test_search_combines_with_other_filters(people, ideas):
    idea_services.gate_decide(
        idea=ideas["cyklar"],
        decided_by=people["office"],
        to_stage="closed",
        rationale="Finns redan.",
        closed_reason="duplicate",
    )
    assert found(people["employee"], "cykel", stage="closed") == {"Lånecyklar för hemtjänsten"}
    assert found(people["employee"], "cykel", stage="idea") == {"Verkstad för trasiga saker"}


def test_search_sees_text_changed_after_submission(people, ideas):
    idea = ideas["biblioteken"]
    idea_services.idea_update(
        idea=idea,
        by=people["employee"],
        expected_version=idea.version,
        proposal="Fritidsgårdarna håller öppet för läxhjälp på kvällarna.",
    )
    assert found(people["employee"], "bibliotek") == set()
    assert found(people["employee"], "fritidsgård") == {"Läxhjälp efter skolan"}


def test_relevance_puts_title_matches_first(people, ideas):
    factories.idea(
        author=people["employee"],
        title="Cyklar i tjänsten",
        problem="Tjänsteresor görs med bil.",
        audience="Alla anställda.",
        proposal="Förvaltningen köper in cyklar att boka.",
        expected_value="Mindre utsläpp.",
        notify_office=False,
    )
    results = list(selectors.idea_list(user=people["employee"], filters=IdeaFilters(q="cykel", sort="relevance")))
    assert [r.title for r in results][0] == "Cyklar i tjänsten"
    assert {r.title for r in results} == {
        "Cyklar i tjänsten",
        "Lånecyklar för hemtjänsten",
        "Verkstad för trasiga saker",
    }


def test_search_respects_visibility(people, ideas):
    public = factories.idea(
        author=people["employee"],
        title="Öppna biblioteken på söndagar",
        problem="Biblioteken är stängda när familjer är lediga.",
        audience="Familjer i stadsdelen.",
        proposal="Håll biblioteken öppna på söndagar.",
        expected_value="Fler besökare.",
        visibility=Visibility.PUBLIC,
        public_consent=True,
        notify_office=False,
    )
    assert found(people["employee"], "bibliotek") == {"Läxhjälp efter skolan", public.title}
    assert found(people["resident"], "bibliotek") == {public.title}
    assert found(people["resident"], "cykel") == set()
    assert similar(people["resident"], "bibliotek") == {public.title}


def test_resident_finds_own_internal_idea(people, ideas):
    own = factories.idea(
        author=people["resident"],
        title="Fler bänkar vid biblioteket",
        problem="Det finns ingenstans att sitta.",
        audience="Äldre besökare.",
        proposal="Ställ ut bänkar utanför biblioteken.",
        expected_value="Fler kan ta sig till biblioteket.",
        notify_office=False,
    )
    assert found(people["resident"], "bibliotek") == {own.title}


def test_similar_ideas_match_partial_words(people, ideas):
    employee = people["employee"]
    assert similar(employee, "cyk") == {"Lånecyklar för hemtjänsten", "Verkstad för trasiga saker"}
    assert similar(employee, "äldrebo") == {"Sångstunder tillsammans"}
    assert similar(employee, "bibliot") == {"Läxhjälp efter skolan"}


def test_similar_ideas_ignore_words_no_idea_has(people, ideas):
    assert similar(people["employee"], "biblioteket rymdteleskop") == {"Läxhjälp efter skolan"}


def test_similar_ideas_exclude_the_given_idea(people, ideas):
    result = selectors.similar_ideas(user=people["employee"], text="cykel", exclude=ideas["cyklar"].pk)
    assert [idea.pk for idea in result] == [ideas["cykel"].pk]


def test_similar_ideas_limit_and_short_text(people, ideas):
    assert len(selectors.similar_ideas(user=people["employee"], text="cyklar", limit=1)) == 1
    assert selectors.similar_ideas(user=people["employee"], text="cy") == []
    assert similar(people["employee"], "rymdteleskop") == set()


def test_similar_ideas_put_ideas_with_every_word_first(people, ideas):
    """An older idea with all the words comes before newer ideas that share only one."""
    result = selectors.similar_ideas(user=people["employee"], text="cyklar personalen", limit=5)
    assert result[0].pk == ideas["cyklar"].pk
