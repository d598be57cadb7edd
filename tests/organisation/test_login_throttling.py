"""Repeated failed sign-ins are refused for a while, per account and per address (django-allauth's rate limits)."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape

from organisation.adapters import AccountAdapter
from tests import factories

PASSWORD = "a-long-test-password"  # the factories' password


@pytest.fixture(autouse=True)
def fresh_counts():
    """The limits count in the cache; start and leave it empty so no other test is throttled."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email: str, password: str, address: str = "127.0.0.1"):
    return client.post("/account/login/", {"login": email, "password": password}, REMOTE_ADDR=address)


def throttled_message() -> str:
    with translation.override("sv"):
        return escape(str(AccountAdapter.error_messages["too_many_login_attempts"]))


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(client, tree):
    person = factories.person()
    for _i in range(5):
        response = sign_in(client, person.email, "wrong-password")
        assert response.status_code == 200
        assert throttled_message() not in response.content.decode()
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert throttled_message() in html
    assert "govuk-error-summary" in html
    assert not is_signed_in(client)


def test_the_account_lock_holds_from_another_address(client, tree):
    person = factories.person()
    for n in range(5):
        sign_in(client, person.email, "wrong-password", address=f"192.0.2.{n}")
    response = sign_in(client, person.email, PASSWORD, address="198.51.100.7")
    assert throttled_message() in response.content.decode()
    assert not is_signed_in(client)


def test_one_address_trying_many_accounts_is_stopped(client, tree):
    people = [factories.person() for _i in range(11)]
    for person in people[:10]:
        assert throttled_message() not in sign_in(client, person.email, "wrong-password").content.decode()
    response = sign_in(client, people[10].email, "wrong-password")
    assert throttled_message() in response.content.decode()


def test_a_few_mistakes_do_not_lock_anyone_out(client, tree):
    person = factories.person()
    for _i in range(4):
        sign_in(client, person.email, "wrong-password")
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_another_account_is_not_locked_by_someone_elses_failures(client, tree):
    target, other = factories.person(), factories.person()
    for n in range(5):
        sign_in(client, target.email, "wrong-password", address=f"192.0.2.{n}")
    response = sign_in(client, other.email, PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert is_signed_in(client)
