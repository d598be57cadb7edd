"""Every form of needs, submitted as a browser does (``tests/forms``' harness): the page rendered, only the fields
it shows filled in, the next page free of errors and the change made."""

from __future__ import annotations

import pytest
from django.urls import reverse
from webtest import Upload

from challenges.models import Need, NeedOrigin, NeedStatus, Route, SameNeed
from challenges.needs import services
from organisation.models import Role
from tests import factories
from tests.challenges.conftest import write_need
from tests.forms.browser_like import errors, fill, post_forms

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit(django_app, user, url, posts_to, values=None, *, expect_errors=False):
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    response = fill(forms[posts_to][0], values or {}).submit()
    if expect_errors:
        assert response.status_int == 200
        return response
    assert response.status_int in (302, 303), errors(response)
    followed = response.follow(user=user)
    assert not errors(followed)
    return followed


def test_a_manager_writes_a_need_from_complaints_with_a_link(django_app, people):
    url = reverse("challenges:need_new")
    page = submit(
        django_app,
        people["manager"],
        url,
        "challenges:need_new",
        {
            "title": "Långa köer till bygglov",
            "who_has_it": "Sökande.",
            "how_it_shows": "230 klagomål.",
            "good_outcome": "Besked inom fyra veckor.",
            "origin": NeedOrigin.COMPLAINTS,
            "link_url_1": "https://start.stockholm/klagomal",
            "link_title_1": "Klagomål 2025",
        },
    )
    need = Need.objects.get(title="Långa köer till bygglov")
    assert (need.unit, need.origin, need.status) == (people["manager"].unit, NeedOrigin.COMPLAINTS, NeedStatus.DRAFT)
    assert need.links.get().title == "Klagomål 2025"
    assert "Klagomål 2025" in page.text


def test_a_missing_text_and_a_half_link_are_named_and_nothing_typed_is_lost(django_app, people):
    url = reverse("challenges:need_new")
    page = django_app.get(url, user=people["manager"])
    form = fill(
        post_forms(page, url)["challenges:need_new"][0],
        {"title": "Trasiga hissar", "good_outcome": "", "link_url_2": "https://start.stockholm/hissar"},
    )
    form["good_outcome"] = ""
    response = form.submit()
    assert response.status_int == 200
    assert errors(response)
    assert 'value="Trasiga hissar"' in response.text and "https://start.stockholm/hissar" in response.text
    form = post_forms(response, url)["challenges:need_new"][0]
    form["good_outcome"] = "Hissarna går."
    response = form.submit()
    assert response.status_int == 200
    assert errors(response) and 'id="id_link_title_2-error"' in response.text
    assert not Need.objects.filter(title="Trasiga hissar").exists()


def test_send_return_edit_send_validate_and_route(django_app, people):
    manager, office = people["manager"], people["office"]
    need = write_need(manager)
    submit(django_app, manager, need.get_absolute_url(), "challenges:need_submit")
    assert Need.objects.get(pk=need.pk).status == NeedStatus.SUBMITTED
    decide = reverse("challenges:need_decide", args=[need.pk])
    submit(django_app, office, decide, "challenges:need_decide", {"decision": "return", "comment": "Fler siffror."})
    assert Need.objects.get(pk=need.pk).status == NeedStatus.RETURNED
    edit = reverse("challenges:need_edit", args=[need.pk])
    submit(django_app, manager, edit, "challenges:need_edit", {"how_it_shows": "14 veckor, 230 klagomål (2025)."})
    submit(django_app, manager, need.get_absolute_url(), "challenges:need_submit")
    page = submit(
        django_app,
        office,
        decide,
        "challenges:need_decide",
        {"decision": "route", "route": Route.OPENLAB, "rationale": "Forskning behövs."},
    )
    need.refresh_from_db()
    assert (need.status, need.route, need.how_it_shows) == (
        NeedStatus.ROUTED,
        Route.OPENLAB,
        "14 veckor, 230 klagomål (2025).",
    )
    assert "Forskning behövs." in page.text and "Fler siffror." in page.text


def test_returning_without_a_comment_is_refused_at_the_comment(django_app, people):
    need = write_need(people["manager"])
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    decide = reverse("challenges:need_decide", args=[need.pk])
    response = submit(
        django_app, people["office"], decide, "challenges:need_decide", {"decision": "return"}, expect_errors=True
    )
    assert 'id="id_comment-error"' in response.text
    assert Need.objects.get(pk=need.pk).status == NeedStatus.SUBMITTED


def test_solving_it_in_the_lock_from_the_decide_page(django_app, people):
    need = write_need(people["manager"])
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    decide = reverse("challenges:need_decide", args=[need.pk])
    page = submit(
        django_app,
        people["office"],
        decide,
        "challenges:need_decide",
        {
            "decision": "route",
            "route": Route.LOCK,
            "rationale": "Enheten löser det själv.",
            "idea_kind": "process",
            "idea_values": ["social"],
        },
    )
    need.refresh_from_db()
    assert need.routed_idea is not None and need.routed_idea.author == people["manager"]
    assert need.routed_idea.get_absolute_url() in page.text


def test_we_have_the_same_need(django_app, people, tree):
    from tests.challenges.conftest import routed_need

    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER, name="Sara Södra")
    need = routed_need(writer=people["manager"], office=people["office"])
    page = submit(
        django_app,
        south,
        reverse("challenges:need_same", args=[need.pk]),
        "challenges:need_same",
        {"note": "Samma hos oss."},
    )
    assert SameNeed.objects.get(need=need).unit == tree["SDF-S"]
    assert "Samma hos oss." in page.text


