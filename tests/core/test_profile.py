import json

import pytest
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.utils import translation

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


STAFF_ENDING = "HR closes your account when you leave the city. What you wrote and decided stays."
FROM_DIRECTORY = "your name, email address and unit come from the city's directory"
ADMIN_NEEDS_MFA = "The admin site requires it."


def settings_page(client, person, *, language: str = "en", url: str = "/profile/") -> str:
    client.force_login(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_city_staff_are_told_that_hr_closes_their_account_and_what_stays(client, people):
    page = settings_page(client, people["employee"])
    assert "Your account as city staff" in page
    assert STAFF_ENDING in page
    assert FROM_DIRECTORY not in page  # signs in with a password, not the city's account
    swedish = settings_page(client, people["employee"], language="sv")
    assert "HR stänger ditt konto när du slutar i staden. Det du har skrivit och beslutat finns kvar." in swedish


def test_staff_signing_in_with_the_citys_account_are_told_their_details_come_from_the_directory(client, people):
    employee = people["employee"]
    SocialAccount.objects.create(user=employee, provider=settings.STAFF_OIDC_PROVIDER, uid="anna-1001")
    assert FROM_DIRECTORY in settings_page(client, employee)
    assert "kommer ditt namn, din e-postadress och din enhet från stadens användarkatalog" in settings_page(
        client, employee, language="sv"
    )

    SocialAccount.objects.filter(user=employee).update(provider="saml")  # the city's account over SAML
    assert FROM_DIRECTORY in settings_page(client, employee)


def test_a_resident_is_told_nothing_of_hr_or_the_directory(client, people):
    resident = people["resident"]
    SocialAccount.objects.create(user=resident, provider=settings.EID_OIDC_PROVIDER, uid="rut-e-id")
    page = settings_page(client, resident)
    assert "Your settings" in page
    assert STAFF_ENDING not in page and FROM_DIRECTORY not in page
    assert "Ask to have your account removed" in page


@pytest.mark.parametrize("url", ["/profile/", "/account/2fa/"])
def test_only_those_who_may_open_the_admin_site_read_that_it_requires_two_step_sign_in(client, people, url):
    resident = people["resident"]
    page = settings_page(client, resident, url=url)
    assert "keeps your account safe even if someone learns your password." in page
    assert ADMIN_NEEDS_MFA not in page
    assert "Administrationssidorna kräver det" not in settings_page(client, resident, language="sv", url=url)

    User.objects.filter(pk=resident.pk).update(is_staff=True)
    assert ADMIN_NEEDS_MFA in settings_page(client, User.objects.get(pk=resident.pk), url=url)
    assert "Administrationssidorna kräver det" in settings_page(
        client, User.objects.get(pk=resident.pk), language="sv", url=url
    )


def test_turning_off_two_step_sign_in_mentions_the_admin_site_only_to_those_who_may_open_it(rf, people):
    from django.template.loader import render_to_string

    def page(person) -> str:
        request = rf.get("/account/2fa/totp/deactivate/")
        request.user = person
        with translation.override("en"):
            return render_to_string("mfa/totp/deactivate_form.html", {"form": ""}, request=request)

    resident = people["resident"]
    assert "your recovery codes stop working." in page(resident)
    assert "admin site" not in page(resident)
    resident.is_staff = True
    assert "You cannot open the admin site without two-step sign-in." in page(resident)
