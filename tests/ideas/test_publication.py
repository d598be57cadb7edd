"""Only the author makes an idea public; everyone else who works on it may ask, and the author decides.

Every role tries to publish Anna Anställd's internal idea through the edit form and the API; the
office asks through the idea's page as a browser does, and Anna answers there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from core.errors import DomainError, PermissionDeniedError
from core.models import Notification
from ideas import services
from ideas.models import Idea, PublicationEvent, PublicationStep, Visibility
from organisation.services import api_token_create
from tests import factories

PDF = b"%PDF-1.4\n% bilaga om nattfasta\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
SECRET = "Nattfasta på Björken"

ROLES = (
    "author",
    "co_author",
    "coach",
    "office",
    "manager",
    "director",
    "colleague",
    "resident",
    "supplier",
    "anonymous",
)


class _Form(HTMLParser):
    """Every field a form renders (checked or not) and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag in ("input", "textarea", "select") and name:
            self.names.add(name)
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("file", "submit", "button"):
                self.values.setdefault(name, []).append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.values.setdefault(name or "", []).append("")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.setdefault(self._select, []).append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data.lstrip("\n") if not self.values[self._textarea][-1] else data


def forms_on(html: str, action: str | None) -> list[_Form]:
    """The forms on a page that post to ``action`` (``None``: to the page itself), parsed."""
    found = []
    opening = rf'<form[^>]*action="{re.escape(action)}"[^>]*>' if action else r"<form(?![^>]*action=)[^>]*>"
    for chunk in re.findall(rf"{opening}.*?</form>", html, re.S):
        form = _Form()
        form.feed(chunk)
        found.append(form)
    return found


def publication_form(html: str, idea: Idea, action: str) -> dict[str, str]:
    """The data a browser sends from the idea page's form for ``action`` (ask, consent, decline, withdraw)."""
    for form in forms_on(html, f"/ideas/{idea.pk}/publication/"):
        if form.values.get("action") == [action]:
            return {name: values[0] for name, values in form.values.items()}
    raise AssertionError(f"the page has no form to {action}")


@pytest.fixture
def cast(people):
    """Anna's internal idea with a co-author, a coach and an attachment, and who is who."""
    co_author = factories.person(unit=people["colleague"].unit, name="Karin Medförfattare")
    idea = factories.idea(author=people["employee"], title=SECRET, co_authors=[co_author])
    services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("nattfasta.pdf", PDF, content_type="application/pdf"),
    )
    who = {**people, "author": people["employee"], "co_author": co_author}
    return who, Idea.objects.get(pk=idea.pk)


def client_as(person) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def assert_internal_without_consent(idea: Idea) -> None:
    idea.refresh_from_db()
    assert idea.visibility == Visibility.INTERNAL
    assert idea.public_consent_at is None and idea.public_consent_by is None
    assert not PublicationEvent.objects.filter(idea=idea, step=PublicationStep.CONSENTED).exists()
    anonymous = Client()
    assert anonymous.get(f"/ideas/{idea.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/ideas/{idea.pk}").status_code == 404
    assert anonymous.get(f"/ideas/attachments/{idea.attachments.get().pk}/").status_code == 404
    assert SECRET not in anonymous.get("/ideas/").content.decode()


def edit_data(idea: Idea, **changes) -> dict:
    data = {
        "title": idea.title,
        "problem": idea.problem,
        "audience": idea.audience,
        "proposal": idea.proposal,
        "expected_value": idea.expected_value,
        "kind": idea.kind,
        "values": idea.value_keys,
        "unit": str(idea.unit_id),
        "visibility": "public",
        "public_consent": "on",
        "version": str(idea.version),
    }
    data.update(changes)
    return data


# --- Nobody but the author publishes: the edit form and the API, every role ---


