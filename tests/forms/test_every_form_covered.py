"""Every form that posts somewhere on the site is submitted by a case of ``test_roundtrip``.

Each page of the URLconf is opened with real ids in its path, anonymously and as each role of
the small city; every ``<form method=post>`` it shows is noted by the URL name it posts to. A
form posting to a name that no case submits, and that is not listed below with its reason,
fails here: a new form cannot be forgotten. The spread app's pages take the ids of the world's spread objects
(``SPREAD_IDS``: an example, an adoption, a fair with a stand, networks, a request for advice), and are opened
also as the people its forms are for, so its forms behind an object's id are found too.
"""

from __future__ import annotations

from tests.forms.browser_like import post_forms
from tests.forms.test_roundtrip import CASES
from tests.test_hostile_input import PARAMETER, url_patterns
from tests.test_hostile_input import fill as fill_route

#: Forms posting here are not submitted by a round-trip case, and why.
NOT_ROUND_TRIPPED = {
    "core:language": "the language switch in the header: a redirect and a cookie, no record",
    "account_logout": "signing out changes no record",
    "account_reauthenticate": "django-allauth's own step before a sensitive change, tested by allauth",
    "account_request_reauthentication_code": "django-allauth's own step before a sensitive change, tested by allauth",
    "account_email": "django-allauth's own page for a person's addresses, tested by allauth",
    "governance:city_pdf_build": "starts building the city's PDF in the background and writes no record; "
    "tests/governance/test_exports.py posts it",
}
#: Anonymous, and the roles whose pages differ: the director also sees what the city's offices see.
ROLES = (None, "employee", "manager", "director", "expert", "chair")
#: Pages that only answer with a file or data, never a form.
SKIPPED = (
    "api:",
    "opendata:csv",
    "opendata:catalog",
    "governance:report_pdf",
    "governance:report_xlsx",
    "governance:city_pdf",
    "governance:city_xlsx",
    "governance:values_csv",
    "ideas:attachment",
    "calls:file",
    "core:profile_data",
    "core:health",
    "core:health_signed_in",
)


def _ids(w) -> dict:
    return {
        "idea": w["idea"].pk,
        "comment": w["comment"].pk,
        "attachment": w["attachment"].pk,
        "call": w["fund"].pk,
        "criterion": w["fund"].criteria.first().pk,
        "category": 0,
        "juror": w["people"]["expert"].pk,
        "application": w["with_jury"].pk,
        "file": w["file"].pk,
        "goal": w["city_goal"].pk,
        "activity": w["activity"].pk,
        "report": w["report"].pk,
        "unit": w["tree"]["SDF-N"].pk,
        "year": w["now"].year,
    }


#: The spread app's pages are also opened as the people its forms are for: the office owns the events and the
#: networks, a colleague in another unit visits a stand, Södra's manager leads the adopting unit.
SPREAD_ROLES = (*ROLES, "office", "colleague", "south_manager")
#: What each spread path parameter takes (``tests.forms.world._spread``), by the part of the app; a value that is a
#: tuple gives one page per value (each step of an example, each network).
SPREAD_IDS = {
    "examples": {"pk": "example", "file_pk": "example_file", "step": ("unpublish", "consent")},
    "adoptions": {"pk": "adoption", "example": "example"},
    "events": {"pk": "fair", "exhibitor_pk": "stand"},
    "networks": {"pk": ("school", "region"), "post_pk": "post", "file_pk": "network_file"},
    "advice": {"pk": "advice_request"},
}
#: Parameters that differ from their part's, by the pattern's name.
SPREAD_PATH_IDS = {
    "spread:example_publish": {"idea_pk": "implemented"},
    "spread:adopt_from_idea": {"idea": "idea"},
    "spread:lead_edit": {"pk": "lead"},
    "spread:registration_cancel": {"pk": "registration"},
    "spread:registration_cancel_token": {"pk": "visitor_registration", "token": "cancel_token"},
    "spread:network_invitation": {"token": "invitation_token"},
    "spread:network_member_remove": {"pk": "school", "person_pk": "employee"},
    "spread:network_hand_over": {"pk": "school", "person_pk": "employee"},
}


def _spread_value(w, key: str) -> str:
    if key in w["spread"]:
        value = w["spread"][key]
    elif key in w["people"]:
        value = w["people"][key]
    elif key in w:
        value = w[key]
    else:
        return key  # a word in the path itself (an example's step)
    return str(getattr(value, "pk", value))


def spread_urls(route: str, name: str, w) -> list[str]:
    """The spread page's addresses with real ids: one per combination of the values its parameters take."""
    part = route.removeprefix("spread/").split("/", 1)[0]
    takes = {**SPREAD_IDS.get(part, {}), **SPREAD_PATH_IDS.get(name, {})}
    urls = ["/" + route]
    for match in PARAMETER.finditer(route):
        keys = takes[match["name"]]
        keys = keys if isinstance(keys, tuple) else (keys,)
        urls = [url.replace(match[0], _spread_value(w, key), 1) for url in urls for key in keys]
    return urls


def form_targets(world, django_app) -> dict[str, set[str]]:
    """URL name posted to -> the pages (and roles) showing such a form."""
    ids = _ids(world)
    found: dict[str, set[str]] = {}
    for route, name in url_patterns():
        if name.startswith(SKIPPED):
            continue
        spread = name.startswith("spread:") and "<" in route
        urls = spread_urls(route, name, world) if spread else [fill_route(route, name, ids)]
        for url in urls:
            for role in SPREAD_ROLES if spread else ROLES:
                user = world["people"][role] if role else None
                if user is None:
                    django_app.reset()
                resp = django_app.get(url, user=user, expect_errors=True)
                if resp.status_int != 200 or "text/html" not in resp.headers.get("Content-Type", ""):
                    continue
                for target in post_forms(resp, url):
                    found.setdefault(target, set()).add(f"{url} ({role or 'anonymous'})")
    return found


def test_every_post_form_has_a_round_trip_case(world, db, django_app):
    covered = {c.posts_to for c in CASES}
    found = form_targets(world, django_app)
    missing = {
        target: sorted(pages)[:3] for target, pages in found.items() if target not in covered | set(NOT_ROUND_TRIPPED)
    }
    assert not missing, f"Forms no round-trip case submits: {missing}"


def test_every_spread_page_with_ids_in_its_path_opens_for_someone(world, db, django_app):
    """The ids above lead somewhere: each spread page with ids in its path answers one of the people with the
    page (or, taking only a POST, with 405 or a redirect to its object), for one of the objects it is asked with."""
    closed = []
    for route, name in url_patterns():
        if not (name.startswith("spread:") and "<" in route) or name.startswith(SKIPPED):
            continue
        answers = set()
        for url in spread_urls(route, name, world):
            for role in SPREAD_ROLES:
                user = world["people"][role] if role else None
                if user is None:
                    django_app.reset()
                resp = django_app.get(url, user=user, expect_errors=True)
                signing_in = resp.status_int == 302 and "/account/login/" in resp.headers.get("Location", "")
                answers.add("sign-in" if signing_in else resp.status_int)
        if not answers & {200, 302, 405}:  # a page that takes only a POST may send a GET back to its object
            closed.append((name, sorted(answers)))
    assert not closed, closed
