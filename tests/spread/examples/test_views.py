"""The library and an example's page: who sees what, search, filters, order, the kept public pages, the steps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spread.examples import sections, services
from spread.models import Example, ExampleStatus, ExampleVisibility
from tests.spread.examples.conftest import TEXTS, implemented_idea


def text(response) -> str:
    return response.content.decode()


def publish(people, title, *, public=False, **changes):
    idea = implemented_idea(people, title=f"Idé: {title}")
    by = people["employee"] if public else people["office"]
    return services.example_publish_from_idea(
        idea=idea, by=by, public_consent=public, **{**TEXTS, "title": title, **changes}
    )


@pytest.fixture
def internal(people):
    return publish(people, "Nyckelfri hemtjänst")


@pytest.fixture
def public(people):
    return publish(people, "Cykelpool för hemtjänsten", public=True, problem="Bilarna räcker inte till.")


def test_staff_find_internal_and_public_others_only_public(client, people, internal, public):
    client.force_login(people["colleague"])
    page = text(client.get(reverse("spread:examples")))
    assert internal.title in page and public.title in page
    for role in ("resident", "supplier", None):
        client.logout()
        if role:
            client.force_login(people[role])
        page = text(client.get(reverse("spread:examples")))
        assert public.title in page and internal.title not in page, role
        assert client.get(reverse("spread:example", args=[internal.pk])).status_code == 404, role
        assert client.get(reverse("spread:example", args=[public.pk])).status_code == 200, role


def test_outsiders_may_not_change_an_example(client, people, internal):
    for role in ("other_office", "colleague", "resident"):
        client.force_login(people[role])
        for name in ("spread:example_edit",):
            status = client.get(reverse(name, args=[internal.pk])).status_code
            assert status in (403, 404), (role, name)
        for step in ("unpublish", "consent"):
            response = client.post(
                reverse("spread:example_step", args=[internal.pk, step]), {"version": internal.version}
            )
            assert response.status_code in (403, 404), (role, step)
    assert Example.objects.get(pk=internal.pk).status == ExampleStatus.PUBLISHED
    client.force_login(people["resident"])
    assert client.get(reverse("spread:examples_proposed")).status_code == 403
    assert client.get(reverse("spread:example_publish", args=[internal.idea_id])).status_code == 404


def test_an_unpublished_example_is_seen_only_by_those_who_may_change_it(client, people, internal):
    services.example_unpublish(example=internal, by=people["office"], expected_version=internal.version)
    client.force_login(people["colleague"])
    assert client.get(reverse("spread:example", args=[internal.pk])).status_code == 404
    assert internal.title not in text(client.get(reverse("spread:examples")))
    client.force_login(people["employee"])
    assert "Taken out of the library" in text(client.get(reverse("spread:example", args=[internal.pk])))


def test_search_finds_every_form_of_a_word(client, people, internal, public):
    client.force_login(people["colleague"])
    found = text(client.get(reverse("spread:examples"), {"q": "cyklar"}))
    assert public.title in found  # "Cykelpool" and "elcyklar": the stem "cykl" inside compounds
    found = text(client.get(reverse("spread:examples"), {"q": "bilar"}))
    assert public.title in found
    assert internal.title in found  # "bil" in "bil kort sträck" of the shared text
    none = text(client.get(reverse("spread:examples"), {"q": "flygplan"}))
    assert "No good examples match" in none


def test_filters_and_order(client, people, tree):
    school = publish(people, "Läxhjälp på nätet", sector="school", kind="service", values=["social"])
    care = publish(people, "Nattkameror", sector="elderly_care", kind="product", values=["economic"])
    Example.objects.filter(pk=care.pk).update(adoption_count=5)
    client.force_login(people["colleague"])
    url = reverse("spread:examples")

    def titles(**params):
        return [e.title for e in client.get(url, params).context["page_obj"]]

    assert titles() == ["Nattkameror", "Läxhjälp på nätet"]  # most adopted first
    assert titles(sort="newest")[0] == "Nattkameror"
    assert titles(sector="school") == ["Läxhjälp på nätet"]
    assert titles(kind="product") == ["Nattkameror"]
    assert titles(value="social") == ["Läxhjälp på nätet"]
    assert titles(organisation_kind="district_administration") == ["Nattkameror", "Läxhjälp på nätet"]
    assert titles(organisation_kind="company") == []
    assert titles(unit=tree["SDF-S"].pk) == []
    assert titles(unit=tree["SDF-N"].pk) == ["Nattkameror", "Läxhjälp på nätet"]
    assert school.pk


def test_newest_first(client, people):
    first = publish(people, "Först")
    second = publish(people, "Sedan")
    client.force_login(people["colleague"])
    page = client.get(reverse("spread:examples"), {"sort": "newest"}).context["page_obj"]
    assert [e.pk for e in page] == [second.pk, first.pk]


def test_empty_library_says_what_to_do(client, people):
    client.force_login(people["colleague"])
    assert "There are no good examples in the library yet." in text(client.get(reverse("spread:examples")))


def test_the_library_runs_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    for n in range(3):
        publish(people, f"Exempel {n}")
    client.force_login(people["colleague"])
    client.get(reverse("spread:examples"))
    with django_assert_max_num_queries(12):
        client.get(reverse("spread:examples"), {"q": "cykel", "sector": "elderly_care"})


def test_publishing_shows_at_once_on_the_kept_public_pages(client, people, internal):
    before = text(client.get(reverse("spread:examples")))
    assert internal.title not in before
    services.example_consent(example=internal, by=people["employee"], expected_version=internal.version)
    assert internal.title in text(client.get(reverse("spread:examples")))
    page = client.get(reverse("spread:example", args=[internal.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == "public, max-age=0, must-revalidate"
    current = Example.objects.get(pk=internal.pk)
    services.example_withdraw_consent(example=current, by=people["employee"], expected_version=current.version)
    assert internal.title not in text(client.get(reverse("spread:examples")))
    assert client.get(reverse("spread:example", args=[internal.pk])).status_code == 404


def test_the_idea_page_offers_to_publish_then_links_to_the_example(client, people, idea_in_practice):
    client.force_login(people["office"])
    page = text(client.get(reverse("ideas:detail", args=[idea_in_practice.pk])))
    assert reverse("spread:example_publish", args=[idea_in_practice.pk]) in page
    client.force_login(people["colleague"])
    page = text(client.get(reverse("ideas:detail", args=[idea_in_practice.pk])))
    assert reverse("spread:example_publish", args=[idea_in_practice.pk]) not in page
    example = services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], **TEXTS)
    page = text(client.get(reverse("ideas:detail", args=[idea_in_practice.pk])))
    assert example.get_absolute_url() in page


def test_the_publish_form_is_prefilled_from_the_idea_and_its_assessment(client, people, idea_in_practice):
    client.force_login(people["office"])
    form = client.get(reverse("spread:example_publish", args=[idea_in_practice.pk])).context["form"]
    assert form.initial["title"] == idea_in_practice.title
    assert "färre bilresor" in form.initial["effect"] and "30 % färre bilmil" in form.initial["effect"]
    assert form.initial["values"] == ["economic", "social"]
    assert form.initial["sector"] == "elderly_care"
    assert "public_consent" not in form.fields  # only the author consents
    client.force_login(people["employee"])
    form = client.get(reverse("spread:example_publish", args=[idea_in_practice.pk])).context["form"]
    assert "public_consent" in form.fields


def test_a_conflicting_edit_keeps_what_was_typed(client, people, internal):
    client.force_login(people["office"])
    url = reverse("spread:example_edit", args=[internal.pk])
    services.example_update(example=internal, by=people["employee"], expected_version=internal.version, cost="1 kr")
    data = {**TEXTS, "title": "Min nya titel", "version": internal.version, "kind": "process"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this good example" in text(response)
    assert "Min nya titel" in text(response)
    assert Example.objects.get(pk=internal.pk).title == internal.title


def test_sections_of_other_parts_are_drawn_on_the_example_page(client, people, internal):
    sections.section(
        "test_section",
        template="spread/examples/partials/row.html",
        load=lambda request, example: {},
    )
    try:
        client.force_login(people["colleague"])
        page = text(client.get(reverse("spread:example", args=[internal.pk])))
    finally:
        sections.withdraw("test_section")
    assert 'data-section="test_section"' in page
    assert page.count(f'href="{internal.get_absolute_url()}"') == 1  # the row drawn in the section


def test_the_file_is_a_download_for_those_who_may_read_the_example(client, people, idea_in_practice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.txt", "Plan för cyklarna.\n".encode(), content_type="text/plain")
    example = services.example_publish_from_idea(
        idea=idea_in_practice, by=people["office"], attachments=[upload], **TEXTS
    )
    stored = example.files.get()
    url = reverse("spread:example_file", args=[example.pk, stored.pk])
    client.force_login(people["colleague"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    client.force_login(people["resident"])
    assert client.get(url).status_code == 404


def test_the_steps_ask_first_then_act(client, people, internal):
    client.force_login(people["office"])
    url = reverse("spread:example_step", args=[internal.pk, "unpublish"])
    assert "Take the example out of the library?" in text(client.get(url))
    assert Example.objects.get(pk=internal.pk).status == ExampleStatus.PUBLISHED
    response = client.post(url, {"version": internal.version})
    assert response.status_code == 302
    assert Example.objects.get(pk=internal.pk).status == ExampleStatus.UNPUBLISHED
    client.force_login(people["employee"])
    current = Example.objects.get(pk=internal.pk)
    client.post(reverse("spread:example_step", args=[internal.pk, "republish"]), {"version": current.version})
    current = Example.objects.get(pk=internal.pk)
    client.post(reverse("spread:example_step", args=[internal.pk, "consent"]), {"version": current.version})
    assert Example.objects.get(pk=internal.pk).visibility == ExampleVisibility.PUBLIC
