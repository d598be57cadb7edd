"""The adoption pages: adopt, record steps, the lists, an example's spread, and the way in from an idea."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from spread.adoptions import services
from spread.models import Adoption, AdoptionState
from tests import factories
from tests.spread.adoptions.conftest import days_ago, make_example

pytestmark = pytest.mark.django_db


def start(example, unit, by, **kw):
    return services.adoption_start(
        example=example, unit=unit, by=by, start_date=days_ago(10), changes="Vi gör så här.", **kw
    )


def test_a_manager_adopts_through_the_form_as_a_browser_sends_it(client, example, tree, south_manager):
    client.force_login(south_manager)
    page = client.get(reverse("spread:adopt", args=[example.pk]))
    assert page.status_code == 200
    assert f'value="{tree["SDF-S-SKO"].pk}"' in page.text
    assert f'value="{tree["SDF-N"].pk}"' not in page.text  # only the units they lead
    response = client.post(
        reverse("spread:adopt", args=[example.pk]),
        {"unit": tree["SDF-S-SKO"].pk, "start_date": days_ago(3).isoformat(), "changes": "Låsen i skolan."},
    )
    adoption = Adoption.objects.get()
    assert response.status_code == 302 and response.url == adoption.get_absolute_url()
    assert adoption.unit == tree["SDF-S-SKO"] and adoption.changes == "Låsen i skolan."


def test_a_refused_adoption_keeps_what_was_typed_and_names_the_field(client, example, tree, south_manager):
    start(example, tree["SDF-S-SKO"], south_manager)
    client.force_login(south_manager)
    response = client.post(
        reverse("spread:adopt", args=[example.pk]),
        {"unit": tree["SDF-S-SKO"].pk, "start_date": days_ago(3).isoformat(), "changes": "Mitt långa svar."},
    )
    assert response.status_code == 200
    assert "already adopting" in response.text and "Mitt långa svar." in response.text
    empty = client.post(reverse("spread:adopt", args=[example.pk]), {"unit": "", "start_date": "", "changes": ""})
    assert "Choose the unit that is adopting the example." in empty.text
    assert "Enter the start date." in empty.text
    assert Adoption.objects.count() == 1


def test_a_leader_of_the_examples_own_part_sees_why_none_of_their_units_can_adopt(client, example, people):
    client.force_login(people["manager"])  # manager of Norra, where the example comes from
    page = client.get(reverse("spread:adopt", args=[example.pk]))
    assert page.status_code == 200 and "comes from your own part of the organisation" in page.text


def test_the_step_form_moves_it_on_and_a_conflict_keeps_the_input(client, example, tree, south_manager, people):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    client.force_login(south_manager)
    page = client.get(adoption.get_absolute_url())
    assert page.status_code == 200 and 'name="to_state"' in page.text
    url = reverse("spread:adoption_step", args=[adoption.pk])
    data = {
        "version": adoption.version,
        "to_state": "in_use",
        "on": days_ago(1).isoformat(),
        "note": "",
        "evidence": "",
    }
    missing = client.post(url, data)
    assert missing.status_code == 400 and "Describe the evidence" in missing.text
    services.adoption_step(
        adoption=Adoption.objects.get(pk=adoption.pk),
        by=people["other_office"],
        expected_version=adoption.version,
        to_state="trying",
        on=days_ago(2),
    )
    data["evidence"] = "Vi mätte tiden."
    conflict = client.post(url, data)
    assert conflict.status_code == 409 and "Vi mätte tiden." in conflict.text
    fresh = Adoption.objects.get(pk=adoption.pk)
    data["version"] = fresh.version
    done = client.post(url, data)
    assert done.status_code == 302
    assert Adoption.objects.get(pk=adoption.pk).state == AdoptionState.IN_USE


def test_outsiders_get_no_adoption(client, example, tree, south_manager, people):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    pages = [
        reverse("spread:adoptions"),
        adoption.get_absolute_url(),
        reverse("spread:adopt", args=[example.pk]),
        reverse("spread:example_spread", args=[example.pk]),
    ]
    for person in (people["resident"], people["supplier"]):
        client.force_login(person)
        for url in pages:
            assert client.get(url).status_code == 403, url
    client.logout()
    for url in pages:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(people["colleague"])  # staff who leads nothing: reads, may not adopt or step
    assert client.get(adoption.get_absolute_url()).status_code == 200
    assert 'name="to_state"' not in client.get(adoption.get_absolute_url()).text
    assert client.get(reverse("spread:adopt", args=[example.pk])).status_code == 403
    step = client.post(reverse("spread:adoption_step", args=[adoption.pk]), {"to_state": "trying"})
    assert step.status_code == 403


def test_the_lists_show_ours_and_of_ours_with_filters(client, example, tree, south_manager, people):
    mine = start(example, tree["SDF-S-SKO"], south_manager)
    other = make_example(unit=tree["SDF-S"], title="Läxhjälp på biblioteket")
    theirs = start(other, tree["SDF-N-ALD-1"], people["manager"])
    client.force_login(south_manager)
    ours = client.get(reverse("spread:adoptions"))
    assert mine.example.title in ours.text and other.title not in ours.text
    client.force_login(people["office"])  # Norra's office: Björkens example is theirs
    of_ours = client.get(reverse("spread:adoptions") + "?scope=of_ours")
    assert "Skola Södra" in of_ours.text and theirs.example.title not in of_ours.text
    none = client.get(reverse("spread:adoptions") + "?scope=all&state=in_use")
    assert "No adoptions match" in none.text
    found = client.get(reverse("spread:adoptions") + "?scope=all&q=Läxhjälp&sort=unit")
    assert other.title in found.text and example.title not in found.text


def test_the_list_asks_a_fixed_number_of_queries(client, example, tree, people, django_assert_max_num_queries):
    managers = []
    for i in range(12):
        unit = tree["SDF-S-SKO"] if i % 2 else tree["SDF-S"]
        ex = make_example(unit=tree["SDF-N-ALD-1"], title=f"Exempel {i}")
        managers.append(start(ex, unit, people["other_office"]))
    client.force_login(people["other_office"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("spread:adoptions")).status_code == 200


def test_the_spread_view_shows_the_tree_the_organisations_and_the_timeline(
    client, example, tree, south_manager, people, django_assert_max_num_queries
):
    start(example, tree["SDF-S-SKO"], south_manager)
    client.force_login(people["colleague"])
    url = reverse("spread:example_spread", args=[example.pk])
    with django_assert_max_num_queries(14) as few:
        page = client.get(url)
    assert "Skola Södra" in page.text and "Södra stadsdelsförvaltningen" in page.text
    assert 'class="sprang-tree"' in page.text
    for code in ("SDF-S", "SLK", "KS", "SDN-S"):  # more adopters, deeper and wider in the tree
        start(example, tree[code], people["director"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Kommunstyrelsen" in client.get(url).text


def test_from_an_idea_the_manager_finds_the_example_and_adopts_it_instead(client, example, tree, south_manager, people):
    idea = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"])
    client.force_login(south_manager)
    idea_page = client.get(idea.get_absolute_url())
    choose_url = reverse("spread:adopt_from_idea", args=[idea.pk])
    assert choose_url in idea_page.text
    found = client.get(choose_url + "?q=lås")
    adopt_url = reverse("spread:adopt", args=[example.pk]) + f"?idea={idea.pk}"
    assert adopt_url in found.text
    response = client.post(
        adopt_url,
        {"unit": tree["SDF-S-SKO"].pk, "start_date": days_ago(0).isoformat(), "changes": "Som Björken gjorde."},
    )
    assert response.status_code == 302
    assert Adoption.objects.get().from_idea == idea
    timeline = client.get(idea.get_absolute_url()).text
    assert "instead" in timeline and example.title in timeline
    client.force_login(people["manager"])  # leads Norra, not the idea's unit
    assert choose_url not in client.get(idea.get_absolute_url()).text
    assert client.get(choose_url).status_code == 403


class _Nesting(HTMLParser):
    """The units of the spread's tree, each with the units whose list items it is inside."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list] = []  # [tag, the unit named in it]
        self.units: dict[str, list[str]] = {}
        self.in_unit = False
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "li"):
            self.stack.append([tag, None])
        self.in_unit = tag == "span" and ("class", "sprang-tree__unit") in attrs

    def handle_endtag(self, tag):
        if tag in ("ul", "li"):
            self.balanced &= bool(self.stack) and self.stack.pop()[0] == tag
        self.in_unit = False

    def handle_data(self, data):
        if self.in_unit:
            self.units[data] = [name for tag, name in self.stack if name is not None]
            self.stack[-1][1] = data


def test_the_spread_tree_nests_each_unit_under_the_one_above_it_and_escapes_names(client, example, tree, people):
    school = tree["SDF-S-SKO"]
    school.name = "Skola <Södra> & co"
    school.save(update_fields=["name"])
    start(example, school, people["director"])
    start(example, tree["SLK"], people["director"])
    client.force_login(people["colleague"])
    page = client.get(reverse("spread:example_spread", args=[example.pk])).text
    assert "Skola &lt;Södra&gt; &amp; co" in page and "<Södra>" not in page
    section = page[page.index('<ul class="sprang-tree">') : page.index("</details>")]
    nesting = _Nesting()
    nesting.feed(section)
    assert nesting.balanced and nesting.stack == []
    assert "Södra stadsdelsförvaltningen" in nesting.units["Skola <Södra> & co"]
    assert "Södra stadsdelsförvaltningen" not in nesting.units["Stadsledningskontoret"]
