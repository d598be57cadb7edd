"""How much a request may send, and what the server keeps of it.

A visitor who never signed in cannot make the server keep what they post; a form posted after
the session ended is kept only in a browser where someone signed in, and only up to 64 KB. A
request body over 1 MB of text is refused with 413 before it is read (files are counted on their
own); every free-text field has a limit, told at the field on the web and as a 422 naming the
field in the API.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from core.decorators import KEPT_INPUT_KEY
from core.validators import LONG_TEXT_MAX
from ideas.models import Attachment, Idea
from organisation.services import api_token_create
from tests import factories
from tests.ideas.test_views import form_values
from tests.sessions import sign_in_and_let_the_session_end

MB = 1024 * 1024


def largest_session() -> int:
    return max((len(s.session_data) for s in Session.objects.all()), default=0)


def idea_data(unit, **overrides) -> dict:
    data = {
        **factories.IDEA_TEXT,
        "kind": "service",
        "values": ["social"],
        "unit": str(unit.pk),
        "source": "employee",
        "visibility": "internal",
    }
    data.update(overrides)
    return data


def test_an_anonymous_two_megabyte_post_stores_no_session(client, tree):
    """Sent to sign in without the body being read, let alone kept (the 8-hour session row used to hold it)."""
    response = client.post("/ideas/new/", idea_data(tree["SDF-N-ALD-1"], problem="x" * (2 * MB)))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert largest_session() < 4096
    assert not Idea.objects.exists()


def test_an_anonymous_post_below_the_cap_is_not_kept_either(client, tree):
    """A visitor who never signed in is sent to sign in; nothing of theirs is stored."""
    response = client.post("/ideas/new/", idea_data(tree["SDF-N-ALD-1"], problem="x" * 500_000))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert not any(KEPT_INPUT_KEY in s.get_decoded() for s in Session.objects.all())
    assert largest_session() < 4096


def test_a_long_text_posted_after_the_session_ended_is_not_kept_and_the_message_says_how_to_get_it_back(
    client, people, tree
):
    sign_in_and_let_the_session_end(client, people["employee"], "/ideas/new/")
    response = client.post("/ideas/new/", idea_data(tree["SDF-N-ALD-1"], problem="lång text " * 10_000))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert not any(KEPT_INPUT_KEY in s.get_decoded() for s in Session.objects.all())
    assert largest_session() < 4096
    with translation.override("sv"):
        told = [str(m) for m in get_messages(response.wsgi_request)]
        assert told == [
            gettext(
                "Your session had ended, so you need to sign in again. What you wrote was too long to keep here: go back in your browser to copy it before you sign in."
            )
        ]


def test_input_up_to_the_limit_is_kept_for_a_browser_whose_session_ended(client, people, tree):
    sign_in_and_let_the_session_end(client, people["employee"], "/ideas/new/")
    data = idea_data(tree["SDF-N-ALD-1"], problem="Nattpersonalen hinner inte. " * 1000)  # 28 kB
    client.post("/ideas/new/", data)
    client.force_login(people["employee"])
    assert form_values(client.get("/ideas/new/"))["problem"] == [data["problem"]]


def test_a_request_body_over_the_limit_answers_413_with_the_limits(client, people, tree):
    client.force_login(people["employee"])
    response = client.post(
        "/ideas/new/", idea_data(tree["SDF-N-ALD-1"], problem="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    )
    assert response.status_code == 413
    with translation.override("sv"):
        assert gettext("Too much at once") in response.content.decode()
    assert not Idea.objects.exists()


def test_an_api_body_over_the_limit_answers_413_in_json(client, people, tree):
    _token, key = api_token_create(user=people["employee"], name="Test")
    body = {"title": "Stor", "problem": "x" * (2 * MB)}
    response = client.post("/api/v1/ideas/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_too_many_fields_answer_400_not_500(client, people):
    client.force_login(people["employee"])
    fields = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post("/ideas/new/", fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_a_file_larger_than_the_text_limit_is_still_attached(client, people, tree):
    """Files in a form do not count against DATA_UPLOAD_MAX_MEMORY_SIZE; they have their own limit."""
    idea = factories.idea(author=people["employee"])
    client.force_login(people["employee"])
    content = b"Rapport om nattfasta.\n" * (3 * MB // 22)
    assert len(content) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    upload = SimpleUploadedFile("rapport.txt", content, content_type="text/plain")
    response = client.post(f"/ideas/{idea.pk}/attachments/", {"file": upload})
    assert response.status_code == 302
    assert Attachment.objects.get(idea=idea).size == len(content)


def test_an_oversized_field_gets_a_message_at_the_field_and_the_text_is_kept(client, people, tree):
    client.force_login(people["employee"])
    data = form_values(client.get("/ideas/new/"))
    data.update(
        title=[factories.IDEA_TEXT["title"]],
        problem=["p" * (LONG_TEXT_MAX + 1)],
        audience=["Alla"],
        proposal=["Ett förslag."],
        expected_value=["Mer tid."],
        kind=["service"],
        values=["social"],
        unit=[str(tree["SDF-N-ALD-1"].pk)],
    )
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("sv"):
        expected = gettext("Shorten this to at most %(limit_value)d characters; it has %(show_value)d.") % {
            "limit_value": LONG_TEXT_MAX,
            "show_value": LONG_TEXT_MAX + 1,
        }
    assert form.errors["problem"] == [expected]
    assert form_values(response)["problem"] == data["problem"]
    assert not Idea.objects.exists()


def test_an_oversized_field_in_the_api_answers_422_naming_it(client, people, tree):
    _token, key = api_token_create(user=people["employee"], name="Test")
    body = {
        **factories.IDEA_TEXT,
        "expected_value": "v" * (LONG_TEXT_MAX + 1),
        "kind": "service",
        "values": ["social"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
    }
    response = client.post("/api/v1/ideas/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422
    assert response.json()["field"] == "expected_value"
    assert "20000" in response.json()["errors"][0]["message"]
    assert not Idea.objects.exists()


def test_a_browser_someone_signed_in_on_is_marked_and_an_api_client_is_not(client, people):
    from core.middleware import SIGNED_IN_COOKIE

    _token, key = api_token_create(user=people["employee"], name="Test")
    api = client.get("/api/v1/ideas/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200
    assert SIGNED_IN_COOKIE not in api.cookies
    client.force_login(people["employee"])
    page = client.get("/ideas/new/")
    assert page.cookies[SIGNED_IN_COOKIE]["httponly"]
