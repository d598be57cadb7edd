"""Importing another Språng's feed: a round trip, no duplicates, local edits kept, and every bad feed refused plainly."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError, PermissionDeniedError
from spread.models import Example, ExampleStatus, ExampleVisibility
from spread.sharing import fetch
from spread.sharing.services import examples_import
from tests.spread.sharing.feed_server import Answer, FeedServer

ATOM_PATH = "/spread/shared/examples.atom"
JSON_PATH = "/api/v1/examples/feed.json"


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read in English here (the Swedish ones are the catalogue's)."""
    with translation.override("en"):
        yield


@pytest.fixture
def server(settings):
    settings.SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES = True
    settings.SPRANG_FEED_TIMEOUT_SECONDS = 2
    with FeedServer() as running:
        yield running


def exported(client, path: str) -> bytes:
    """The feed as this Språng publishes it now."""
    response = client.get(path)
    assert response.status_code == 200
    return response.content


def move_out(examples: dict) -> None:
    """Another city's database: the examples exported are gone, as if this were a second Språng."""
    Example.objects.all().delete()


@pytest.mark.parametrize("path", [ATOM_PATH, JSON_PATH])
def test_a_round_trip_brings_the_public_examples_in_as_external_and_internal(client, examples, people, server, path):
    body = exported(client, path)
    public = examples["public"]
    source_url = client.get(JSON_PATH).json()["items"][1]["url"]
    move_out(examples)
    url = server.put(path, Answer(body))

    result = examples_import(by=people["office"], url=url)

    assert len(result.created) == 2 and not result.updated and not result.kept_local
    imported = Example.objects.get(source_url=source_url)
    assert imported.is_external and imported.unit is None and imported.owner is None
    assert imported.status == ExampleStatus.PUBLISHED and imported.visibility == ExampleVisibility.INTERNAL
    assert imported.source_name.endswith("Stockholms stad")  # the feed's title
    assert imported.source_id == source_url
    for name in ("title", "problem", "what_was_done", "cost", "time_taken", "roles", "tools", "effect"):
        assert getattr(imported, name) == getattr(public, name), name
    assert (imported.sector, imported.kind, imported.value_social, imported.value_economic) == (
        "elderly_care",
        "service",
        True,
        False,
    )
    assert imported.contact_text == "Anna Anställd, " + people["employee"].unit.name
    assert imported.published_at == public.published_at
    assert imported.search_stems


def test_importing_again_adds_nothing_twice_and_updates_what_changed(client, examples, people, server):
    url = server.put(ATOM_PATH, Answer(exported(client, ATOM_PATH)))
    first = examples_import(by=people["office"], url=url)
    assert len(first.created) == 2

    again = examples_import(by=people["office"], url=url)
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 2)
    assert Example.objects.exclude(source_url="").count() == 2

    examples["public"].effect = "Ensamheten halverades på ett år."
    examples["public"].save()
    server.put(ATOM_PATH, Answer(exported(client, ATOM_PATH)))
    updated = examples_import(by=people["office"], url=url)
    assert [e.effect for e in updated.updated] == ["Ensamheten halverades på ett år."]
    assert updated.unchanged == 1
    assert Example.objects.exclude(source_url="").count() == 2


def test_an_example_changed_here_is_never_overwritten(client, examples, people, server):
    url = server.put(JSON_PATH, Answer(exported(client, JSON_PATH), "application/json"))
    examples_import(by=people["office"], url=url)
    mine = Example.objects.exclude(source_url="").get(title="Kvällsfika mot ensamhet")
    mine.what_was_done = "Vi gjorde som Stockholm men med kvällspromenader."
    mine.save()

    examples["public"].what_was_done = "Kvällsfika varje tisdag."
    examples["public"].save()
    server.put(JSON_PATH, Answer(exported(client, JSON_PATH), "application/json"))
    result = examples_import(by=people["office"], url=url)

    assert [e.pk for e in result.kept_local] == [mine.pk]
    mine.refresh_from_db()
    assert mine.what_was_done == "Vi gjorde som Stockholm men med kvällspromenader."


@pytest.mark.parametrize("key", ["resident", "employee", "manager", "coach"])
def test_only_an_innovation_office_imports(people, key, server):
    with pytest.raises(PermissionDeniedError):
        examples_import(by=people[key], url=server.url(ATOM_PATH))
    assert server.requests == []


def refused(people, url: str) -> str:
    with pytest.raises(DomainError) as caught, translation.override("en"):
        examples_import(by=people["office"], url=url)
    assert caught.value.field == "url"
    assert not Example.objects.exists()
    return caught.value.message


@pytest.mark.parametrize(
    "url", ["", "ftp://example.se/feed", "file:///etc/passwd", "example.se/feed", "javascript:alert(1)"]
)
def test_only_http_and_https_addresses_are_fetched(people, url):
    assert refused(people, url)


def test_an_address_inside_the_network_is_refused_unless_allowed(people, settings):
    settings.SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES = False
    with FeedServer() as server:
        for url in (server.url(ATOM_PATH), "http://localhost:9/feed", "http://10.0.0.1/feed", "http://[::1]/feed"):
            assert "private network" in refused(people, url)
        assert server.requests == []


