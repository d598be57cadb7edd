"""``core.links.pk_address`` and ``address``: the same address as ``reverse``, under a script prefix and another URL
configuration too."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, path, reverse, set_script_prefix

from core.links import address, pk_address
from governance import goal_work


@pytest.mark.parametrize("name", ["ideas:detail", "calls:call", "challenges:need", "challenges:challenge"])
@pytest.mark.parametrize("pk", [1, 7, 918, 123456789])
def test_the_address_is_what_reverse_gives(name, pk):
    assert pk_address(name)(pk) == reverse(name, args=[pk])


def test_a_site_served_under_a_prefix_gets_its_own_addresses():
    plain = pk_address("ideas:detail")(5)
    set_script_prefix("/sprang/")
    try:
        assert pk_address("ideas:detail")(5) == "/sprang" + plain == reverse("ideas:detail", args=[5])
    finally:
        clear_script_prefix()
    assert pk_address("ideas:detail")(5) == plain


def test_a_name_without_an_argument_is_refused():
    with pytest.raises(NoReverseMatch):
        pk_address("ideas:list")


def test_every_kind_of_goal_work_that_names_its_page_links_as_its_rows_do():
    named = [kind for kind in goal_work.kinds() if kind.address]
    assert {kind.key for kind in named} >= {"idea", "need", "challenge", "call"}
    for kind in named:
        row = kind.model(pk=42)
        assert pk_address(kind.address)(row.pk) == row.get_absolute_url(), kind.key


@pytest.mark.parametrize("name", ["core:home", "ideas:list", "core:notifications", "calls:jury"])
def test_an_address_without_arguments_is_what_reverse_gives_under_a_prefix_too(name):
    plain = address(name)
    assert plain == reverse(name)
    set_script_prefix("/sprang/")
    try:
        assert address(name) == "/sprang" + plain == reverse(name)
    finally:
        clear_script_prefix()
    assert address(name) == plain


#: A URL configuration of one address, for the test below.
urlpatterns = [path("elsewhere/", lambda request: None, name="home")]


def test_another_url_configuration_gets_its_own_addresses(settings):
    address("core:home")
    settings.ROOT_URLCONF = __name__
    assert address("home") == "/elsewhere/"
    with pytest.raises(NoReverseMatch):
        address("core:home")
