"""The idea pages, through the Django test client."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from pytest_django.asserts import assertRedirects, assertTemplateNotUsed, assertTemplateUsed

from ideas import services
from ideas.lock import Stage
from ideas.models import Attachment, Comment, GateDecision, Idea, Support, Visibility
from organisation.models import Role
from tests import factories
from tests.sessions import sign_in_and_let_the_session_end

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sv(msgid: str, **params) -> str:
    """A message as the (Swedish by default) pages show it, HTML-escaped."""
    with translation.override("sv"):
        text = gettext(msgid)
        return escape(text % params if params else text)


class _FormValues(HTMLParser):
    """The values a browser would send from the page's forms: name -> list of values."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._textarea_start = False
        self._select: str | None = None

    def _add(self, name: str | None, value: str) -> None:
        if name:
            self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a.get("name"), a.get("value", "on"))
            elif kind not in ("file", "submit", "button"):
                self._add(a.get("name"), a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._add(self._textarea, "")
            self._textarea_start = True
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            if self._textarea_start and data.startswith("\n"):
                data = data[1:]  # a newline right after <textarea> is not part of the value
            self._textarea_start = False
            self.values[self._textarea][-1] += data


def form_values(response) -> dict[str, list[str]]:
    parser = _FormValues()
    parser.feed(response.content.decode())
    return parser.values


def error_message(response, field: str) -> str:
    """The text of the error message shown at a field."""
    match = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', response.content.decode(), re.S
    )
    assert match, f"no error message at {field}"
    return match.group(1)


def idea_links(response) -> list[int]:
    """The ideas a page links to, in order (navigation links carry no id)."""
    return [int(pk) for pk in re.findall(r'href="/ideas/(\d+)/"', response.content.decode())]


