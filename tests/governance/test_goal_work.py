"""The work that serves goals (ADR 0031): the kinds declared by the apps, tagging, the goal view, the dashboard
and the report form."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from calls.models import Call
from challenges.models import Need
from core.errors import ConflictError, DomainError, PermissionDeniedError
from governance import goal_work, selectors, services
from governance.models import GoalLink
from ideas.lock import Stage
from ideas.models import Idea
from organisation.models import User
from tests import factories
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Digital nyckel till boendet")


def _form_data(page_html: str) -> dict[str, str]:
    """What the tag page's form sends as it stands: its hidden fields and its ticked boxes."""
    import re

    form = page_html[page_html.index('<form method="post"') :]
    form = form[: form.index("</form>")]
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name:
            continue
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        data.setdefault(name.group(1), []).append(value.group(1) if value else "")
    return data  # type: ignore[return-value]


def _goal_box(page_html: str, goal) -> str:
    """The checkbox of ``goal`` on the tag page (its value)."""
    assert f'value="{goal.pk}"' in page_html
    return str(goal.pk)


# --- the registry ------------------------------------------------------------------------


def test_apps_declare_their_kinds_of_work():
    keys = [kind.key for kind in goal_work.kinds()]
    assert keys[:4] == ["idea", "need", "challenge", "call"]
    assert goal_work.kind("idea").model is Idea
    assert goal_work.kind("nothing") is None


def test_a_kind_is_found_from_its_row(idea):
    assert goal_work.kind_of(idea).key == "idea"
    assert goal_work.kind_of(idea.unit) is None


def test_the_goal_links_know_no_app_whose_work_serves_goals():
    import ast
    from pathlib import Path

    for path in (
        Path("governance/goal_work.py"),
        Path("governance/templatetags/goal_links.py"),
        Path("governance/migrations/0004_goal_link.py"),
    ):
        tree = ast.parse(path.read_text())
        names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {n for n in names if n.split(".")[0] in ("ideas", "calls", "challenges")}, path


# --- services ------------------------------------------------------------------------------


def test_the_office_ties_an_idea_to_goals_and_the_audit_log_has_it(people, goals, idea):
    chosen = services.goal_links_set(
        thing=idea, by=people["office"], goals=[goals["city"], goals["north"]], expected=[], year=2026
    )
    assert {g.pk for g in chosen} == {goals["city"].pk, goals["north"].pk}
    assert {g.pk for g in selectors.goals_of(idea)} == {goals["city"].pk, goals["north"].pk}
    link = GoalLink.objects.get(goal=goals["city"])
    assert link.tagged_by == people["office"]
    assert LogEntry.objects.get_for_object(link).filter(action=LogEntry.Action.CREATE).get().actor == people["office"]
    services.goal_links_set(
        thing=idea,
        by=people["office"],
        goals=[goals["north"]],
        expected=[goals["city"].pk, goals["north"].pk],
        year=2026,
    )
    assert [g.pk for g in selectors.goals_of(idea)] == [goals["north"].pk]
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(GoalLink), action=LogEntry.Action.DELETE
    ).exists()


def test_an_employee_who_does_not_decide_on_the_idea_may_not_tie_it(people, goals, idea):
    for who in ("employee", "colleague", "other_office", "resident"):
        with pytest.raises(PermissionDeniedError):
            services.goal_links_set(thing=idea, by=people[who], goals=[goals["city"]], expected=[], year=2026)
    assert not GoalLink.objects.exists()


def test_links_saved_meanwhile_are_not_overwritten(people, goals, idea):
    services.goal_links_set(thing=idea, by=people["manager"], goals=[goals["north"]], expected=[], year=2026)
    with pytest.raises(ConflictError) as caught:
        services.goal_links_set(thing=idea, by=people["office"], goals=[goals["city"]], expected=[], year=2026)
    assert caught.value.field == "goals"
    assert [g.pk for g in selectors.goals_of(idea)] == [goals["north"].pk]


