"""Nobody reads or changes another person's non-public data by guessing ids.

Every object reachable by id in the pages and the API (ideas and everything done to
them, comments, attachments, API tokens) is asked for by people who may not have it:
the answer is 404, 403 or the way to sign in, the page shows none of its content, and
nothing in the database changes. For each change, the person who *may* make it does so
with the very same request, so a refusal is never an accident of bad test data.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from core.models import Notification
from ideas import services
from ideas.lock import Stage
from ideas.models import (
    Assessment,
    Attachment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    PublicationEvent,
    Support,
    Visibility,
)
from organisation.models import ApiToken
from organisation.services import api_token_authenticate, api_token_create
from tests import factories

SECRET_TITLE = "Hemligt förslag om nattfasta"
SECRET_PROBLEM = "Nattpersonalen på Björken hinner inte med tillsynen"
SECRET_COMMENT = "Budgeten för försöket är 1,2 miljoner kronor"
SECRET_FILE = b"%PDF-1.4\n% hemlig bilaga: leverantorens anbud\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
SECRETS = (SECRET_TITLE, SECRET_PROBLEM, SECRET_COMMENT, "hemlig bilaga", "budget.pdf")


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SECRET_FILE, content_type="application/pdf")


@pytest.fixture
def world(people, tree):
    employee, office, colleague = people["employee"], people["office"], people["colleague"]
    internal = factories.idea(author=employee, title=SECRET_TITLE, problem=SECRET_PROBLEM)
    comment = services.comment_add(idea=internal, author=colleague, body=SECRET_COMMENT)
    attachment = services.attachment_add(idea=internal, uploaded_by=employee, upload=pdf("budget.pdf"))
    implemented = factories.idea(author=employee, title=f"{SECRET_TITLE} i drift", problem=SECRET_PROBLEM)
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(implemented, by=office, to=stage)
    public = factories.idea(author=employee, title="Öppen idé om bänkar", visibility=Visibility.PUBLIC)
    public_comment = services.comment_add(idea=public, author=colleague, body="Bra idé!")
    token, key = api_token_create(user=employee, name="Förvaltningens rapportsystem")
    return SimpleNamespace(
        people=people,
        internal=internal,
        implemented=implemented,
        public=public,
        comment=comment,
        public_comment=public_comment,
        attachment=attachment,
        token=token,
        key=key,
    )


def snapshot() -> dict[str, list]:
    """Every row a request could change, in full (a token's last use is bookkeeping, not data)."""
    return {
        "ideas": list(Idea.objects.order_by("pk").values()),
        "co_authors": list(Idea.co_authors.through.objects.order_by("pk").values()),
        "decisions": list(GateDecision.objects.order_by("pk").values()),
        "assessments": list(Assessment.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "supports": list(Support.objects.order_by("pk").values()),
        "follows": list(Follow.objects.order_by("pk").values()),
        "attachments": list(Attachment.objects.order_by("pk").values()),
        "publication": list(PublicationEvent.objects.order_by("pk").values()),
        "tokens": list(ApiToken.objects.order_by("pk").values("pk", "user_id", "name", "key_hash", "revoked_at")),
        "notifications": list(Notification.objects.order_by("pk").values()),
    }


# --- The requests: (method, path, data, is JSON) for an idea ---

Request = tuple[str, str, dict, bool]


def edit(w, idea) -> Request:
    data = {
        "title": "Ändrad titel",
        "problem": "Ändrat problem.",
        "audience": "Alla.",
        "proposal": "Ändrat förslag.",
        "expected_value": "Ändrat värde.",
        "kind": "service",
        "values": ["social"],
        "unit": str(idea.unit_id),
        "visibility": idea.visibility,
        "public_consent": "on",
        "version": str(idea.version),
    }
    return "post", f"/ideas/{idea.pk}/edit/", data, False


def decide(w, idea) -> Request:
    data = {
        "version": str(idea.version),
        "to_stage": "prestudy",
        "rationale": "Behovet är tydligt.",
        "check_need_clear": "on",
        "check_owner_named": "on",
    }
    return "post", f"/ideas/{idea.pk}/decide/?to=prestudy", data, False


def classify(w, idea) -> Request:
    data = {"version": str(idea.version), "unit": str(idea.unit_id), "kind": "external_relations"}
    return "post", f"/ideas/{idea.pk}/classify/", data, False


def coach(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/coach/", {"coach": str(w.people["coach"].pk)}, False


def assess(w, idea) -> Request:
    data = {"novelty": "city", "value_evidence": "Färre larm på natten.", "in_use": "on", "used_by": "Björken"}
    return "post", f"/ideas/{w.implemented.pk if idea == w.internal else idea.pk}/assess/", data, False


def comment(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/comments/", {"body": "Jag vill veta mer."}, False


def support(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/support/", {"kind": "same_need"}, False


def follow(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/follow/", {}, False


def attach(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/attachments/", {"file": pdf()}, False


def hide_comment(w, idea) -> Request:
    target = w.comment if idea == w.internal else w.public_comment
    return "post", f"/ideas/comments/{target.pk}/hide/", {"reason": "Personuppgifter."}, False


def ask_to_publish(w, idea) -> Request:
    return "post", f"/ideas/{idea.pk}/publication/", {"action": "ask", "message": "Får vi visa den?"}, False


def consent_to_publish(w, idea) -> Request:
    data = {"action": "consent", "public_consent": "on", "version": str(idea.version)}
    return "post", f"/ideas/{idea.pk}/publication/", data, False


def api_decide(w, idea) -> Request:
    data = {
        "to_stage": "prestudy",
        "rationale": "Behovet är tydligt.",
        "checklist": {"need_clear": True, "owner_named": True},
    }
    return "post", f"/api/v1/ideas/{idea.pk}/decisions", data, True


#: Each change and who may make it (to show that the request itself is a working one).
CHANGES: dict[str, tuple[Callable[..., Request], str]] = {
    "edit": (edit, "employee"),
    "decide": (decide, "office"),
    "coach": (coach, "office"),
    "classify": (classify, "office"),
    "assess": (assess, "office"),
    "comment": (comment, "colleague"),
    "support": (support, "colleague"),
    "follow": (follow, "colleague"),
    "attach": (attach, "employee"),
    "hide_comment": (hide_comment, "office"),
    "api_decide": (api_decide, "office"),
    "ask_to_publish": (ask_to_publish, "office"),
    "consent_to_publish": (consent_to_publish, "employee"),
}
#: The changes only the author, the coach or those who decide may make, even on an idea they can read.
PRIVILEGED = (
    "edit",
    "decide",
    "coach",
    "classify",
    "assess",
    "attach",
    "hide_comment",
    "api_decide",
    "ask_to_publish",
    "consent_to_publish",
)

READS: dict[str, Callable[..., str]] = {
    "detail": lambda w: f"/ideas/{w.internal.pk}/",
    "edit_form": lambda w: f"/ideas/{w.internal.pk}/edit/",
    "decide_form": lambda w: f"/ideas/{w.internal.pk}/decide/?to=prestudy",
    "classify_form": lambda w: f"/ideas/{w.internal.pk}/classify/",
    "assess_form": lambda w: f"/ideas/{w.implemented.pk}/assess/",
    "hide_form": lambda w: f"/ideas/comments/{w.comment.pk}/hide/",
    "publication_page": lambda w: f"/ideas/{w.internal.pk}/publication/",
    "attachment": lambda w: f"/ideas/attachments/{w.attachment.pk}/",
    "api_read": lambda w: f"/api/v1/ideas/{w.internal.pk}",
    "api_read_implemented": lambda w: f"/api/v1/ideas/{w.implemented.pk}",
}

OUTSIDERS = ("anonymous", "resident", "supplier")


def client_for(w, who: str) -> tuple[Client, dict]:
    """A client as ``who``, and the headers its API calls carry (a token of their own)."""
    client = Client()
    if who == "anonymous":
        return client, {}
    person = w.people[who]
    client.force_login(person)
    _token, key = api_token_create(user=person, name="Eget skript")
    return client, {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client: Client, headers: dict, request: Request):
    method, path, data, is_json = request
    if not path.startswith("/api/"):
        headers = {}  # the pages use the session
    if method == "get":
        return client.get(path, **headers)
    if is_json:
        return client.post(path, data, content_type="application/json", **headers)
    return client.post(path, data, **headers)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_refused(response, who: str) -> None:
    if response.status_code == 302:
        assert who == "anonymous", f"{who} was redirected to {response['Location']}"
        assert response["Location"].startswith("/account/login/")
    else:
        allowed = {401, 404} if who == "anonymous" else {403, 404}
        assert response.status_code in allowed, response.status_code
    content = body_of(response)
    for secret in SECRETS:
        assert secret.encode() not in content, secret


# --- Outsiders and an internal idea ---


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", READS)
def test_outsiders_cannot_read_an_internal_idea_or_what_belongs_to_it(world, who, name):
    client, headers = client_for(world, who)
    before = snapshot()
    response = send(client, headers, ("get", READS[name](world), {}, False))
    assert_refused(response, who)
    assert snapshot() == before


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", CHANGES)
def test_outsiders_cannot_change_an_internal_idea(world, who, name):
    client, headers = client_for(world, who)
    make, _allowed = CHANGES[name]
    before = snapshot()
    response = send(client, headers, make(world, world.internal))
    assert_refused(response, who)
    assert snapshot() == before


@pytest.mark.parametrize("name", CHANGES)
def test_the_same_request_works_for_the_one_who_may_make_it(world, name):
    make, allowed = CHANGES[name]
    client, headers = client_for(world, allowed)
    before = snapshot()
    response = send(client, headers, make(world, world.internal))
    assert response.status_code in (200, 201, 302), response.status_code
    assert snapshot() != before


# --- People who may read the idea but not change it ---


@pytest.mark.parametrize("name", PRIVILEGED)
def test_a_colleague_who_reads_an_internal_idea_cannot_decide_edit_or_moderate_it(world, name):
    client, headers = client_for(world, "colleague")
    make, _allowed = CHANGES[name]
    before = snapshot()
    response = send(client, headers, make(world, world.internal))
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("who", ("resident", "supplier"))
@pytest.mark.parametrize("name", PRIVILEGED)
def test_residents_and_suppliers_cannot_change_a_public_idea_they_may_read(world, who, name):
    client, headers = client_for(world, who)
    make, _allowed = CHANGES[name]
    before = snapshot()
    response = send(client, headers, make(world, world.public))
    assert response.status_code in (403, 404)
    assert snapshot() == before


# --- API tokens ---


@pytest.mark.parametrize("who", ("resident", "colleague", "office"))
def test_nobody_revokes_someone_elses_token(world, who):
    client, _headers = client_for(world, who)
    before = snapshot()
    response = client.post("/profile/tokens/", {"revoke": str(world.token.pk)})
    assert response.status_code == 404
    assert snapshot() == before
    assert api_token_authenticate(world.key) == world.people["employee"]


def test_the_tokens_page_lists_only_ones_own(world):
    client, _headers = client_for(world, "colleague")
    html = client.get("/profile/tokens/").content.decode()
    assert "Eget skript" in html
    assert world.token.name not in html
    assert world.token.prefix not in html


def test_revoking_a_token_signed_out_goes_to_sign_in_and_changes_nothing(world):
    before = snapshot()
    response = Client().post("/profile/tokens/", {"revoke": str(world.token.pk)})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert snapshot() == before


# --- Notifications ---


@pytest.fixture
def employees_notes(world):
    """The author has notifications about the internal idea (the colleague's comment)."""
    notes = list(Notification.objects.filter(recipient=world.people["employee"]))
    assert notes and any(SECRET_TITLE in n.message for n in notes)
    return notes


@pytest.mark.parametrize("who", ("resident", "supplier", "colleague", "office"))
def test_a_person_sees_only_their_own_notifications(world, employees_notes, who):
    client, _headers = client_for(world, who)
    own = set(Notification.objects.filter(recipient=world.people[who]).values_list("message", flat=True))
    for path in ("/notifications/", "/"):
        html = client.get(path).content.decode()
        for note in employees_notes:
            if note.message not in own:
                assert escape(note.message) not in html


def test_the_author_sees_those_notifications(world, employees_notes):
    client, _headers = client_for(world, "employee")
    html = client.get("/notifications/").content.decode()
    for note in employees_notes:
        assert escape(note.message) in html


@pytest.mark.parametrize("who", ("resident", "colleague"))
def test_marking_notifications_read_touches_only_ones_own(world, employees_notes, who):
    client, _headers = client_for(world, who)
    response = client.post("/notifications/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=world.people["employee"], read_at__isnull=False).exists()


def test_the_personal_data_download_holds_only_ones_own(world):
    client, _headers = client_for(world, "resident")
    data = client.get("/profile/data.json").json()
    assert data["person"]["email"] == world.people["resident"].email
    assert data["ideas"] == [] and data["comments"] == [] and data["follows"] == []
    assert SECRET_TITLE not in str(data)


def test_followers_who_can_no_longer_read_an_idea_get_no_news_of_it(world):
    """A resident follows a public idea that is then made internal: its news stays inside the city."""
    resident, office = world.people["resident"], world.people["office"]
    idea = world.public
    services.follow_toggle(idea=idea, user=resident)
    services.idea_update(idea=idea, by=office, expected_version=idea.version, visibility=Visibility.INTERNAL)
    services.comment_add(idea=idea, author=world.people["colleague"], body="Nu är den intern.")
    factories.move(Idea.objects.get(pk=idea.pk), by=office, to=Stage.PRESTUDY)
    assert not Notification.objects.filter(recipient=resident).exists()
    assert Notification.objects.filter(recipient=world.people["employee"]).count() >= 2