def test_a_redirect_is_checked_like_the_first_address(client, examples, people, server, settings, monkeypatch):
    settings.SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES = False
    # The test server stands in for a public server; everything else inside the network is refused.
    public = fetch._public_address
    monkeypatch.setattr(fetch, "_public_address", lambda address: address == "127.0.0.1" or public(address))
    server.put(ATOM_PATH, Answer(exported(client, ATOM_PATH)))
    move_out(examples)
    url = server.put("/moved", Answer(status=302, location="http://169.254.169.254/latest/meta-data/"))
    assert "private network" in refused(people, url)
    assert server.requests == ["/moved"]
    # A redirect to a public place is followed.
    moved = server.put("/old", Answer(status=301, location=ATOM_PATH))
    assert len(examples_import(by=people["office"], url=moved).created) == 2


def test_a_server_that_does_not_answer_in_time_is_given_up(people, server, settings):
    settings.SPRANG_FEED_TIMEOUT_SECONDS = 1
    url = server.put(ATOM_PATH, Answer(b"<feed/>", delay=2.5))
    assert "did not answer within 1 seconds" in refused(people, url)


@pytest.mark.parametrize("chunked", [False, True])
def test_a_feed_larger_than_the_limit_is_refused(people, server, settings, chunked):
    settings.SPRANG_FEED_MAX_BYTES = 1024 * 1024
    url = server.put(ATOM_PATH, Answer(b"x" * (1024 * 1024 + 10), chunked=chunked))
    assert "larger than 1 MB" in refused(people, url)


def test_an_address_with_nothing_there_is_refused(people, server):
    assert "answered 404" in refused(people, server.url("/nothing"))


def test_an_unknown_host_is_refused(people):
    assert "no server called" in refused(people, "https://no-such-host.invalid/feed")


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Hello</body></html>",
        b"not xml at all",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"title": "No fields"}]}',
        b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaa">]><feed xmlns="http://www.w3.org/2005/Atom">&a;</feed>',
        b"[1, 2, 3]",
    ],
)
def test_what_is_not_a_feed_of_examples_is_refused(people, server, body):
    url = server.put("/feed", Answer(body, "text/html"))
    assert "not a feed of good examples" in refused(people, url)


def test_an_entry_without_a_title_is_refused_whole(client, examples, people, server):
    feed = client.get(JSON_PATH).json()
    move_out(examples)
    feed["items"][1]["title"] = "  "
    url = server.put(JSON_PATH, Answer(json.dumps(feed).encode(), "application/json"))
    assert "Entry 2 of the feed has no title" in refused(people, url)


def test_the_command_imports_and_says_what_it_did(client, examples, people, server, capsys):
    url = server.put(ATOM_PATH, Answer(exported(client, ATOM_PATH)))
    move_out(examples)
    call_command("import_examples", url, "--by", people["office"].email)
    assert "2 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not a feed of good examples"), translation.override("en"):
        call_command("import_examples", server.put("/x", Answer(b"hej", "text/plain")), "--by", people["office"].email)
    with pytest.raises(CommandError, match="No account"):
        call_command("import_examples", url, "--by", "nobody@example.se")


def test_the_import_page_is_for_innovation_offices(client, people, db):
    url = reverse("spread:shared_import")
    assert client.get(url).status_code == 302
    client.force_login(people["employee"])
    assert client.get(url).status_code == 403
    client.force_login(people["office"])
    response = client.get(url)
    assert response.status_code == 200
    with translation.override("sv"):  # the page speaks Swedish by default
        empty = translation.gettext(
            "No examples from other cities yet. Give the address of another city's feed above to bring in its examples."
        )
    assert empty in response.content.decode()
    client.force_login(people["director"])
    assert client.get(url).status_code == 200


def test_the_import_page_imports_and_lists_what_came_in(client, examples, people, server):
    feed_url = server.put(ATOM_PATH, Answer(exported(client, ATOM_PATH)))
    move_out(examples)
    client.force_login(people["office"])
    client.cookies["django_language"] = "en"
    response = client.post(reverse("spread:shared_import"), {"url": feed_url})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 new examples" in html and "Kvällsfika mot ensamhet" in html
    assert "Stockholms stad" in html


def test_the_import_page_shows_a_refusal_at_the_field_and_keeps_the_address(client, people, db, settings):
    client.force_login(people["office"])
    client.cookies["django_language"] = "en"
    response = client.post(reverse("spread:shared_import"), {"url": "ftp://annan.stad.se/feed"})
    html = response.content.decode()
    assert "beginning with https://" in html
    assert 'value="ftp://annan.stad.se/feed"' in html
    assert "govuk-error-summary" in html


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, False),
        ("employee", False),
        ("manager", False),
        ("coach", False),
        ("resident", False),
        ("office", True),
        ("other_office", True),
        ("director", True),
    ],
)
def test_the_library_links_to_importing_for_those_who_may_import(client, people, db, who, sees):
    if who:
        client.force_login(people[who])
    page = client.get(reverse("spread:examples"))
    assert page.status_code == 200
    assert (f'href="{reverse("spread:shared_import")}"' in page.content.decode()) == sees
    if sees:
        assert client.get(reverse("spread:shared_import")).status_code == 200