def test_a_goal_of_another_committee_or_of_long_ago_is_refused(people, tree, goals, idea):
    south = services.goal_create(
        by=people["director"], year=2026, unit=tree["SDF-S"], parent=goals["city"], title="Södras mål"
    )
    old = services.goal_create(by=people["director"], year=2020, unit=tree["CITY"], title="Ett gammalt mål")
    for goal in (south, old):
        with pytest.raises(DomainError) as caught:
            services.goal_links_set(thing=idea, by=people["office"], goals=[goal], expected=[], year=2026)
        assert caught.value.field == "goals"
        assert "kan inte väljas här" in caught.value.message


def test_the_goals_offered_are_the_citys_and_those_over_the_unit_this_year_and_last(people, tree, goals):
    south = services.goal_create(
        by=people["director"], year=2026, unit=tree["SDF-S"], parent=goals["city"], title="Södras mål"
    )
    last_year = services.goal_create(by=people["director"], year=2025, unit=tree["CITY"], title="Förra årets mål")
    offered = set(selectors.offered_goals(unit=tree["SDF-N-ALD-1"], year=2026))
    assert {goals["city"], goals["north"], last_year} <= offered
    assert south not in offered
    assert south in set(selectors.offered_goals(unit=None, year=2026))  # a call is the whole city's


# --- the tag page, as a browser uses it ------------------------------------------------------------


def test_the_tag_page_shows_the_goals_and_saves_the_ticked_ones(client, people, goals, idea):
    client.force_login(people["office"])
    detail = client.get(idea.get_absolute_url()).content.decode()
    url = reverse("governance:work_goals", args=["idea", idea.pk])
    assert url in detail  # the idea's page links to it
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    data = _form_data(html)
    data["goals"] = [_goal_box(html, goals["city"])]
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert [g.pk for g in selectors.goals_of(idea)] == [goals["city"].pk]
    shown = client.get(idea.get_absolute_url()).content.decode()
    assert goals["city"].title in shown and reverse("governance:goal_work", args=[goals["city"].pk]) in shown


def test_the_tag_page_keeps_the_choice_when_someone_saved_meanwhile(client, people, goals, idea):
    client.force_login(people["office"])
    url = reverse("governance:work_goals", args=["idea", idea.pk])
    html = client.get(url).content.decode()
    data = _form_data(html)
    data["goals"] = [str(goals["city"].pk)]
    services.goal_links_set(thing=idea, by=people["manager"], goals=[goals["north"]], expected=[], year=2026)
    response = client.post(url, data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Någon annan ändrade målen" in body
    # The person's own choice is still ticked, and the goals saved meanwhile are named.
    assert response.context["form"]["goals"].value() == [str(goals["city"].pk)]
    assert goals["north"].title in body
    assert _form_data(body)["expected"] == [str(goals["north"].pk)]
    # Saving again, on top of what was saved meanwhile, keeps both people's choice when they tick both.
    again = _form_data(body)
    again["goals"] = [str(goals["city"].pk), str(goals["north"].pk)]
    assert client.post(url, again).status_code == 302
    assert {g.pk for g in selectors.goals_of(idea)} == {goals["city"].pk, goals["north"].pk}


def test_the_tag_page_searches_the_goals(client, people, goals, idea):
    client.force_login(people["office"])
    url = reverse("governance:work_goals", args=["idea", idea.pk])
    html = client.get(url, {"q": "enhet"}).content.decode()
    assert goals["north"].title in html and goals["city"].title not in html


def test_the_tag_page_is_refused_to_those_who_may_not_tag(client, people, goals, idea):
    url = reverse("governance:work_goals", args=["idea", idea.pk])
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"goals": [goals["city"].pk], "expected": ""}).status_code == 403
    assert client.get(reverse("governance:work_goals", args=["nothing", idea.pk])).status_code == 404


def test_a_call_is_tied_to_goals_from_its_page(client, people, goals, tree):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    call = factories.quality_award(
        by=people["director"],
        chair=people["office"],
        classes=("A",),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        year=2026,
    )
    client.force_login(people["director"])
    assert (
        reverse("governance:work_goals", args=["call", call.pk]) in client.get(call.get_absolute_url()).content.decode()
    )
    services.goal_links_set(thing=call, by=people["director"], goals=[goals["north"]], expected=[], year=2026)
    assert [g.pk for g in selectors.goals_of(Call.objects.get(pk=call.pk))] == [goals["north"].pk]


