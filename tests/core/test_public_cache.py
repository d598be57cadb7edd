"""Public pages are kept for anonymous visitors and never stale: a write, the clock or the language changes them at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from calls import services as call_services
from calls.models import Call, Programme
from core import public_cache
from ideas.lock import Stage
from organisation.models import Unit
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def public_idea(people):
    return factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten", visibility="public")


@pytest.fixture
def call(people):
    call = call_services.call_create(
        by=people["director"],
        programme=Programme.FUND,
        title="Innovationsfonden 2026",
        summary="Pengar till förstudier, piloter och införanden.",
        description="Sök medel för en idé i innovationsslussen.",
        year=2026,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=10),
        budget=Decimal(1_000_000),
    )
    call_services.criterion_add(call=call, by=people["director"], name="Nytta", weight="1")
    return call_services.call_publish(call=call, by=people["director"]) or call


def public_paths(idea, call) -> list[str]:
    return [
        "/",
        "/ideas/",
        f"/ideas/{idea.pk}/",
        "/opendata/",
        "/opendata/ideas.csv",
        "/opendata/catalog.jsonld",
        "/opendata/catalog.rdf",
        "/calls/",
        f"/calls/{call.pk}/",
        f"/calls/{call.pk}/results/",
    ]


def text(response) -> str:
    return response.content.decode()


def test_every_public_page_is_kept_for_anonymous_visitors_with_nothing_of_theirs(
    client, public_idea, call, django_assert_num_queries
):
    for path in public_paths(public_idea, call):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate", path
        assert first["ETag"].startswith('"'), path
        assert {"cookie", "hx-request"} <= {v.strip().lower() for v in first["Vary"].split(",")}, path
        assert not first.cookies, path  # no CSRF cookie, no session, nothing that would be another's
        assert "csrfmiddlewaretoken" not in text(first) and "X-CSRFToken" not in text(first), path
        with django_assert_num_queries(0):  # kept: not rendered again, not even a query
            again = client.get(path)
        assert again.content == first.content and again["ETag"] == first["ETag"], path
        assert again["Cache-Control"] == first["Cache-Control"] and not again.cookies, path


def test_a_new_public_idea_shows_at_once_on_the_start_page_and_the_list(client, people, public_idea):
    assert "Parkering för lådcyklar" not in text(client.get("/"))
    assert "Parkering för lådcyklar" not in text(client.get("/ideas/"))
    factories.idea(author=people["resident"], title="Parkering för lådcyklar", visibility="public")
    assert "Parkering för lådcyklar" in text(client.get("/"))
    assert "Parkering för lådcyklar" in text(client.get("/ideas/"))


def test_an_internal_idea_stays_off_the_kept_pages(client, people, public_idea):
    client.get("/ideas/")
    factories.idea(author=people["employee"], title="Intern idé om scheman")
    assert "Intern idé om scheman" not in text(client.get("/ideas/"))


def test_a_decision_shows_at_once_on_the_idea_page(client, people, public_idea):
    path = f"/ideas/{public_idea.pk}/"
    before = client.get(path)
    factories.move(public_idea, by=people["office"], to=Stage.PRESTUDY)
    after = client.get(path)
    assert after["ETag"] != before["ETag"]
    assert "Beslut enligt underlag." not in text(before)
    assert "Beslut enligt underlag." in text(after)


def test_a_unit_renamed_shows_at_once(client, public_idea):
    path = f"/ideas/{public_idea.pk}/"
    unit = Unit.objects.get(pk=public_idea.unit_id)
    assert unit.name in text(client.get(path))
    unit.name = "Ålidhems förskolor"
    unit.save()
    assert "Ålidhems förskolor" in text(client.get(path))


def test_published_results_show_at_once(client, people, call):
    path = f"/calls/{call.pk}/results/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "The results are not published yet." in text(client.get(path))
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    call.refresh_from_db()
    call_services.results_publish(call=call, by=people["director"])
    assert "The results are not published yet." not in text(client.get(path))


def test_a_write_public_pages_never_show_keeps_them(client, people, public_idea):
    """Signing in (last_login) and a person's chosen language show nowhere public: the kept page stays."""
    path = "/ideas/"
    etag = client.get(path)["ETag"]
    author = people["employee"]
    author.last_login = timezone.now()
    author.save(update_fields=["last_login"])
    author.language = "en"
    author.save(update_fields=["language"])
    assert client.get(path)["ETag"] == etag
    author.name = "Anna Andersson"
    author.save(update_fields=["name"])
    assert client.get(path)["ETag"] != etag


