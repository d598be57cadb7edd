"""A partner outside the city, invited into one network, reaches that network and nothing else in Språng.

Every address the project has (every app's pages and API, the ones added later too) is asked for by a signed-in
partner: each answers 404 unless it is their network's or one of the few account pages everyone needs.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from organisation.services import api_token_create
from spread.networks import services
from spread.networks.fence import ACCOUNT_PAGES

#: What a path's parameters are filled with: ids that exist (1 to 3) or words, by converter.
FILL = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _addresses(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}" if namespace and entry.namespace else (entry.namespace or namespace)
            )
            yield from _addresses(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            if not isinstance(entry.pattern, RoutePattern) or "^" in prefix:
                continue  # allauth's few regular expressions: account pages
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            route = prefix + str(entry.pattern)
            path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: FILL[m.group(1) or "int"], route)
            yield name, path


ALL = sorted(set(_addresses(get_resolver())), key=lambda a: (a[1], a[0] or ""))
FENCED = [
    (name, path)
    for name, path in ALL
    if not path.startswith("/admin/") and name not in ACCOUNT_PAGES and not (name or "").startswith("spread:network")
]


def test_the_list_covers_every_apps_pages_and_api():
    names = {name for name, _path in FENCED}
    for expected in ("ideas:list", "ideas:detail", "calls:list", "governance:dashboard", "opendata:index"):
        assert expected in names
    paths = {path for _name, path in FENCED}
    assert {"/api/v1/ideas/", "/api/v1/ideas/1", "/api/v1/calls/", "/api/v1/openapi.json"} <= paths


@pytest.mark.parametrize(("name", "path"), FENCED, ids=[p for _n, p in FENCED])
def test_a_partner_gets_nothing_outside_their_network(client, partner, name, path):
    client.force_login(partner)
    response = client.get(path)
    if name == "core:home":
        assert response.status_code == 302 and response["Location"] == "/spread/networks/"
    else:
        assert response.status_code == 404, (name, path)


def test_a_partner_writing_to_another_app_is_refused_and_nothing_changes(client, partner, people):
    from ideas.models import Idea

    client.force_login(partner)
    before = Idea.objects.count()
    assert client.post("/ideas/new/", {"title": "Hej"}).status_code == 404
    assert client.post("/api/v1/ideas/", {"title": "Hej"}, content_type="application/json").status_code == 404
    assert Idea.objects.count() == before


def test_a_partners_api_token_is_not_accepted(client, partner):
    _token, key = api_token_create(user=partner, name="Försök")
    response = client.get("/api/v1/ideas/", headers={"authorization": f"Bearer {key}"})
    assert response.status_code in (401, 404)
    assert b"Digitala" not in response.content


def test_a_partner_sees_their_network_and_no_other(client, partner, nets, people):
    services.post_add(network=nets["coaches"], author=people["coach"], body="Intern fråga om budgeten")
    client.force_login(partner)
    assert client.get("/").status_code == 302
    listing = client.get("/spread/networks/")
    assert listing.status_code == 200
    assert "Regionens innovationsnätverk" in listing.text
    assert "Skolnätverket" not in listing.text and "Coachnätverket" not in listing.text
    region = nets["region"].pk
    for path in (
        f"/spread/networks/{region}/",
        f"/spread/networks/{region}/members/",
        f"/spread/networks/{region}/files/",
    ):
        assert client.get(path).status_code == 200, path
    for other in (nets["school"].pk, nets["coaches"].pk):
        for path in (
            f"/spread/networks/{other}/",
            f"/spread/networks/{other}/members/",
            f"/spread/networks/{other}/files/",
            f"/spread/networks/{other}/leave/",
        ):
            assert client.get(path).status_code == 404, path
        assert client.post(f"/spread/networks/{other}/join/").status_code == 404
        assert client.post(f"/spread/networks/{other}/posts/new/", {"body": "Hej"}).status_code == 404
    assert client.get("/spread/networks/new/").status_code == 404


def test_a_partner_keeps_the_account_pages(client, partner):
    client.force_login(partner)
    assert client.get("/profile/data.json").status_code == 200
    assert client.get("/notifications/").status_code == 200
    assert client.get("/account/password/change/").status_code == 200


def test_a_partners_menu_links_to_their_networks_only(client, partner, people):
    client.force_login(partner)
    page = client.get("/spread/networks/").text
    menu = page.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/spread/networks/"' in menu
    assert 'href="/ideas/"' not in menu and 'href="/calls/"' not in menu
    client.force_login(people["employee"])
    assert 'href="/ideas/"' in client.get("/spread/networks/").text


def _links(page: str) -> set[str]:
    """The addresses the header and the footer link to (the page's content between them left out)."""
    import re

    header = page.split('id="main-content"', 1)[0]
    footer = page.split('role="contentinfo"', 1)[1]
    return set(re.findall(r'href="([^"#]+)"', header + footer)) - {"data:,"}


def test_a_partners_header_and_footer_link_only_to_pages_the_fence_lets_them_open(client, partner, people):
    client.force_login(partner)
    links = _links(client.get("/spread/networks/").text)
    assert "/api/v1/docs" not in links and "/opendata/" not in links
    assert not any(link.startswith("/profile/tokens") for link in links)
    for link in links:
        if link.startswith("/") and not link.startswith("/static/"):
            assert client.get(link).status_code in (200, 302), link
    client.force_login(people["employee"])
    staff_links = _links(client.get("/spread/networks/").text)
    assert {"/api/v1/docs", "/opendata/", "/profile/", "/profile/tokens/"} <= staff_links


def test_a_partner_reads_the_accessibility_statement_and_the_privacy_notice_with_no_closed_link(client, partner):
    import re

    client.force_login(partner)
    for url in ("/about/accessibility/", "/about/privacy/"):
        page = client.get(url)
        assert page.status_code == 200
        for link in set(re.findall(r'href="(/[^"#]*)"', page.text)):
            if not link.startswith("/static/"):
                assert client.get(link).status_code in (200, 302), (url, link)


def test_a_partner_changes_their_settings_and_password_but_sees_no_api_tokens(client, partner, people):
    """Their settings (name, language, email about notifications) are theirs as anyone's; the API is not."""
    import re

    client.force_login(partner)
    page = client.get("/profile/")
    assert page.status_code == 200
    links = {link for link in re.findall(r'href="(/[^"#]*)"', page.text) if not link.startswith("/static/")}
    assert "/profile/tokens/" not in links and "/account/password/change/" in links
    for link in links:
        assert client.get(link).status_code in (200, 302), link
    saved = client.post("/profile/", {"name": "Åsa Östlund", "language": "en", "email_notifications": ""})
    assert saved.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.language, partner.email_notifications) == ("Åsa Östlund", "en", False)
    client.force_login(people["employee"])
    assert "/profile/tokens/" in client.get("/profile/").text