def test_follow_and_stop_following(django_app, people):
    from tests.challenges.conftest import routed_need

    need = routed_need(writer=people["manager"], office=people["office"])
    submit(django_app, people["employee"], need.get_absolute_url(), "challenges:need_follow")
    assert need.follows.filter(user=people["employee"]).exists()
    submit(django_app, people["employee"], need.get_absolute_url(), "challenges:need_follow")
    assert not need.follows.filter(user=people["employee"]).exists()


def test_from_an_ideas_page_the_form_starts_from_the_idea(django_app, people):
    idea = factories.idea(author=people["employee"])
    page = django_app.get(idea.get_absolute_url(), user=people["manager"])
    link = page.click(href=f"{reverse('challenges:need_new')}\\?idea={idea.pk}")
    assert 'value="idea" checked' in link.text or "checked" in link.text
    form = post_forms(link, link.request.path_qs)["challenges:need_new"][0]
    fill(form, {"good_outcome": "Bättre."})
    response = form.submit()
    assert response.status_int in (302, 303), errors(response)
    need = Need.objects.get(idea=idea)
    assert need.origin == NeedOrigin.IDEA and need.unit == idea.unit


def test_an_idea_number_too_large_or_unreadable_is_named_at_the_idea(client, people):
    client.force_login(people["manager"])
    data = {
        "title": "Köer",
        "unit": people["manager"].unit_id,
        "who_has_it": "Sökande.",
        "how_it_shows": "Klagomål.",
        "good_outcome": "Kortare köer.",
        "origin": NeedOrigin.IDEA,
    }
    for number in ("99999999999999999999", "987654"):
        response = client.post(reverse("challenges:need_new"), {**data, "idea": number})
        assert response.status_code == 200
        assert 'id="id_idea-error"' in response.content.decode()
    assert not Need.objects.exists()


def test_a_manager_attaches_a_file_and_a_link_and_the_file_can_be_downloaded(django_app, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("challenges:need_new")
    page = submit(
        django_app,
        people["manager"],
        url,
        "challenges:need_new",
        {
            "title": "Långa köer till bygglov",
            "origin": NeedOrigin.COMPLAINTS,
            "link_url_1": "https://start.stockholm/klagomal",
            "link_title_1": "Klagomål 2025",
            # A file input that takes several files: the browser sends each chosen file.
            "attachments": [
                Upload("klagomal.pdf", PDF, "application/pdf"),
                Upload("enkat.txt", "Enkätsvar 2025\n".encode(), "text/plain"),
            ],
        },
    )
    need = Need.objects.get(title="Långa köer till bygglov")
    assert sorted(need.files.values_list("original_name", flat=True)) == ["enkat.txt", "klagomal.pdf"]
    stored = need.files.get(original_name="klagomal.pdf")
    assert stored.content_type == "application/pdf"
    assert "klagomal.pdf" in page.text and "enkat.txt" in page.text and "Klagomål 2025" in page.text
    download = page.click(description="klagomal.pdf")
    assert download.content_type == "application/pdf"
    assert download.body.startswith(b"%PDF-1.4")
    # On the edit page the file is offered for removal; removing it leaves the link.
    edit = reverse("challenges:need_edit", args=[need.pk])
    submit(django_app, people["manager"], edit, "challenges:need_edit", {"remove_files": [str(stored.pk)]})
    assert list(need.files.values_list("original_name", flat=True)) == ["enkat.txt"]
    assert need.links.get().title == "Klagomål 2025"


def test_files_chosen_before_an_error_are_asked_for_again(django_app, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("challenges:need_new")
    page = django_app.get(url, user=people["manager"])
    form = fill(
        post_forms(page, url)["challenges:need_new"][0],
        {"title": "Trasiga hissar", "attachments": [Upload("klagomal.pdf", PDF, "application/pdf")]},
    )
    form["good_outcome"] = ""
    response = form.submit()

    assert response.status_int == 200 and errors(response)
    warning = response.html.select_one("#files-to-choose-again")
    assert warning is not None and "klagomal.pdf" in warning.get_text()
    # The warning comes before the file field, where the files are chosen again.
    assert response.text.index('id="files-to-choose-again"') < response.text.index('name="attachments"')
    assert not Need.objects.filter(title="Trasiga hissar").exists()


def test_a_form_shown_the_first_time_does_not_ask_for_files_again(django_app, people):
    page = django_app.get(reverse("challenges:need_new"), user=people["manager"])
    assert page.html.select_one("#files-to-choose-again") is None


def test_the_decide_page_shows_what_is_decided(django_app, people, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    need = write_need(
        people["manager"],
        links=[("https://start.stockholm/klagomal", "Klagomål 2025")],
        attachments=[SimpleUploadedFile("enkat.pdf", PDF, content_type="application/pdf")],
    )
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    page = django_app.get(reverse("challenges:need_decide", args=[need.pk]), user=people["office"])

    essentials = page.html.select_one("#need-essentials")
    assert essentials is not None
    text = essentials.get_text()
    for shown in (need.who_has_it, need.how_it_shows, need.cost_today, need.good_outcome, need.constraints):
        assert shown in text
    assert essentials.find("a", string="Klagomål 2025")["href"] == "https://start.stockholm/klagomal"
    assert essentials.find("a", string="enkat.pdf") is not None
    # Above the form, and not folded away on a phone when it is short.
    assert page.text.index('id="need-essentials"') < page.text.index('name="decision"')
    assert not essentials.has_attr("data-closed-on-phone")


def test_a_long_need_is_folded_on_a_phone_on_the_decide_page(django_app, people):
    need = write_need(people["manager"], how_it_shows="Långa köer. " * 80)
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    page = django_app.get(reverse("challenges:need_decide", args=[need.pk]), user=people["office"])
    assert page.html.select_one("#need-essentials").has_attr("data-closed-on-phone")