def assert_sign_in_redirect(response, next_path: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/account/login/"
    assert parse_qs(location.query)["next"] == [next_path]


def idea_form_data(unit, **changes) -> dict:
    data = {
        "title": "Cykelpool för hemtjänsten",
        "problem": "Hemtjänsten står i bilkö mellan besöken i centrum.",
        "audience": "Hemtjänstpersonal i Norra.",
        "proposal": "Köp in tio elcyklar som personalen bokar i appen.",
        "expected_value": "Kortare restid, mindre utsläpp och friskare personal.",
        "kind": "process",
        "values": ["economic", "environmental"],
        "unit": str(unit.pk),
        "source": "employee",
        "visibility": "public",
        "public_consent": "on",
    }
    data.update(changes)
    return data


# --- Submitting an idea ---


def test_submit_idea_creates_it_and_redirects(client, people, tree):
    client.force_login(people["employee"])
    upload = SimpleUploadedFile("underlag.pdf", PDF, content_type="application/pdf")
    response = client.post("/ideas/new/", {**idea_form_data(tree["SDF-N-ALD-1"]), "attachments": upload})
    idea = Idea.objects.get()
    assertRedirects(response, f"/ideas/{idea.pk}/")
    assert idea.title == "Cykelpool för hemtjänsten"
    assert idea.author == people["employee"]
    assert idea.unit == tree["SDF-N-ALD-1"]
    assert idea.visibility == Visibility.PUBLIC
    assert (idea.value_economic, idea.value_social, idea.value_environmental) == (True, False, True)
    assert idea.stage == Stage.IDEA
    attachment = idea.attachments.get()
    assert attachment.original_name == "underlag.pdf"
    assert attachment.content_type == "application/pdf"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Cykelpool för hemtjänsten" in page.content.decode()
    assert "underlag.pdf" in page.content.decode()


def test_form_starts_with_the_persons_unit(client, people):
    client.force_login(people["employee"])
    response = client.get("/ideas/new/")
    assert response.status_code == 200
    assert form_values(response)["unit"] == [str(people["employee"].unit_id)]
    assert form_values(response)["source"] == ["employee"]


def test_form_needs_sign_in(client, db):
    assert_sign_in_redirect(client.get("/ideas/new/"), "/ideas/new/")


def test_invalid_post_shows_errors_and_keeps_everything_typed(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"], title="   ", kind="service", source="feedback", visibility="internal")
    del data["values"]
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    assert not Idea.objects.exists()
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_title"' in html
    assert 'href="#id_values_0"' in html
    assert 'id="id_values_0"' in html  # the link lands on the first checkbox
    required = sv("This field is required.")
    assert required in error_message(response, "title")
    assert required in error_message(response, "values")
    assert 'aria-invalid="true"' in html
    kept = form_values(response)
    for name in ("problem", "audience", "proposal", "expected_value"):
        assert kept[name] == [data[name]], name
    assert kept["kind"] == ["service"]
    assert kept["unit"] == [str(tree["SDF-N-ALD-1"].pk)]
    assert kept["source"] == ["feedback"]
    assert kept["visibility"] == ["internal"]


def test_invalid_post_keeps_checked_values(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"], proposal="", values=["social", "environmental"])
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    assert 'href="#id_proposal"' in response.content.decode()
    assert form_values(response)["values"] == ["social", "environmental"]
    assert form_values(response)["title"] == ["Cykelpool för hemtjänsten"]


def test_committee_is_refused_at_the_unit_field(client, people, tree):
    client.force_login(people["employee"])
    response = client.post("/ideas/new/", idea_form_data(tree["SDN-N"]))
    assert response.status_code == 200
    assert 'href="#id_unit"' in response.content.decode()
    assert not Idea.objects.exists()


def test_oversized_attachment_is_refused_at_the_field(client, people, tree, settings):
    settings.SPRANG_ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(people["employee"])
    big = SimpleUploadedFile("protokoll.txt", b"a" * (1024 * 1024 + 500_000), content_type="text/plain")
    data = idea_form_data(tree["SDF-N-ALD-1"])
    response = client.post("/ideas/new/", {**data, "attachments": big})
    assert response.status_code == 200
    assert not Idea.objects.exists()
    assert not Attachment.objects.exists()
    message = sv(
        "The file %(name)s is %(size)s MB; the largest allowed is %(limit)s MB.",
        name="protokoll.txt",
        size="1.5",
        limit="1",
    )
    assert message in error_message(response, "attachments")
    assert 'href="#id_attachments"' in response.content.decode()
    kept = form_values(response)
    for name in ("title", "problem", "audience", "proposal", "expected_value"):
        assert kept[name] == [data[name]], name
    assert kept["values"] == ["economic", "environmental"]


def test_disallowed_attachment_is_refused_at_the_field(client, people, tree):
    client.force_login(people["employee"])
    program = SimpleUploadedFile(
        "verktyg.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50, content_type="application/pdf"
    )
    data = idea_form_data(tree["SDF-N-ALD-1"])
    response = client.post("/ideas/new/", {**data, "attachments": program})
    assert response.status_code == 200
    assert not Idea.objects.exists()
    message = sv(
        "The file %(name)s is not of an allowed type. Attach PDF, images (PNG, JPEG), Word, Excel, PowerPoint, "
        "OpenDocument or plain text.",
        name="verktyg.exe",
    )
    assert message in error_message(response, "attachments")
    assert form_values(response)["title"] == [data["title"]]


# --- Deciding a gate ---


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Nattfasta på Björken")


def decide_data(idea, **changes) -> dict:
    data = {
        "version": str(idea.version),
        "to_stage": "prestudy",
        "rationale": "Behovet är tydligt; Björken leder förstudien under hösten.",
        "check_need_clear": "on",
        "check_owner_named": "on",
    }
    data.update(changes)
    return data


def timeline(response) -> str:
    match = re.search(r'<ol class="sprang-timeline">(.*?)</ol>', response.content.decode(), re.S)
    assert match
    return match.group(1)


def test_decide_records_the_decision_and_shows_it_on_the_timeline(client, people, idea):
    client.force_login(people["office"])
    form = client.get(f"/ideas/{idea.pk}/decide/?to=prestudy")
    assert form.status_code == 200
    assert form_values(form)["version"] == [str(idea.version)]
    assert form_values(form)["to_stage"] == ["prestudy"]
    response = client.post(f"/ideas/{idea.pk}/decide/?to=prestudy", decide_data(idea))
    assertRedirects(response, f"/ideas/{idea.pk}/", fetch_redirect_response=False)
    idea.refresh_from_db()
    assert idea.stage == Stage.PRESTUDY
    decision = GateDecision.objects.get(idea=idea)
    assert decision.decided_by == people["office"]
    assert decision.checklist == {"need_clear": True, "owner_named": True, "users_involved": False}
    detail = client.get(f"/ideas/{idea.pk}/")
    events = timeline(detail)
    assert escape("Behovet är tydligt; Björken leder förstudien under hösten.") in events
    assert "Olle Kontor" in events
    with translation.override("sv"):
        assert f"{Stage.IDEA.label} → {Stage.PRESTUDY.label}" in events
    success = sv("The decision is recorded: the idea is now in %(stage)s.", stage=_label(Stage.PRESTUDY))
    assert success in detail.content.decode()


def _label(stage) -> str:
    """A stage's name mid-sentence, in Swedish: lower case."""
    with translation.override("sv"):
        return str(stage.label).lower()


def test_decide_without_the_checklist_shows_the_error_and_changes_nothing(client, people, idea):
    client.force_login(people["office"])
    data = decide_data(idea)
    del data["check_owner_named"]
    response = client.post(f"/ideas/{idea.pk}/decide/?to=prestudy", data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert form_values(response)["rationale"] == [data["rationale"]]
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA
    assert not GateDecision.objects.exists()


def test_stale_version_says_someone_else_moved_the_idea(client, people, idea):
    client.force_login(people["office"])
    seen = form_values(client.get(f"/ideas/{idea.pk}/decide/?to=closed"))["version"][0]
    factories.move(idea, by=people["manager"], to=Stage.PRESTUDY)
    data = decide_data(idea, version=seen, to_stage="closed", closed_reason="too_costly")
    response = client.post(f"/ideas/{idea.pk}/decide/?to=closed", data, follow=True)
    assertRedirects(response, f"/ideas/{idea.pk}/")
    message = sv(
        "The idea was just moved by someone else (it is now in %(stage)s). Nothing was changed; look at it again "
        "before you decide.",
        stage=_label(Stage.PRESTUDY),
    )
    assert message in response.content.decode()
    idea.refresh_from_db()
    assert idea.stage == Stage.PRESTUDY
    assert idea.closed_reason == ""
    assert GateDecision.objects.filter(idea=idea).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_disallowed_target_redirects_with_a_message(client, people, idea, method):
    client.force_login(people["office"])
    url = f"/ideas/{idea.pk}/decide/?to=spread"
    data = decide_data(idea, to_stage="spread") if method == "post" else None
    response = getattr(client, method)(url, data, follow=True)
    assertRedirects(response, f"/ideas/{idea.pk}/")
    message = " ".join(
        (
            sv(
                "An idea in the %(from)s stage can't be moved to %(to)s.",
                **{"from": _label(Stage.IDEA), "to": _label(Stage.SPREAD)},
            ),
            sv("Choose one of the decisions offered."),
        )
    )
    assert message in response.content.decode()
    assert not GateDecision.objects.exists()
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IDEA


@pytest.mark.parametrize("role", ["employee", "colleague", "other_office", "coach"])
def test_decide_is_forbidden_for_others(client, people, idea, role):
    client.force_login(people[role])
    assert client.get(f"/ideas/{idea.pk}/decide/?to=prestudy").status_code == 403
    assert client.post(f"/ideas/{idea.pk}/decide/?to=prestudy", decide_data(idea)).status_code == 403
    assert not GateDecision.objects.exists()


# --- A session that ends in the middle of a form ---


def _post_after_session_ended(client, people, tree):
    sign_in_and_let_the_session_end(client, people["employee"], "/ideas/new/")
    data = idea_form_data(tree["SDF-N-ALD-1"], kind="service", values=["social"])
    assert_sign_in_redirect(client.post("/ideas/new/", data), "/ideas/new/")
    assert not Idea.objects.exists()
    return data


def _assert_kept(response, data):
    assert response.status_code == 200
    kept = form_values(response)
    for name in ("title", "problem", "audience", "proposal", "expected_value"):
        assert kept[name] == [data[name]], name
    assert kept["kind"] == ["service"]
    assert kept["values"] == ["social"]
    assert kept["unit"] == [data["unit"]]


def test_expired_session_keeps_the_typed_text(client, people, tree):
    data = _post_after_session_ended(client, people, tree)
    client.force_login(people["employee"])
    _assert_kept(client.get("/ideas/new/"), data)
    # Shown once: the next visit starts from an empty form.
    assert form_values(client.get("/ideas/new/")).get("title") == [""]


def test_expired_session_keeps_the_typed_text_through_the_login_form(client, people, tree):
    employee = people["employee"]
    # Accounts the city creates can sign in at once: their address is already confirmed.
    assert EmailAddress.objects.filter(user=employee, verified=True, primary=True).exists()
    data = _post_after_session_ended(client, people, tree)
    login_page = client.get("/account/login/?next=/ideas/new/")
    assert login_page.status_code == 200
    response = client.post(
        "/account/login/?next=/ideas/new/",
        {"login": employee.email, "password": "a-long-test-password", "next": "/ideas/new/"},
    )
    assertRedirects(response, "/ideas/new/", fetch_redirect_response=False)
    _assert_kept(client.get("/ideas/new/"), data)


# --- The list of ideas ---


@pytest.fixture
def thirty(people, tree):
    start = timezone.now() - timedelta(days=60)
    made = []
    for i in range(30):
        made.append(
            factories.idea(
                author=people["employee"],
                title=f"Förslag {i:02d} om matsalen",
                kind="service" if i % 2 else "process",
                now=start + timedelta(hours=i),
                notify_office=False,
            )
        )
    return made


def test_list_paginates(client, people, thirty):
    client.force_login(people["colleague"])
    first = client.get("/ideas/")
    assert first.status_code == 200
    newest_first = [idea.pk for idea in reversed(thirty)]
    assert idea_links(first) == newest_first[:25]
    second = client.get("/ideas/?page=2")
    assert second.status_code == 200
    assert idea_links(second) == newest_first[25:]
    assert second.context["page_obj"].number == 2
    assert 'aria-current="page"' in second.content.decode()
    # A page number out of range shows the last page.
    assert idea_links(client.get("/ideas/?page=99")) == newest_first[25:]


def test_search_with_very_many_matches_shows_the_best_and_says_there_are_more(client, people, thirty, monkeypatch):
    monkeypatch.setattr("ideas.views.SEARCH_RESULTS_CAP", 26)
    client.force_login(people["colleague"])
    response = client.get("/ideas/?q=matsalen")
    paginator = response.context["page_obj"].paginator
    assert paginator.capped
    assert paginator.num_pages == 2
    assert "More than 26 ideas match" in response.content.decode() or "Fler än 26 idéer" in response.content.decode()
    assert len(idea_links(client.get("/ideas/?q=matsalen&page=2"))) == 1
    # Without a search every idea is counted.
    assert not client.get("/ideas/").context["page_obj"].paginator.capped


def test_list_filters_and_search(client, people, tree, thirty):
    other = factories.idea(
        author=people["colleague"], unit=tree["SDF-S-SKO"], title="Skolgård som odlingslott", kind="product"
    )
    factories.move(thirty[0], by=people["office"], to=Stage.PRESTUDY)
    client.force_login(people["colleague"])

    def listed(query):
        response = client.get(f"/ideas/?{query}")
        assert response.status_code == 200
        return response.context["page_obj"].paginator.object_list

    assert {i.pk for i in listed("kind=product")} == {other.pk}
    assert len(listed("kind=service")) == 15
    assert {i.pk for i in listed("stage=prestudy")} == {thirty[0].pk}
    assert {i.pk for i in listed(f"unit={tree['SDF-S'].pk}")} == {other.pk}
    assert len(listed(f"unit={tree['SDF-N'].pk}")) == 30
    assert {i.pk for i in listed("q=odlingslott")} == {other.pk}
    assert len(listed("q=matsalen")) == 30
    assert {i.pk for i in listed("q=matsalen&stage=prestudy")} == {thirty[0].pk}
    assert listed("source=supplier").count() == 0
    empty = client.get("/ideas/?q=rymdskepp")
    assert sv("No ideas match the search and filters.") in empty.content.decode()


def test_list_sorts_by_title(client, people, thirty):
    client.force_login(people["colleague"])
    response = client.get("/ideas/?sort=title")
    assert idea_links(response) == [idea.pk for idea in thirty[:25]]


def test_list_htmx_returns_the_results_only(client, people, thirty):
    client.force_login(people["colleague"])
    response = client.get("/ideas/?page=2", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assertTemplateUsed(response, "ideas/partials/idea_results.html")
    assertTemplateNotUsed(response, "base.html")
    assert "<html" not in response.content.decode()
    assert len(idea_links(response)) == 5


def test_list_for_anonymous_shows_public_ideas_only(client, people):
    public = factories.idea(author=people["employee"], title="Öppen skolgård", visibility=Visibility.PUBLIC)
    factories.idea(author=people["employee"], title="Intern rutin för nycklar")
    response = client.get("/ideas/")
    assert idea_links(response) == [public.pk]
    assert "Intern rutin för nycklar" not in response.content.decode()


# --- Triage ---


def test_triage_shows_overdue_ideas_first_and_counts_them(client, people, tree):
    now = timezone.now()
    fresh = factories.idea(author=people["employee"], title="Färsk idé", now=now - timedelta(days=2))
    late = factories.idea(author=people["employee"], title="Sen idé", now=now - timedelta(days=35))
    later = factories.idea(author=people["employee"], title="Mycket sen idé", now=now - timedelta(days=50))
    answered = factories.idea(author=people["employee"], title="Besvarad idé", now=now - timedelta(days=60))
    factories.move(answered, by=people["office"], to=Stage.PRESTUDY)
    factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Södra idé", now=now - timedelta(days=45))
    client.force_login(people["office"])
    response = client.get("/ideas/triage/")
    assert response.status_code == 200
    assert idea_links(response) == [later.pk, late.pk, fresh.pk]
    assert response.context["counts"]["waiting"] == 3
    assert response.context["counts"]["overdue"] == 2
    assert '<span class="sprang-stat sprang-overdue">2</span>' in response.content.decode()
    assert response.content.decode().count("govuk-tag--red") == 2


def test_triage_of_the_south_office(client, people, tree):
    south = factories.idea(
        author=people["colleague"], unit=tree["SDF-S-SKO"], title="Södra idé", now=timezone.now() - timedelta(days=45)
    )
    factories.idea(author=people["employee"], title="Norra idé")
    client.force_login(people["other_office"])
    response = client.get("/ideas/triage/")
    assert idea_links(response) == [south.pk]
    assert response.context["counts"]["overdue"] == 1


def test_triage_for_the_director_covers_the_city(client, people, tree):
    factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Södra idé")
    factories.idea(author=people["employee"], title="Norra idé")
    client.force_login(people["director"])
    assert len(idea_links(client.get("/ideas/triage/"))) == 2


# --- Pipeline ---


@pytest.fixture
def pipeline_ideas(people, tree):
    north = factories.idea(author=people["employee"], title="Norra idén")
    north_pilot = factories.idea(author=people["employee"], title="Norra piloten")
    factories.move(north_pilot, by=people["office"], to=Stage.PILOT)
    south = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Södra idén")
    return {"north": north, "north_pilot": north_pilot, "south": south}


@pytest.mark.parametrize("view", ["board", "table"])
def test_pipeline_of_a_manager_shows_their_subtree(client, people, pipeline_ideas, view):
    client.force_login(people["manager"])
    response = client.get(f"/ideas/pipeline/?view={view}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Norra idén" in html
    assert "Norra piloten" in html
    assert "Södra idén" not in html
    assert set(idea_links(response)) == {pipeline_ideas["north"].pk, pipeline_ideas["north_pilot"].pk}
    assert response.context["counts"]["total"] == 2


@pytest.mark.parametrize("view", ["board", "table"])
def test_pipeline_of_the_director_shows_everything(client, people, pipeline_ideas, view):
    client.force_login(people["director"])
    response = client.get(f"/ideas/pipeline/?view={view}")
    assert response.status_code == 200
    assert set(idea_links(response)) == {idea.pk for idea in pipeline_ideas.values()}
    assert response.context["counts"]["total"] == 3


def test_pipeline_board_columns(client, people, pipeline_ideas):
    client.force_login(people["director"])
    columns = {col["stage"]: col for col in client.get("/ideas/pipeline/").context["columns"]}
    assert list(columns) == ["idea", "prestudy", "pilot", "implementation", "spread", "closed", "parked"]
    assert columns["idea"]["count"] == 2
    assert columns["pilot"]["count"] == 1
    assert [i.title for i in columns["pilot"]["ideas"]] == ["Norra piloten"]
    assert columns["prestudy"]["count"] == 0


@pytest.mark.parametrize("view", ["board", "table"])
def test_the_pipelines_two_views_are_plain_links_marking_the_one_shown(client, people, pipeline_ideas, view):
    """Links to two views of the page, not the design system's tabs (which put a dash before each label)."""
    client.force_login(people["director"])
    page = client.get(f"/ideas/pipeline/?view={view}").text
    nav = page[page.index('<nav class="sprang-subnav"') :]
    nav = nav[: nav.index("</nav>")]
    assert "govuk-tabs" not in page
    shown = "Tavla" if view == "board" else "Tabell"
    assert f'aria-current="page">{shown}</a>' in nav
    assert nav.count('aria-current="page"') == 1


def test_pipeline_figures_follow_a_decision_at_once(client, people, pipeline_ideas, django_capture_on_commit_callbacks):
    """The board's figures are cached, but never across a committed change to the ideas."""
    client.force_login(people["director"])
    assert client.get("/ideas/pipeline/").context["counts"]["pilots"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        factories.move(pipeline_ideas["north"], by=people["office"], to=Stage.PILOT)
    response = client.get("/ideas/pipeline/")
    assert response.context["counts"]["pilots"] == 2
    assert {col["stage"]: col["count"] for col in response.context["columns"]}["pilot"] == 2


def test_pipeline_of_the_coach_includes_ideas_they_coach_elsewhere(client, people, pipeline_ideas):
    services.coach_assign(idea=pipeline_ideas["south"], coach=people["coach"], by=people["other_office"])
    client.force_login(people["coach"])
    response = client.get("/ideas/pipeline/?view=table")
    assert set(idea_links(response)) == {idea.pk for idea in pipeline_ideas.values()}


@pytest.mark.parametrize("url", ["/ideas/triage/", "/ideas/pipeline/", "/ideas/pipeline/?view=table"])
@pytest.mark.parametrize("role", ["employee", "resident", "supplier"])
def test_triage_and_pipeline_forbidden(client, people, url, role):
    client.force_login(people[role])
    assert client.get(url).status_code == 403


def test_triage_forbidden_for_manager_and_coach(client, people):
    for role in ("manager", "coach"):
        client.force_login(people[role])
        assert client.get("/ideas/triage/").status_code == 403, role
        assert client.get("/ideas/pipeline/").status_code == 200, role


@pytest.mark.parametrize("url", ["/ideas/triage/", "/ideas/pipeline/"])
def test_triage_and_pipeline_need_sign_in(client, db, url):
    assert_sign_in_redirect(client.get(url), url)


# --- Comments ---


def test_comment_is_published(client, people, idea):
    client.force_login(people["colleague"])
    response = client.post(f"/ideas/{idea.pk}/comments/", {"body": "Vi har samma problem på Skola Södra."})
    assertRedirects(response, f"/ideas/{idea.pk}/#comments", fetch_redirect_response=False)
    comment = Comment.objects.get()
    assert comment.author == people["colleague"]
    page = client.get(f"/ideas/{idea.pk}/")
    assert "Vi har samma problem på Skola Södra." in page.content.decode()


def test_empty_comment_shows_the_error(client, people, idea):
    client.force_login(people["colleague"])
    response = client.post(f"/ideas/{idea.pk}/comments/", {"body": ""})
    assert response.status_code == 200
    assert 'href="#id_body"' in response.content.decode()
    assert not Comment.objects.exists()


def test_resident_cannot_comment_on_an_internal_idea(client, people, idea):
    client.force_login(people["resident"])
    assert client.post(f"/ideas/{idea.pk}/comments/", {"body": "Hej!"}).status_code == 404
    assert not Comment.objects.exists()


def test_hiding_a_comment_shows_the_reason_in_its_place(client, people, idea):
    comment = services.comment_add(idea=idea, author=people["colleague"], body="Ring Kalle på 070-123 45 67.")
    client.force_login(people["office"])
    page = client.get(f"/ideas/{idea.pk}/")
    assert f'href="/ideas/comments/{comment.pk}/hide/"' in page.content.decode()
    form = client.get(f"/ideas/comments/{comment.pk}/hide/")
    assert form.status_code == 200
    missing = client.post(f"/ideas/comments/{comment.pk}/hide/", {"reason": ""})
    assert missing.status_code == 200
    assert 'href="#id_reason"' in missing.content.decode()
    assert not Comment.objects.get(pk=comment.pk).hidden
    response = client.post(f"/ideas/comments/{comment.pk}/hide/", {"reason": "Personuppgifter om en tredje person."})
    assertRedirects(response, f"/ideas/{idea.pk}/#comments", fetch_redirect_response=False)
    comment.refresh_from_db()
    assert comment.hidden
    assert comment.hidden_by == people["office"]
    client.force_login(people["colleague"])
    html = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "070-123 45 67" not in html
    assert sv("The comment is hidden by a moderator: %(reason)s", reason="Personuppgifter om en tredje person.") in html


@pytest.mark.parametrize("role", ["employee", "colleague", "other_office", "manager"])
def test_hiding_is_forbidden_for_others(client, people, idea, role):
    comment = services.comment_add(idea=idea, author=people["colleague"], body="Bra idé!")
    client.force_login(people[role])
    assert client.post(f"/ideas/comments/{comment.pk}/hide/", {"reason": "Nej."}).status_code == 403
    assert not Comment.objects.get(pk=comment.pk).hidden


# --- Support through htmx ---


def test_support_through_htmx_returns_the_panel(client, people, idea):
    client.force_login(people["colleague"])
    response = client.post(f"/ideas/{idea.pk}/support/", {"kind": "same_need"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assertTemplateUsed(response, "ideas/partials/support.html")
    assertTemplateNotUsed(response, "base.html")
    html = response.content.decode()
    assert "<html" not in html
    assert re.search(r'aria-pressed="true">✓ ', html)
    assert html.count('aria-pressed="false"') == 1
    assert response.context["idea"].support_count == 1
    assert Support.objects.filter(idea=idea, user=people["colleague"], kind="same_need").exists()
    # Pressing again takes the support back.
    again = client.post(f"/ideas/{idea.pk}/support/", {"kind": "same_need"}, HTTP_HX_REQUEST="true")
    assert again.context["idea"].support_count == 0
    assert 'aria-pressed="true"' not in again.content.decode()
    assert not Support.objects.exists()


def test_support_without_htmx_redirects(client, people, idea):
    client.force_login(people["colleague"])
    response = client.post(f"/ideas/{idea.pk}/support/", {"kind": "want_to_help"})
    assertRedirects(response, f"/ideas/{idea.pk}/", fetch_redirect_response=False)
    assert Support.objects.filter(kind="want_to_help").count() == 1


def test_author_cannot_support_their_own_idea(client, people, idea):
    client.force_login(people["employee"])
    response = client.post(f"/ideas/{idea.pk}/support/", {"kind": "same_need"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not Support.objects.exists()


# --- Attachments ---


def _with_attachment(author, visibility):
    idea = factories.idea(author=author, title="Idé med bilaga", visibility=visibility)
    upload = SimpleUploadedFile("kalkyl.pdf", PDF, content_type="application/pdf")
    return services.attachment_add(idea=idea, uploaded_by=author, upload=upload)


@pytest.mark.parametrize("role", ["resident", "supplier", None])
def test_attachment_of_an_internal_idea_is_404_for_outsiders(client, people, role):
    attachment = _with_attachment(people["employee"], Visibility.INTERNAL)
    if role:
        client.force_login(people[role])
    assert client.get(f"/ideas/attachments/{attachment.pk}/").status_code == 404


def test_attachment_downloads_for_staff(client, people):
    attachment = _with_attachment(people["employee"], Visibility.INTERNAL)
    client.force_login(people["colleague"])
    response = client.get(f"/ideas/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="kalkyl.pdf"' in response["Content-Disposition"]


def test_attachment_of_a_public_idea_downloads_for_a_resident(client, people):
    attachment = _with_attachment(people["employee"], Visibility.PUBLIC)
    client.force_login(people["resident"])
    assert client.get(f"/ideas/attachments/{attachment.pk}/").status_code == 200


# --- Language ---


def test_swedish_by_default_and_english_after_switching(client, db):
    start = client.get("/")
    assert start.status_code == 200
    assert '<html lang="sv"' in start.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assertRedirects(response, "/", fetch_redirect_response=False)
    english = client.get("/").content.decode()
    assert '<html lang="en"' in english
    assert "Share an idea" in english
    assert 'name="language" value="sv"' in english
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert '<html lang="sv"' in client.get("/").content.decode()


# --- A fixed number of queries whatever the row count ---

LIST_MAX_QUERIES = 10  # the page's ids, then its rows (deferred join)
# The filter fields read their units for their key, and draw them when not kept (in the tests every kept
# fragment is drawn again to be compared).
BOARD_MAX_QUERIES = 15


def _many_ideas(people, n):
    coach = factories.person(unit=people["coach"].unit, role=Role.COACH, name="Cecilia Storcoach", capacity=100)
    start = timezone.now() - timedelta(days=10)  # one author, so spread out under the hourly limit
    for i in range(n):
        idea = factories.idea(
            author=people["employee"], title=f"Idé nummer {i}", now=start + timedelta(hours=i), notify_office=False
        )
        if i % 3:
            factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
        if i % 3 == 2:
            services.coach_assign(idea=idea, coach=coach, by=people["office"])
        if i % 5 == 0:
            services.support_toggle(idea=idea, user=people["colleague"], kind="same_need")
            services.comment_add(idea=idea, author=people["colleague"], body="Bra!")


@pytest.mark.parametrize("n", [10, 40])
def test_list_page_queries_do_not_grow_with_rows(client, people, django_assert_max_num_queries, n):
    _many_ideas(people, n)
    client.force_login(people["colleague"])
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get("/ideas/")
    assert len(idea_links(response)) == min(n, 25)


@pytest.mark.parametrize("n", [10, 40])
def test_pipeline_board_queries_do_not_grow_with_rows(client, people, django_assert_max_num_queries, n):
    _many_ideas(people, n)
    client.force_login(people["director"])
    with django_assert_max_num_queries(BOARD_MAX_QUERIES):
        response = client.get("/ideas/pipeline/")
    assert response.context["counts"]["total"] == n


def test_the_board_and_the_lists_read_only_what_a_card_or_a_row_shows(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _many_ideas(people, 12)
    client.force_login(people["director"])
    for address in ("/ideas/pipeline/", "/ideas/pipeline/?view=table", "/ideas/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        reading = [q["sql"] for q in queries.captured_queries if '"ideas_idea"."title"' in q["sql"]]
        assert reading, address
        for sql in reading:  # no long texts of the idea, nothing of its author
            assert '"ideas_idea"."problem"' not in sql and '"organisation_user"."email"' not in sql, (address, sql)


def test_the_idea_page_reads_its_comments_with_only_what_a_comment_shows(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    idea = factories.idea(author=people["employee"], visibility="public")
    services.comment_add(idea=idea, author=people["colleague"], body="Bra idé!")
    client.force_login(people["office"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/ideas/{idea.pk}/")
    assert "Bra idé!" in page.content.decode() and people["colleague"].name in page.content.decode()
    [comments] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "ideas_comment"')]
    assert '"organisation_user"."email"' not in comments and "hidden_by" not in comments


def test_detail_page_asks_for_co_authors_once_however_many_rules_it_checks(
    client, people, django_assert_max_num_queries
):
    """The detail page checks a dozen rules; the author rules use the prefetched co-authors.

    Its reads: session, person, the idea with its prefetches (publication steps among them), supports and follows.
    """
    idea = factories.idea(author=people["employee"], visibility="public", co_authors=[people["colleague"]])
    client.force_login(people["resident"])
    client.get(f"/ideas/{idea.pk}/")
    with django_assert_max_num_queries(16):  # one of them: is it an answer to a challenge
        response = client.get(f"/ideas/{idea.pk}/")
    assert response.status_code == 200


# --- Funding from the innovation fund on the idea's timeline ---


def _fund(people, idea, *, grants: int = 1, payments: int = 2, publish: bool = True):
    """A fund call with ``grants`` granted applications about the idea, each paid in parts, with a final report."""
    from decimal import Decimal

    from calls import services as calls

    director, employee = people["director"], people["employee"]
    now = timezone.now()
    call = calls.call_create(
        by=director,
        programme="fund",
        title="Innovationsfonden",
        summary="Medel till idéer i slussen.",
        description="Sök medel.",
        year=now.year,
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=10),
        budget=Decimal(2_000_000),
    )
    calls.criterion_add(call=call, by=director, name="Nytta")
    calls.call_publish(call=call, by=director)
    chair = people["colleague"]  # the office sits on no jury
    calls.juror_add(call=call, by=director, user=chair, is_chair=True)
    for n in range(grants):
        application = calls.application_start(call=call, applicant=employee)
        application = calls.application_save(
            application=application,
            by=employee,
            expected_version=application.version,
            title=f"Pilot {n + 1} med digitala lås",
            summary="Kort.",
            description="Längre.",
            idea=idea,
            requested_amount=Decimal(150_000),
            budget_lines=[("Lås", Decimal(150_000))],
        )
        application = calls.application_submit(
            application=application, by=employee, expected_version=application.version
        )
        calls.application_screen(application=application, by=director, eligible=True)
        calls.decision_record(
            application=application,
            by=chair,
            granted=True,
            justification="Tydlig nytta för brukarna.",
            amount=Decimal(120_000),
        )
        application.refresh_from_db()
        for p in range(payments):
            calls.payment_record(
                application=application,
                by=director,
                amount=Decimal(40_000),
                paid_on=timezone.localdate() - timedelta(days=payments - p),
            )
        calls.final_report_submit(
            application=application,
            by=employee,
            results="Låsen sparade 40 minuter per pass.",
            lessons="Brukarna behövde information i förväg.",
            recommend_spread=True,
        )
    if publish:
        # Results are published once the call has closed.
        type(call).objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
        call.refresh_from_db()
        calls.results_publish(call=call, by=director)
    return call


def _digits(html: str) -> str:
    return re.sub(r"[\s\xa0]|&nbsp;", "", html)


def test_the_timeline_shows_the_ideas_funding_payments_and_final_report(client, people):
    idea = factories.idea(author=people["employee"], visibility="public")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    _fund(people, idea)
    response = client.get(f"/ideas/{idea.pk}/")  # anyone who may read the idea
    html = response.content.decode()
    assert 'id="funding-' in html and 'id="final-report-' in html
    assert "Innovationsfonden" in html and "Tydlig nytta för brukarna." in html
    assert "120000" in _digits(html) and html.count("40\xa0000") + _digits(html).count("40000") >= 2
    assert "Låsen sparade 40 minuter per pass." in html and "Brukarna behövde information i förväg." in html
    # In time order: the gate decision, the grant, then the final report.
    assert html.index("Låsen sparade") > html.index('id="funding-') > html.index("Beslut enligt underlag.")


def test_funding_stays_off_the_page_until_the_results_are_published(client, people):
    idea = factories.idea(author=people["employee"], visibility="public")
    _fund(people, idea, publish=False)
    assert 'id="funding-' not in client.get(f"/ideas/{idea.pk}/").content.decode()


def test_only_those_who_may_read_the_idea_see_its_funding(client, people):
    idea = factories.idea(author=people["employee"])  # internal
    _fund(people, idea)
    client.force_login(people["resident"])
    assert client.get(f"/ideas/{idea.pk}/").status_code == 404
    client.force_login(people["colleague"])
    assert 'id="final-report-' in client.get(f"/ideas/{idea.pk}/").content.decode()


@pytest.mark.parametrize(("grants", "payments"), [(1, 1), (3, 3)])
def test_the_funding_on_the_detail_page_takes_a_fixed_number_of_queries(
    client, people, django_assert_max_num_queries, grants, payments
):
    idea = factories.idea(author=people["employee"], visibility="public", co_authors=[people["colleague"]])
    _fund(people, idea, grants=grants, payments=payments)
    client.force_login(people["resident"])
    client.get(f"/ideas/{idea.pk}/")
    with django_assert_max_num_queries(18):  # the 16 of an idea without funding, the applications and payments
        response = client.get(f"/ideas/{idea.pk}/")
    assert response.content.decode().count('id="funding-') == grants


# --- Files: only allowed kinds, served only as downloads ---

HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
SVG_IMAGE = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="5"/></svg>\n'
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("sida.html", HTML_PAGE, "text/html"),
        ("bild.svg", SVG_IMAGE, "image/svg+xml"),
        ("skiss.html", PNG_HEADER + HTML_PAGE, "text/html"),  # a PNG header and a page: a polyglot
        ("anteckningar.html", "Möte med enhetschefen.\n".encode(), "text/html"),
        ("underlag.pdf", PDF, "text/html"),  # declared as something it is not
    ],
)
def test_pages_images_with_script_and_mismatched_files_are_refused_in_the_form(
    client, people, tree, name, content, declared
):
    """The form as a browser sends it: the fields the page renders, filled in, and the file."""
    client.force_login(people["employee"])
    page = client.get("/ideas/new/")
    data = {key: values[0] for key, values in form_values(page).items() if key != "next"}
    typed = idea_form_data(tree["SDF-N-ALD-1"])
    chosen = ("title", "problem", "audience", "proposal", "expected_value", "kind", "values")
    data.update({key: typed[key] for key in chosen})
    response = client.post("/ideas/new/", {**data, "attachments": SimpleUploadedFile(name, content, declared)})
    assert response.status_code == 200
    assert not Idea.objects.exists()
    assert not Attachment.objects.exists()
    assert escape(name) in error_message(response, "attachments")
    assert 'href="#id_attachments"' in response.content.decode()
    kept = form_values(response)
    for key in ("title", "problem", "audience", "proposal", "expected_value"):
        assert kept[key] == [typed[key]], key
    assert kept["values"] == typed["values"]


def test_a_page_attached_on_the_idea_page_is_refused(client, people):
    idea = factories.idea(author=people["employee"], title="Idé med bilaga")
    client.force_login(people["employee"])
    response = client.post(
        f"/ideas/{idea.pk}/attachments/",
        {"file": SimpleUploadedFile("skiss.html", PNG_HEADER + HTML_PAGE, "image/png")},
        follow=True,
    )
    assert (
        sv(
            "The file %(name)s is not of an allowed type. Attach PDF, images (PNG, JPEG), Word, Excel, PowerPoint, OpenDocument or plain text.",
            name="skiss.html",
        )
        in response.content.decode()
    )
    assert not Attachment.objects.exists()


def test_a_download_is_an_attachment_that_is_never_rendered(client, people):
    idea = factories.idea(author=people["employee"], title="Idé med bilaga", visibility=Visibility.INTERNAL)
    attachment = services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("Förstudie \u202efdp.pdf", PDF, content_type="application/pdf"),
    )
    client.force_login(people["colleague"])
    response = client.get(f"/ideas/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Forstudie _u202efdp.pdf\"; filename*=UTF-8''F%C3%B6rstudie%20%5Cu202efdp.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private, no-store"
    assert "Förstudie \\u202efdp.pdf" in client.get(idea.get_absolute_url()).content.decode()


def test_a_text_file_is_served_as_plain_text_to_download(client, people):
    idea = factories.idea(author=people["employee"], title="Idé med bilaga", visibility=Visibility.INTERNAL)
    attachment = services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("sida.txt", HTML_PAGE, content_type="text/plain"),
    )
    client.force_login(people["colleague"])
    response = client.get(f"/ideas/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_file_of_an_internal_idea_is_refused_anonymously_and_to_residents(client, people):
    attachment = _with_attachment(people["employee"], Visibility.INTERNAL)
    assert client.get(f"/ideas/attachments/{attachment.pk}/").status_code == 404
    client.force_login(people["resident"])
    assert client.get(f"/ideas/attachments/{attachment.pk}/").status_code == 404
    # A resident's own file on their own (internal) idea is theirs alone, not another resident's.
    own = factories.idea(author=people["resident"], title="Min idé", visibility=Visibility.INTERNAL)
    mine = services.attachment_add(
        idea=own,
        uploaded_by=people["resident"],
        upload=SimpleUploadedFile("kalkyl.pdf", PDF, content_type="application/pdf"),
    )
    assert client.get(f"/ideas/attachments/{mine.pk}/").status_code == 200
    client.force_login(people["supplier"])
    assert client.get(f"/ideas/attachments/{mine.pk}/").status_code == 404


def test_a_refusal_by_the_service_is_the_sites_403_page(client, people, idea):
    """The view lets the service's PermissionDeniedError through; Django answers it as it answers PermissionDenied."""
    client.force_login(people["employee"])
    response = client.post(f"/ideas/{idea.pk}/support/", {"kind": "same_need"})
    assert response.status_code == 403
    assertTemplateUsed(response, "403.html")
    assert not Support.objects.exists()
