import json

import pytest

from organisation.models import User


def test_person_changes_settings_and_language_follows(client, people):
    user = people["employee"]
    client.force_login(user)
    response = client.post("/profile/", {"name": "Anna Andersson", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.language, user.email_notifications) == ("Anna Andersson", "en", False)
    assert '<html lang="en"' in client.get("/").content.decode()


def test_empty_name_is_refused_and_input_kept(client, people):
    client.force_login(people["employee"])
    response = client.post("/profile/", {"name": "  ", "language": "sv", "email_notifications": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_name"' in body
    assert User.objects.get(pk=people["employee"].pk).name == "Anna Anställd"


def test_download_own_data_only(client, people):
    from ideas import services
    from tests import factories

    factories.idea(author=people["employee"], title="Min idé")
    others = factories.idea(author=people["colleague"], title="Någon annans idé")
    services.publication_ask(idea=others, by=people["other_office"], message="Får vi visa den?")
    services.publication_decline(idea=others, by=people["colleague"])
    client.force_login(people["employee"])
    response = client.get("/profile/data.json")
    data = json.loads(response.content)
    assert data["person"]["email"] == people["employee"].email
    assert [i["title"] for i in data["ideas"]] == ["Min idé"]
    assert data["publication_steps"] == []
    client.force_login(people["other_office"])
    steps = json.loads(client.get("/profile/data.json").content)["publication_steps"]
    assert [(s["idea"], s["step"], s["message"]) for s in steps] == [(others.pk, "asked", "Får vi visa den?")]
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get("/profile/data.json").status_code == 302


def test_health_answers_without_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.content == b"ok"


def test_signed_in_health_answers_a_signed_in_person_and_sends_others_to_sign_in(client, people):
    assert client.get("/health/signed-in/").status_code == 302
    client.force_login(people["employee"])
    response = client.get("/health/signed-in/")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.parametrize(
    "url", ["/profile/", "/profile/data.json", "/profile/tokens/", "/notifications/", "/calls/mine/"]
)
def test_a_persons_own_pages_are_kept_by_no_cache(client, people, url):
    client.force_login(people["employee"])
    response = client.get(url)
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_a_revoked_token_page_answer_is_not_kept_either(client, people):
    from organisation.services import api_token_create

    token, _key = api_token_create(user=people["employee"], name="Rapportsystemet")
    client.force_login(people["employee"])
    response = client.post("/profile/tokens/", {"name": "Nytt system"})
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.post("/profile/tokens/", {"revoke": token.pk})["Cache-Control"]
