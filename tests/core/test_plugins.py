"""Each app declares what it adds (pages, API routers, menu links, start page, indicators, datasets, restore
steps) in its own modules; the project's centre lists no app, and what it builds from them is unchanged."""

from __future__ import annotations

import re
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.urls import URLResolver, get_resolver, reverse

from core import plugins, start_page, tasks_registry
from governance.indicators import COMPUTATIONS, Figure, computation, computation_choices
from opendata.datasets import DATASETS, Dataset, declare
from procurement.models import ProcurementRoute
from surveys.rounds.default import FACTORS

# -- pages and API routers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("namespace", "prefix"),
    [("ideas", "/ideas/"), ("opendata", "/opendata/"), ("governance", "/governance/"), ("calls", "/calls/")],
)
def test_each_apps_pages_are_served_under_the_prefix_its_config_names(namespace, prefix):
    resolver = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == namespace)
    names = [p.name for p in resolver.url_patterns if getattr(p, "name", None) and "<" not in str(p.pattern)]
    assert names, namespace
    for name in names:
        assert reverse(f"{namespace}:{name}").startswith(prefix)


def test_the_api_has_every_apps_routers_in_the_same_order(client):
    paths = list(client.get("/api/v1/openapi.json").json()["paths"])
    prefixes = list(dict.fromkeys(path.split("/")[3] for path in paths))
    assert prefixes == [
        "ideas",
        "units",
        "opendata",
        "examples",
        "adoptions",
        "events",
        "needs",
        "challenges",
        "openlab",
        "procurement",
        "calls",
        "applications",
        "surveys",
        "courses",
        "learning",
    ]


def test_an_app_adds_pages_and_routers_by_naming_them_in_its_config(monkeypatch):
    fake = SimpleNamespace(urls=("fake/", "core.urls"), api_routers=(("/fake", "organisation.api.router"),), position=1)
    monkeypatch.setattr(plugins.apps, "get_app_configs", lambda: [SimpleNamespace(), fake])
    [resolver] = plugins.app_urls()
    assert str(resolver.pattern) == "fake/"
    from organisation.api import router

    assert plugins.api_routers() == [("/fake", router)]


def test_an_app_may_add_pages_under_several_prefixes(monkeypatch):
    fake = SimpleNamespace(urls=(("fake/", "core.urls"), ("other/v2/", "organisation.scim.urls")), position=1)
    monkeypatch.setattr(plugins.apps, "get_app_configs", lambda: [fake])
    assert [str(r.pattern) for r in plugins.app_urls()] == ["fake/", "other/v2/"]


# -- the main menu --------------------------------------------------------------------------------


def _menu(client) -> list[tuple[str, str, bool]]:
    html = client.get(reverse("ideas:list")).content.decode()
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    items = re.findall(
        r'<li class="([^"]*)"><a class="govuk-service-navigation__link" href="([^"]*)"[^>]*>(.*?)</a>', nav
    )
    return [(href, re.sub(r"<[^>]+>", "", text).strip(), "--active" in cls) for cls, href, text in items]


@pytest.mark.django_db
def test_everyone_sees_start_ideas_new_idea_and_calls_with_the_current_page_marked(client):
    # Signed out, the market dialogues too (a link for suppliers that a supplier without an account finds).
    assert _menu(client) == [
        ("/", "Start", False),
        ("/ideas/", "Idéer", True),
        ("/ideas/new/", "Ny idé", False),
        ("/challenges/", "Utmaningar", False),
        ("/procurement/rfi/", "Marknadsdialoger", False),
        ("/calls/", "Utlysningar", False),
        ("/spread/examples/", "Goda exempel", False),
    ]


@pytest.mark.django_db
def test_the_director_also_sees_triage_pipeline_lessons_follow_up_and_surveys_in_that_order(client, people):
    client.force_login(people["director"])
    assert [(href, label) for href, label, _active in _menu(client)] == [
        ("/", "Start"),
        ("/ideas/", "Idéer"),
        ("/ideas/new/", "Ny idé"),
        ("/challenges/", "Utmaningar"),
        ("/calls/", "Utlysningar"),
        ("/spread/examples/", "Goda exempel"),
        ("/challenges/needs/", "Behov"),
        ("/challenges/openlab/", "OpenLab"),
        ("/procurement/", "Upphandling"),
        (reverse("ideas:triage"), "Mottagning"),
        (reverse("ideas:pipeline"), "Idéflöde"),
        (reverse("ideas:lessons"), "Lärdomar"),
        (reverse("governance:dashboard"), "Uppföljning"),
        (reverse("surveys:rounds"), "Enkäter"),
        (reverse("learning:catalogue"), "Lärande"),
        (reverse("learning:my_record"), "Mitt lärande"),
    ]


