"""Every form that posts somewhere on the site is submitted by a case of ``test_roundtrip``.

Each page of the URLconf is opened with real ids in its path, anonymously and as each role of
the small city; every ``<form method=post>`` it shows is noted by the URL name it posts to. A
form posting to a name that no case submits, and that is not listed below with its reason,
fails here: a new form cannot be forgotten.
"""

from __future__ import annotations

from tests.forms.browser_like import post_forms
from tests.forms.test_roundtrip import CASES
from tests.test_hostile_input import fill as fill_route
from tests.test_hostile_input import url_patterns

#: Forms posting here are not submitted by a round-trip case, and why.
NOT_ROUND_TRIPPED = {
    "core:language": "the language switch in the header: a redirect and a cookie, no record",
    "account_logout": "signing out changes no record",
    "account_reauthenticate": "django-allauth's own step before a sensitive change, tested by allauth",
    "account_request_reauthentication_code": "django-allauth's own step before a sensitive change, tested by allauth",
    "account_email": "django-allauth's own page for a person's addresses, tested by allauth",
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


def form_targets(world, django_app) -> dict[str, set[str]]:
    """URL name posted to -> the pages (and roles) showing such a form."""
    ids = _ids(world)
    found: dict[str, set[str]] = {}
    for route, name in url_patterns():
        if name.startswith(SKIPPED):
            continue
        url = fill_route(route, name, ids)
        for role in ROLES:
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
