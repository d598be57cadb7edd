"""The open data files are kept and revalidated: 304 to a conditional request, a new file at once after a change."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from core import public_cache
from governance.services import indicator_values_compute
from organisation.models import Unit
from tests.opendata.conftest import at

FILES = ("/opendata/ideas.csv", "/opendata/indicators.csv", "/opendata/catalog.jsonld", "/opendata/catalog.rdf")


@pytest.fixture
def later(monkeypatch):
    """Five seconds on: the last write is whole seconds old, so the files carry a Last-Modified."""
    monkeypatch.setattr(public_cache, "_clock_ns", lambda: time.time_ns() + 5 * public_cache.NS)


@pytest.mark.parametrize("path", FILES)
def test_a_file_answers_304_to_if_none_match(client, computed, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["Access-Control-Allow-Origin"] == "*"
    not_modified = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert not_modified["Cache-Control"] == first["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize("path", FILES)
def test_a_file_answers_304_to_if_modified_since(client, computed, later, path):
    first = client.get(path)
    modified = first["Last-Modified"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    earlier = http_date(parse_http_date(modified) - 3600)
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_no_last_modified_within_the_second_of_a_change(client, computed):
    """A date has whole seconds: a file changed less than a second ago is told apart by its ETag alone."""
    Unit.objects.filter(code="SDF-N").first().save()
    response = client.get("/opendata/ideas.csv")
    assert response.status_code == 200 and "ETag" in response
    assert "Last-Modified" not in response


def test_a_unit_renamed_is_in_the_file_at_once(client, computed, later):
    first = client.get("/opendata/ideas.csv")
    north = Unit.objects.get(code="SDF-N")
    assert north.name in first.content.decode("utf-8-sig")
    north.name = "Norrmalms stadsdelsförvaltning"
    north.save()
    for conditional in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        again = client.get("/opendata/ideas.csv", **conditional)
        assert again.status_code == 200
        assert "Norrmalms stadsdelsförvaltning" in again.content.decode("utf-8-sig")


def test_figures_computed_again_are_in_the_file_at_once(client, computed):
    etag = client.get("/opendata/indicators.csv")["ETag"]
    indicator_values_compute(year=2025, period="T1", now=at(5, 3))  # written in bulk, past save()
    assert client.get("/opendata/indicators.csv", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_file_no_longer_kept_is_made_again_with_the_same_etag(client, computed):
    """The ETag follows from what the file shows, not from when it was made: another server, or the file
    made again after the cache let it go, still answers 304."""
    first = client.get("/opendata/catalog.jsonld")
    kept = [key.split(":", 2)[2] for key in cache._cache if ":public:page:" in key or ":public:meta:" in key]
    assert kept  # locmem's keys are ":1:<key>"
    cache.delete_many(kept)
    assert not [key for key in cache._cache if ":public:page:" in key or ":public:meta:" in key]
    assert client.get("/opendata/catalog.jsonld", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_signed_in_share_the_file_but_never_a_public_answer(client, computed, people):
    anonymous = client.get("/opendata/ideas.csv")
    client.force_login(people["employee"])
    signed_in = client.get("/opendata/ideas.csv")
    assert signed_in.content == anonymous.content and signed_in["ETag"] == anonymous["ETag"]
    assert "public" not in signed_in["Cache-Control"] and "private" in signed_in["Cache-Control"]
    assert client.get("/opendata/ideas.csv", HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 304