@pytest.mark.django_db
def test_a_resident_sees_no_link_that_needs_a_permission(client, people):
    client.force_login(people["resident"])
    assert [href for href, _label, _active in _menu(client)] == [
        "/",
        "/ideas/",
        "/ideas/new/",
        "/challenges/",
        "/calls/",
        "/spread/examples/",
    ]


@pytest.fixture
def declared_link():
    tasks_registry.menu_links(None)  # the apps' own links first
    tasks_registry.link("fake", label="Fake", url_name="core:privacy", permission="ideas.view_triage", position=42)
    yield
    tasks_registry._links.withdraw("fake")


@pytest.mark.django_db
def test_a_link_an_app_declares_comes_in_its_place_for_those_with_its_permission(declared_link, people):
    urls = [e.url for e in tasks_registry.menu_links(people["office"])]
    assert urls.index(reverse("core:privacy")) == urls.index("/calls/") + 1
    assert reverse("core:privacy") not in [e.url for e in tasks_registry.menu_links(people["employee"])]


# -- the start page -------------------------------------------------------------------------------


@pytest.fixture
def declared_section():
    list(start_page._sections)  # the apps' own parts first
    start_page.section("fake", position=99)(lambda request: {"fake_figure": 7})
    yield
    start_page._sections.withdraw("fake")


@pytest.mark.django_db
def test_the_start_page_shows_what_the_apps_give_it(client, declared_section):
    context = client.get("/").context
    assert context["fake_figure"] == 7
    assert set(context["counts"]) >= {"total", "pilots", "implemented", "waiting"}  # from ideas/start_page.py


# -- indicators and datasets ------------------------------------------------------------------------


def test_the_computed_indicators_come_from_ideas_and_calls_in_the_same_order():
    assert list(COMPUTATIONS) == [
        "ideas_per_thousand",
        "answered_in_time",
        "reached_pilot",
        "realised_innovations",
        "external_share",
        "challenge_answer_share",
        "median_days_idea",
        "median_days_prestudy",
        "median_days_pilot",
        "median_days_implementation",
        "call_applications",
        "granted_funding",
        "funded_share",
        "adoptions_by_other_units",
        "procurement_cases_made",
        *(f"procurement_route_{route}" for route in ProcurementRoute.values),
        "procurement_cases_concluded",
        "procurement_innovation_share",
        "supplier_proposals_answered_in_time",
        "procurement_dialogues_opened",
        "procurement_tenders_linked",
        "procurement_cases_closed",
        *(f"survey_factor_{factor}" for factor in FACTORS),
        "employee_survey_innovation_mean",
        "intro_module_share",
        "leadership_module_share",
        "talks_innovation_share",
        "ideas_after_learning",
        "ideas_without_learning",
    ]
    assert COMPUTATIONS["funded_share"].compute.__module__ == "calls.indicators"
    assert COMPUTATIONS["reached_pilot"].compute.__module__ == "ideas.indicators"


@pytest.fixture
def declared_computation():
    list(COMPUTATIONS)

    def nothing(start: datetime, end: datetime) -> dict[int, Figure]:
        return {}

    computation("fake", label="Fake", description="Fake", measure="count", direction="higher", position=15)(nothing)
    yield
    COMPUTATIONS.withdraw("fake")


def test_a_computation_an_app_declares_is_offered_in_its_place(declared_computation):
    keys = [key for key, _label in computation_choices()]
    assert keys.index("fake") == keys.index("ideas_per_thousand") + 1
    with pytest.raises(ValueError, match="fake"):
        computation("fake", label="", description="", measure="count", direction="higher")(lambda s, e: {})


def test_the_open_datasets_are_the_indicators_then_the_ideas_declared_by_ideas():
    assert list(DATASETS) == ["indicators", "ideas", "examples", "challenges", "market_dialogues", "survey_results"]
    assert type(DATASETS["ideas"]).__module__ == "opendata.datasets"
    from ideas.datasets import IDEAS

    assert DATASETS["ideas"] is IDEAS


def test_a_dataset_an_app_declares_is_published_after_those_before_its_position():
    list(DATASETS)
    fake = Dataset(
        key="fake", title="Fake", description="", keywords=(), columns=(), rows=list, periods=lambda **kw: []
    )
    declare(fake, position=15)
    try:
        assert list(DATASETS) == [
            "indicators",
            "fake",
            "ideas",
            "examples",
            "challenges",
            "market_dialogues",
            "survey_results",
        ]
    finally:
        DATASETS.withdraw("fake")


# -- an idea's timeline ---------------------------------------------------------------------------


def test_the_calls_add_the_funding_to_an_ideas_timeline_from_their_own_module():
    from ideas import timeline

    [funding] = [p for p in timeline.parts() if p.key == "funding"]
    assert funding.entries.__module__ == "calls.timeline"