@pytest.mark.parametrize("role", ROLES)
def test_only_the_author_makes_the_idea_public_through_the_edit_form(cast, role):
    who, idea = cast
    person = None if role == "anonymous" else who[role]
    response = client_as(person).post(f"/ideas/{idea.pk}/edit/", edit_data(idea))
    assert list(idea.co_authors.all()) == [who["co_author"]]  # the form does not show them: they stay
    if role != "author":
        assert response.status_code in (200, 302, 403, 404)
        assert_internal_without_consent(idea)
        return
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC
    assert idea.public_consent_by == who["author"] and idea.public_consent_at is not None
    step = PublicationEvent.objects.get(idea=idea)
    assert (step.step, step.by) == (PublicationStep.CONSENTED, who["author"])
    assert Client().get(f"/ideas/{idea.pk}/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_nobody_publishes_someone_elses_idea_through_the_api(cast, role):
    who, idea = cast
    headers = {}
    if role != "anonymous":
        _token, key = api_token_create(user=who[role], name="Skript")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    client = Client()
    body = {"visibility": "public", "public_consent": True, "expected_version": idea.version}
    for method in (client.put, client.patch, client.post):
        response = method(f"/api/v1/ideas/{idea.pk}", body, content_type="application/json", **headers)
        assert response.status_code in (401, 404, 405), (method, response.status_code)
    assert_internal_without_consent(idea)
    # What the API does publish is the sender's own new idea, with the sender's own consent.
    payload = {
        "title": "Samåkning till jobbet",
        "problem": "Många kör ensamma.",
        "audience": "Medarbetare.",
        "proposal": "En samåkningstjänst.",
        "expected_value": "Färre bilar.",
        "kind": "service",
        "values": ["environmental"],
        "unit_id": idea.unit_id,
        "visibility": "public",
        "public_consent": True,
    }
    response = client.post("/api/v1/ideas/", payload, content_type="application/json", **headers)
    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 201
    own = Idea.objects.get(pk=response.json()["id"])
    assert own.author == who[role] and own.public_consent_by == who[role]


def test_the_service_refuses_anyone_but_the_author(cast):
    who, idea = cast
    for role in ("co_author", "office", "director"):
        with pytest.raises(DomainError) as excinfo:
            services.idea_update(
                idea=idea, by=who[role], expected_version=idea.version, visibility="public", public_consent=True
            )
        assert excinfo.value.field == "visibility"
    with pytest.raises(PermissionDeniedError):
        services.publication_consent(idea=idea, by=who["office"], public_consent=True)
    assert_internal_without_consent(idea)


def test_an_editor_who_is_not_the_author_is_not_offered_publishing_in_the_form(cast):
    who, idea = cast
    html = client_as(who["office"]).get(f"/ideas/{idea.pk}/edit/").content.decode()
    (form,) = forms_on(html, None)
    assert "title" in form.names
    assert "visibility" not in form.names and "public_consent" not in form.names
    html = client_as(who["author"]).get(f"/ideas/{idea.pk}/edit/").content.decode()
    (form,) = forms_on(html, None)
    assert {"visibility", "public_consent"} <= form.names


def test_the_author_publishes_a_new_idea_from_the_form_they_see(client, people, tree):
    """As a browser: the new-idea page renders the consent box; the author chooses public and ticks it."""
    client.force_login(people["employee"])
    html = client.get("/ideas/new/").content.decode()
    (form,) = forms_on(html, None)
    assert "public_consent" in form.names
    data = {name: values if len(values) > 1 else values[0] for name, values in form.values.items()}
    data.update(
        title="Cykelpool för hemtjänsten",
        problem="Hemtjänsten står i bilkö.",
        audience="Hemtjänsten i Norra.",
        proposal="Tio elcyklar att boka.",
        expected_value="Kortare restid.",
        kind="process",
        values=["environmental"],
        visibility="public",
    )
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    assert 'href="#id_public_consent"' in response.content.decode()
    assert not Idea.objects.exists()
    data["public_consent"] = "on"
    response = client.post("/ideas/new/", data)
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_by == people["employee"]


# --- Asking the author, and the author's answer ---


def test_the_office_asks_and_the_author_consents(cast, django_capture_on_commit_callbacks):
    who, idea = cast
    author, office = who["author"], who["office"]
    author.language = "en"
    author.save(update_fields=["language"])
    asker = client_as(office)
    page = asker.get(f"/ideas/{idea.pk}/").content.decode()
    data = publication_form(page, idea, "ask")
    assert set(data) - {"csrfmiddlewaretoken"} == {"action", "message"}
    data["message"] = "Andra förvaltningar vill gärna läsa om nattfastan."
    with django_capture_on_commit_callbacks(execute=True):
        response = asker.post(f"/ideas/{idea.pk}/publication/", data)
    assert response.status_code == 302
    assert_internal_without_consent(idea)
    asked = PublicationEvent.objects.get(idea=idea)
    assert (asked.step, asked.by, asked.message) == (PublicationStep.ASKED, office, data["message"])

    # The author is told in the app and by email, in English, with a link to the idea.
    note = Notification.objects.get(recipient=author, url__endswith="#publication")
    assert note.message.startswith(f"{office.name} asks you to make your idea “{SECRET}” public.")
    assert note.url == f"/ideas/{idea.pk}/#publication"
    (email,) = [m for m in mail.outbox if m.to == [author.email]]
    assert note.message in email.body and f"/ideas/{idea.pk}/#publication" in email.body

    # The asker sees the request waiting; asking again is refused with a clear message.
    page = asker.get(f"/ideas/{idea.pk}/").content.decode()
    with translation.override("sv"):
        waiting = gettext("You asked the author on %(date)s to make the idea public; waiting for the author.")
    assert waiting.split("%(date)s")[1].strip() in page
    assert not [f for f in forms_on(page, f"/ideas/{idea.pk}/publication/") if f.values.get("action") == ["ask"]]
    response = client_as(who["director"]).post(f"/ideas/{idea.pk}/publication/", {"action": "ask", "message": ""})
    assert response.status_code == 200
    assert office.name in response.content.decode()
    assert PublicationEvent.objects.filter(idea=idea).count() == 1
    with pytest.raises(DomainError) as excinfo:
        services.publication_ask(idea=idea, by=who["co_author"])
    assert excinfo.value.code == "already_asked"

    # The author sees the request and answers on the idea's page, with the consent text.
    author_client = client_as(author)
    page = author_client.get(f"/ideas/{idea.pk}/").content.decode()
    assert data["message"] in page
    consent = publication_form(page, idea, "consent")
    assert "public_consent" not in consent  # not ticked for them
    response = author_client.post(f"/ideas/{idea.pk}/publication/", consent)
    assert response.status_code == 200
    assert 'href="#id_public_consent"' in response.content.decode()
    assert_internal_without_consent(idea)
    consent["public_consent"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = author_client.post(f"/ideas/{idea.pk}/publication/", consent)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC
    assert idea.public_consent_by == author and idea.public_consent_at is not None
    assert list(PublicationEvent.objects.filter(idea=idea).values_list("step", "by")) == [
        (PublicationStep.ASKED, office.pk),
        (PublicationStep.CONSENTED, author.pk),
    ]
    assert Notification.objects.filter(recipient=office, url=f"/ideas/{idea.pk}/#publication").exists()
    public_page = Client().get(f"/ideas/{idea.pk}/")
    assert public_page.status_code == 200
    html = public_page.content.decode()
    with translation.override("sv"):
        assert str(PublicationStep.ASKED.label) in html and str(PublicationStep.CONSENTED.label) in html
    assert author.name in html and office.name in html


def test_the_author_declines_and_may_be_asked_again(cast):
    who, idea = cast
    author, co_author = who["author"], who["co_author"]
    services.publication_ask(idea=idea, by=co_author, message="Får vi visa den?")
    author_client = client_as(author)
    page = author_client.get(f"/ideas/{idea.pk}/").content.decode()
    response = author_client.post(f"/ideas/{idea.pk}/publication/", publication_form(page, idea, "decline"))
    assert response.status_code == 302
    assert_internal_without_consent(idea)
    assert PublicationEvent.objects.filter(idea=idea).latest("pk").step == PublicationStep.DECLINED
    assert Notification.objects.filter(recipient=co_author, url=f"/ideas/{idea.pk}/#publication").exists()
    services.publication_ask(idea=idea, by=co_author)
    assert PublicationEvent.objects.filter(idea=idea).latest("pk").step == PublicationStep.ASKED


def test_declining_needs_a_request(cast):
    who, idea = cast
    with pytest.raises(DomainError):
        services.publication_decline(idea=idea, by=who["author"])


def test_withdrawing_consent_makes_the_idea_internal_again(cast):
    who, idea = cast
    author = who["author"]
    services.publication_consent(idea=idea, by=author, public_consent=True)
    assert Client().get(f"/ideas/{idea.pk}/").status_code == 200
    for role in ("office", "director", "co_author"):
        with pytest.raises(PermissionDeniedError):
            services.publication_withdraw(idea=idea, by=who[role])
    author_client = client_as(author)
    page = author_client.get(f"/ideas/{idea.pk}/").content.decode()
    response = author_client.post(f"/ideas/{idea.pk}/publication/", publication_form(page, idea, "withdraw"))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.visibility == Visibility.INTERNAL and idea.public_consent_by is None
    assert Client().get(f"/ideas/{idea.pk}/").status_code == 404
    assert PublicationEvent.objects.filter(idea=idea).latest("pk").step == PublicationStep.WITHDRAWN
    # Publishing it again takes the author's consent again.
    with pytest.raises(DomainError):
        services.idea_update(
            idea=idea, by=who["office"], expected_version=idea.version, visibility="public", public_consent=True
        )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_ask_and_who_may_answer_on_the_page(cast, role):
    """The web twin of the rules: the ask form for those who may ask, the answer for the author, nothing else."""
    who, idea = cast
    person = None if role == "anonymous" else who[role]
    client = client_as(person)
    for action in ("ask", "decline", "withdraw", "consent"):
        data = {"action": action, "public_consent": "on", "version": str(idea.version)}
        response = client.post(f"/ideas/{idea.pk}/publication/", data)
        allowed = (role in ("co_author", "office", "director") and action == "ask") or (
            role == "author" and action in ("consent", "decline", "withdraw")
        )
        if not allowed:
            assert response.status_code in (302, 403, 404), (action, response.status_code)
            if response.status_code == 302:
                assert role == "author" or response["Location"].startswith("/account/login/")
    idea.refresh_from_db()
    assert idea.visibility == (Visibility.PUBLIC if role == "author" else Visibility.INTERNAL)


@pytest.mark.parametrize("kind", ("resident", "supplier"))
def test_an_idea_by_a_resident_or_supplier_is_published_only_with_their_consent(people, kind):
    author, office = people[kind], people["office"]
    idea = factories.idea(author=author, title="Fler bänkar vid entrén", unit=office.unit)
    with pytest.raises(DomainError):
        services.idea_update(
            idea=idea, by=office, expected_version=idea.version, visibility="public", public_consent=True
        )
    services.publication_ask(idea=idea, by=office)
    assert Notification.objects.filter(recipient=author).exists()
    services.publication_consent(idea=idea, by=author, public_consent=True)
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_by == author


def test_consent_recorded_before_is_the_authors(people):
    """The migration names the author as the one who consented where consent was recorded."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ideas.migrations.0006_publication_consent")
    public = factories.idea(author=people["employee"], visibility="public")
    internal = factories.idea(author=people["colleague"])
    Idea.objects.update(public_consent_by=None)
    migration.consent_given_by_the_author(apps, None)
    assert Idea.objects.get(pk=public.pk).public_consent_by == people["employee"]
    assert Idea.objects.get(pk=internal.pk).public_consent_by is None
