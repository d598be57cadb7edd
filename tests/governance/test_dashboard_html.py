"""The dashboard's table of every indicator, unit by unit, draws what the template drew cell by cell before."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.template import engines
from django.utils import timezone

from ideas.models import Idea
from tests import factories

pytestmark = pytest.mark.django_db

#: The table's rows as the page drew them before ``bare_figures``: a lookup and a filter per cell.
BEFORE = engines["django"].from_string(
    "{% load governance_tags core_tags %}"
    '{% for row in board.rows %}<tr class="govuk-table__row">\n'
    '    <th scope="row" class="govuk-table__header">{% if row.has_children %}<a class="govuk-link" '
    "href=\"?{% query_with unit=row.unit.pk kind='' %}\">{{ row.unit.name }}</a>{% else %}{{ row.unit.name }}"
    '{% endif %}<br><span class="govuk-body-s">{{ row.unit.get_kind_display }}</span></th>\n'
    "    {% for indicator in board.indicators %}{% with value=row.values|get_item:indicator.pk %}"
    '<td class="govuk-table__cell govuk-table__cell--numeric">{{ value.value|bare_figure:indicator }}</td>'
    "{% endwith %}{% endfor %}\n"
    "  </tr>{% endfor %}"
)


@pytest.fixture
def ideas_of_2024(people, tree):
    """Ideas in two administrations, received in 2024: the period the pages below show."""
    for n, code in enumerate(["SDF-N-ALD-1", "SDF-N-ALD-1", "SDF-S", "SDF-N-ALD-1", "SDF-S"]):
        idea = factories.idea(author=people["employee"], unit=tree[code], title=f"Idé {n} om cyklar")
        received = datetime(2024, 2 + n, 3, 10, tzinfo=timezone.get_current_timezone())
        Idea.objects.filter(pk=idea.pk).update(created_at=received, answered_at=received if n % 2 else None)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "query",
    ["?year=2024&period=VB", "?year=2024&period=T2&kind=district_administration", "?year=2024&period=VB&unit=SDF-N"],
)
def test_the_dashboards_table_draws_what_it_drew_cell_by_cell(
    client, rf, people, tree, indicators, ideas_of_2024, language, query
):
    client.force_login(people["director"])
    client.cookies["django_language"] = language
    query = query.replace("SDF-N", str(tree["SDF-N"].pk))
    response = client.get("/governance/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    table = html.index('id="all-figures"')
    drawn = html[html.index('<tbody class="govuk-table__body">', table) :]
    drawn = drawn[len('<tbody class="govuk-table__body">') : drawn.index("</tbody>")]
    request = rf.get("/governance/" + query)
    before = BEFORE.render({"board": response.context["board"]}, request)
    assert drawn == before
    assert any(figure not in ("–", "0") for figure in _cells(drawn))  # figures, not only dashes


def _cells(html: str) -> list[str]:
    marker = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    return [part.split("</td>", 1)[0] for part in html.split(marker)[1:]]