# --- the goal view, the dashboard and the report form ---------------------------------------------------


def _tag(thing, goal, by):
    services.goal_links_set(
        thing=thing, by=by, goals=[goal], expected=[g.pk for g in selectors.goals_of(thing)], year=2026
    )


def test_the_goal_view_counts_the_work_by_how_far_it_has_come(client, people, goals):
    ideas = [factories.idea(author=people["employee"], title=f"Idé {n}") for n in range(3)]
    factories.move(ideas[0], by=people["office"], to=Stage.PRESTUDY)
    for idea in ideas:
        _tag(idea, goals["city"], people["office"])
    need = routed_need(writer=people["manager"], office=people["office"])
    _tag(need, goals["city"], people["office"])
    client.force_login(people["director"])
    response = client.get(reverse("governance:goal_work", args=[goals["city"].pk]))
    assert response.status_code == 200
    work = {count.kind.key: count for count in response.context["work"]}
    assert work["idea"].total == 3 and dict(work["idea"].stages) == {Stage.IDEA.label: 2, Stage.PRESTUDY.label: 1}
    assert work["need"].total == 1 and work["need"].done == 1
    html = response.content.decode()
    assert "Idé 0" in html and need.title in html


def test_the_goal_view_reads_a_fixed_number_of_queries(client, people, goals, django_assert_max_num_queries):
    client.force_login(people["director"])
    url = reverse("governance:goal_work", args=[goals["city"].pk])
    client.get(url)  # content types and the session, once
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(6):
        _tag(factories.idea(author=people["employee"], title=f"Idé {n}"), goals["city"], people["office"])
        _tag(write_need(people["manager"], title=f"Behov {n}"), goals["city"], people["manager"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_internal_work_is_not_shown_to_those_who_may_not_read_it(client, people, tree, goals):
    draft = write_need(people["manager"], title="Ett utkast till behov")
    _tag(draft, goals["north"], people["manager"])
    # An employee of another administration does not read Norra's draft need through the goal view.
    client.force_login(people["colleague"])
    response = client.get(reverse("governance:goal_work", args=[goals["north"].pk]))
    assert response.status_code == 200
    assert "Ett utkast till behov" not in response.content.decode()
    assert {c.kind.key: c.total for c in response.context["work"]}["need"] == 0
    dashboard = client.get(reverse("governance:dashboard"), {"year": 2026, "unit": tree["SDF-N"].pk})
    rows = dict(dashboard.context["goal_rows"])
    assert {c.kind.key: c.total for c in rows[goals["north"]]}["need"] == 0
    # The writer sees it.
    client.force_login(people["manager"])
    assert (
        "Ett utkast till behov"
        in client.get(reverse("governance:goal_work", args=[goals["north"].pk])).content.decode()
    )
    # A resident reads no goal view at all.
    client.force_login(people["resident"])
    assert client.get(reverse("governance:goal_work", args=[goals["north"].pk])).status_code == 403


def test_the_rules_filters_are_twins_of_the_view_rules(people, goals):
    need = write_need(people["manager"], title="Utkast")
    sent = routed_need(writer=people["manager"], office=people["office"], title="Skickat")
    kind = goal_work.kind("need")
    for who, person in people.items():
        readable = set(Need.objects.filter(kind.readable(person)).values_list("pk", flat=True))
        for row in (need, sent):
            assert (row.pk in readable) == person.has_perm("challenges.view_need", row), (who, row)
    idea = factories.idea(author=people["employee"])
    ideas_kind = goal_work.kind("idea")
    for who, person in people.items():
        assert Idea.objects.filter(ideas_kind.readable(person), pk=idea.pk).exists() == person.has_perm(
            "ideas.view_idea", idea
        ), who


def test_the_goal_page_links_to_its_work(client, people, goals):
    client.force_login(people["employee"])
    html = client.get(reverse("governance:goal", args=[goals["city"].pk])).content.decode()
    assert reverse("governance:goal_work", args=[goals["city"].pk]) in html


def test_the_dashboard_shows_the_work_beside_each_goal(client, people, tree, goals):
    south = services.goal_create(
        by=people["director"], year=2026, unit=tree["SDF-S"], parent=goals["city"], title="Södras mål"
    )
    _tag(factories.idea(author=people["employee"]), goals["north"], people["office"])
    _tag(factories.idea(author=people["employee"]), goals["city"], people["office"])
    client.force_login(people["director"])
    # The whole city: the city's goals.
    response = client.get(reverse("governance:dashboard"), {"year": 2026})
    rows = dict(response.context["goal_rows"])
    assert list(rows) == [goals["city"]]
    assert {c.kind.key: c.total for c in rows[goals["city"]]}["idea"] == 1
    assert reverse("governance:goal_work", args=[goals["city"].pk]) in response.content.decode()
    # One administration: its own goals under the city's, not another's.
    response = client.get(reverse("governance:dashboard"), {"year": 2026, "unit": tree["SDF-N"].pk})
    rows = dict(response.context["goal_rows"])
    assert list(rows) == [goals["city"], goals["north"]] and south not in rows
    assert {c.kind.key: c.total for c in rows[goals["north"]]}["idea"] == 1
    assert reverse("governance:goal_work", args=[goals["north"].pk]) in response.content.decode()


def test_the_dashboards_goal_table_reads_one_query_per_kind_of_work(people, tree, goals, django_assert_num_queries):
    selectors.goals_with_work(year=2026, user=people["director"], unit=tree["SDF-N"])  # content types, once
    for n in range(4):
        services.goal_create(
            by=people["manager"], year=2026, unit=tree["SDF-N"], parent=goals["city"], title=f"Mål {n}"
        )
        _tag(factories.idea(author=people["employee"], title=f"Idé {n}"), goals["north"], people["office"])
    director = User.objects.get(pk=people["director"].pk)  # its roles not yet read
    # The goals, the director's roles (the needs' and challenges' filters), then one query per kind.
    with django_assert_num_queries(2 + len(goal_work.kinds())):
        rows = selectors.goals_with_work(year=2026, user=director, unit=tree["SDF-N"])
    assert len(rows) == 6


def test_the_report_writer_sees_the_work_beside_each_goal(client, people, goals, report):
    _tag(factories.idea(author=people["employee"]), goals["north"], people["office"])
    client.force_login(people["manager"])
    response = client.get(report.get_absolute_url())
    html = response.content.decode()
    assert reverse("governance:goal_work", args=[goals["north"].pk]) in html
    counts = response.context["goal_work"][goals["north"].pk]
    assert {c.kind.key: c.total for c in counts}["idea"] == 1


def test_the_personal_data_of_a_tagger(people, goals):
    from governance.personal_data import goal_links

    idea = factories.idea(author=people["employee"])
    _tag(idea, goals["city"], people["office"])
    assert goal_links(people["office"]) == [
        {
            "goal": goals["city"].pk,
            "goal_title": goals["city"].title,
            "work": "ideas.idea",
            "work_id": idea.pk,
            "tagged": GoalLink.objects.get().created_at.isoformat(),
        }
    ]


def test_the_ideas_api_gives_the_goals_an_idea_serves_to_the_staff(client, people, goals):
    idea = factories.idea(author=people["employee"], visibility="public")
    _tag(idea, goals["city"], people["office"])
    client.force_login(people["colleague"])
    body = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert body["goals"] == [
        {
            "id": goals["city"].pk,
            "title": goals["city"].title,
            "year": 2026,
            "city_goal": True,
            "unit_name": goals["city"].unit.name,
        }
    ]
    client.force_login(people["resident"])
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["goals"] == []


def test_the_calls_filter_is_the_twin_of_their_view_rule(people):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    call = factories.quality_award(
        by=people["director"],
        chair=people["office"],
        classes=("A",),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        year=2026,
    )
    draft = Call.objects.filter(pk=call.pk)
    draft.update(published=False)
    kind = goal_work.kind("call")
    for who, person in people.items():
        for published in (False, True):
            draft.update(published=published)
            row = Call.objects.get(pk=call.pk)
            assert Call.objects.filter(kind.readable(person), pk=call.pk).exists() == person.has_perm(
                "calls.view_call", row
            ), (who, published)