def test_the_languages_never_mix(client, public_idea):
    swedish = client.get("/ideas/")
    assert 'lang="sv"' in text(swedish)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/ideas/")
    assert 'lang="en"' in text(english) and english["ETag"] != swedish["ETag"]
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    # The browser's language is not Språng's: without the cookie it is Swedish, whatever Accept-Language says.
    again = client.get("/ideas/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="sv"' in text(again) and again.content == swedish.content


def test_signed_in_never_get_the_kept_page_nor_leave_theirs(client, people, public_idea):
    anonymous = client.get("/")
    client.force_login(people["employee"])
    signed_in = client.get("/")
    assert "Anna Anställd" in text(signed_in)
    assert "public" not in signed_in["Cache-Control"] and "private" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    client.logout()
    after = client.get("/")
    assert "Anna Anställd" not in text(after)
    assert after.content.replace(b"\n", b"") == anonymous.content.replace(b"\n", b"")


def test_a_page_first_rendered_signed_in_is_not_kept_for_others(client, people, public_idea):
    client.force_login(people["employee"])
    client.get(f"/ideas/{public_idea.pk}/")
    client.logout()
    page = text(client.get(f"/ideas/{public_idea.pk}/"))
    assert "Anna Anställd" in page  # the author is named on a public idea…
    assert "csrfmiddlewaretoken" not in page and "Sign out" not in page and "Logga ut" not in page


def test_a_visitor_with_a_message_gets_their_own_page(client, people, public_idea):
    """A message waiting (here: signed out) is this visitor's alone: the page with it is private, never kept."""
    client.get("/")
    client.force_login(people["employee"])
    client.post("/account/logout/")
    with_message = client.get("/")
    assert "private" in with_message["Cache-Control"]
    assert "govuk-notification-banner" in text(with_message)
    assert "govuk-notification-banner" not in text(client.get("/"))


def test_a_call_that_closes_shows_it_at_once_without_a_write(client, monkeypatch, call):
    """The clock alone closes a call: the kept page holds until then."""
    moment = {"now": call.closes_at - timedelta(minutes=1)}
    monkeypatch.setattr(timezone, "now", lambda: moment["now"])
    monkeypatch.setattr(public_cache, "_clock_ns", lambda: int(moment["now"].timestamp() * 1_000_000) * 1000)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    path = f"/calls/{call.pk}/"
    open_page = client.get(path)
    assert "Sign in to apply" in text(open_page)
    moment["now"] = call.closes_at + timedelta(seconds=1)
    closed_page = client.get(path)
    assert "no new applications" in text(closed_page)
    assert closed_page["ETag"] != open_page["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=open_page["ETag"]).status_code == 200
    moment["now"] = call.closes_at - timedelta(minutes=1)
    open_list = client.get("/calls/")
    moment["now"] = call.closes_at + timedelta(seconds=1)
    closed_list = client.get("/calls/")
    assert "No call is open right now" not in text(open_list)
    assert "No call is open right now" in text(closed_list)


def test_an_idea_overdue_shows_at_once_without_a_write(client, monkeypatch, public_idea):
    moment = {"now": public_idea.answer_due_at - timedelta(minutes=1)}
    monkeypatch.setattr(timezone, "now", lambda: moment["now"])
    monkeypatch.setattr(public_cache, "_clock_ns", lambda: int(moment["now"].timestamp() * 1_000_000) * 1000)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for path in ("/ideas/", f"/ideas/{public_idea.pk}/"):
        moment["now"] = public_idea.answer_due_at - timedelta(minutes=1)
        assert "sprang-overdue" not in text(client.get(path)), path
        moment["now"] = public_idea.answer_due_at + timedelta(seconds=1)
        assert "sprang-overdue" in text(client.get(path)), path


def test_a_write_moves_the_version_now_and_again_at_commit(db, django_capture_on_commit_callbacks):
    first = public_cache.current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        public_cache.content_changed()
        during = public_cache.current_version()
        public_cache.content_changed()  # a second write in the same transaction adds no second callback
    assert first < during < public_cache.current_version()
    assert len(callbacks) == 1


def test_last_modified_is_given_only_once_its_second_has_passed(rf, db, monkeypatch):
    request = rf.get("/ideas/")
    version = public_cache.current_version()
    page = public_cache.page_key(request)
    same_second = public_cache.validators(page, rendered_at=version + 1, moments=())
    assert same_second.last_modified is None
    later = public_cache.validators(page, rendered_at=version + 2 * public_cache.NS, moments=())
    assert later.last_modified == max(version, page.since) // public_cache.NS
    moment = datetime.fromtimestamp((version + 3 * public_cache.NS) / public_cache.NS, tz=STHLM)
    coming = public_cache.validators(page, rendered_at=version + 2 * public_cache.NS, moments=[moment])
    assert coming.valid_until is not None and coming.etag == later.etag


def test_a_proxy_may_be_let_to_serve_public_pages_a_few_seconds(client, people, public_idea, settings):
    settings.SPRANG_PUBLIC_PROXY_SECONDS = 10
    assert client.get("/ideas/")["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=10"
    client.force_login(people["employee"])
    assert "s-maxage" not in client.get("/ideas/")["Cache-Control"]


def test_a_write_moves_its_models_version_and_no_other(db, people, django_capture_on_commit_callbacks):
    """Figures counted over one model are kept under its version: a write to another model leaves them valid."""
    from ideas.models import Comment, Idea

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
        ideas, units = public_cache.model_version(Idea), public_cache.model_version(Unit)
        content = public_cache.current_version()
        Comment.objects.create(idea=idea, author=people["resident"], body="Bra idé.")
        assert public_cache.current_version() > content
        assert public_cache.model_version(Idea) == ideas and public_cache.model_version(Unit) == units
        Idea.objects.filter(pk=idea.pk).update(title="Cykelpool för hela hemtjänsten")
        public_cache.model_written(Idea, fields=["title"])  # as core.audit says of a write past save()
        during = public_cache.model_version(Idea)
        idea.save()
        assert ideas < during < public_cache.model_version(Idea)
        before_commit = public_cache.model_version(Idea)
    assert public_cache.model_version(Idea) > before_commit  # and again once the transaction commits
    bumped = [callback.args for callback in callbacks if getattr(callback, "func", None) is public_cache._bump]
    assert bumped.count(("public:version:ideas.idea",)) == 1  # once per transaction, however many writes
    assert public_cache.model_version(Unit) == units
    public_cache.everything_changed()
    assert public_cache.model_version(Unit) > units
