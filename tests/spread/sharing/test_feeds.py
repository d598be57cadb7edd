"""The Atom and JSON feeds of public examples: what other cities read, cacheable, with no one's email address."""

from __future__ import annotations

from defusedxml import ElementTree
from django.urls import reverse

from organisation.models import User
from spread.models import ExampleVisibility
from spread.sharing.entries import ATOM_NAMESPACE

ATOM = "{http://www.w3.org/2005/Atom}"
EX = "{" + ATOM_NAMESPACE + "}"
JSON_FEED = "/api/v1/examples/feed.json"


def atom_entries(client) -> list:
    response = client.get(reverse("spread:shared_examples_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_atom_feed_holds_the_public_examples_only(client, examples):
    entries = atom_entries(client)
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Läsgrupper på rasten", "Kvällsfika mot ensamhet"]
    first = entries[1]
    assert first.find(f"{EX}problem").text.startswith("Äldre som bor hemma")
    assert first.find(f"{EX}sector").text == "elderly_care"
    assert [v.text for v in first.findall(f"{EX}value")] == ["social"]
    assert first.find(f"{ATOM}id").text.endswith(f"/spread/examples/{examples['public'].pk}/")


def test_the_json_feed_holds_the_same_examples(client, examples):
    response = client.get(JSON_FEED)
    assert response.status_code == 200
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]] == ["Läsgrupper på rasten", "Kvällsfika mot ensamhet"]
    assert feed["items"][1]["_sprang_example"]["what_was_done"].startswith("Vi startade kvällsfika")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_no_feed_shows_an_email_address_or_an_internal_example(client, examples):
    emails = set(User.objects.values_list("email", flat=True))
    for path in (reverse("spread:shared_examples_atom"), JSON_FEED):
        text = client.get(path).content.decode()
        assert not [e for e in emails if e in text], path
        for key in ("internal", "unpublished", "no_consent"):
            assert examples[key].title not in text, (path, key)
        assert "Anna Anställd" in text  # the contact, by name and unit


def test_the_contact_text_stands_in_when_there_is_no_contact_person(client, examples):
    example = examples["public"]
    example.contact = None
    example.contact_text = "Enhetschefen på Träffpunkt Norr, 08-123 45 67"
    example.save()
    assert "Enhetschefen på Träffpunkt Norr" in client.get(JSON_FEED).content.decode()


def test_examples_imported_from_other_cities_are_not_passed_on(client, examples):
    example = examples["public"]
    example.source_url = "https://annan.stad.se/spread/examples/9/"
    example.save()
    assert example.title not in client.get(JSON_FEED).content.decode()


def test_both_feeds_answer_304_when_nothing_changed_and_change_at_once(client, examples):
    for path in (reverse("spread:shared_examples_atom"), JSON_FEED):
        first = client.get(path)
        etag = first["ETag"]
        assert "public" in first["Cache-Control"]
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
        example = examples["internal"]
        example.visibility = ExampleVisibility.PUBLIC
        example.public_consent_at = example.published_at
        example.save()
        changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and example.title in changed.content.decode()
        example.visibility = ExampleVisibility.INTERNAL
        example.save()


def test_the_feeds_take_a_fixed_number_of_queries(client, examples, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        client.get(reverse("spread:shared_examples_atom"))
    with django_assert_max_num_queries(1):
        client.get(JSON_FEED)


def test_an_empty_feed_is_still_a_feed(client, db):
    assert atom_entries(client) == []
    assert client.get(JSON_FEED).json()["items"] == []
