"""Every form of the networks' pages, submitted the way a browser does: the page rendered, only its shown fields
filled in (``tests.forms.browser_like``), then the change checked; and a refused form keeps what was typed."""

from __future__ import annotations

import pytest
from django.core import mail

from core.models import Notification
from organisation.models import PersonKind, User
from spread.models import Membership, Network, NetworkFile, NetworkInvitation, Post
from spread.networks import services
from tests.forms.browser_like import errors, fill, post_forms


def _submit(app, url, user, posts_to, values=None, which=None):
    page = app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    candidates = [
        f for f in forms[posts_to] if not which or [x.value for x in f.fields.get(which[0], [])] == [which[1]]
    ]
    resp = fill(candidates[0], values or {}).submit()
    assert resp.status_int in (200, 302), resp.status
    assert not errors(resp), errors(resp)
    return resp


def test_the_office_creates_a_sector_network(django_app, people):
    _submit(
        django_app,
        "/spread/networks/new/",
        people["office"],
        "spread:network_create",
        {"name": "Äldreomsorgens nätverk", "kind": "sector", "description": "För alla i äldreomsorgen."},
    )
    network = Network.objects.get(name="Äldreomsorgens nätverk")
    assert network.owner == people["office"]
    assert Membership.objects.get(network=network).role == "owner"


def test_a_member_starts_a_thread_and_another_replies(django_app, nets, people, second_coach):
    url = f"/spread/networks/{nets['coaches'].pk}/"
    _submit(
        django_app, url, people["coach"], "spread:network_post", {"body": "Hur ordnar ni idéverkstäder, @Amira Haddad?"}
    )
    thread = Post.objects.get()
    assert Notification.objects.filter(recipient=second_coach).exists()
    reply_page = django_app.get(url, user=second_coach).click(href=f"reply_to={thread.pk}")
    _submit(django_app, reply_page.request.path_qs, second_coach, "spread:network_post", {"body": "Vi kör två timmar."})
    assert Post.objects.get(parent=thread).body == "Vi kör två timmar."


def test_a_too_long_message_is_refused_on_its_own_page_keeping_the_text(django_app, nets, people):
    url = f"/spread/networks/{nets['coaches'].pk}/"
    page = django_app.get(url, user=people["coach"])
    form = post_forms(page, url)["spread:network_post"][0]
    form["body"] = "x" * 5001
    resp = form.submit()
    assert resp.status_int == 200 and "5" in errors(resp)
    assert resp.html.select_one("textarea[name=body]").get_text().strip() == "x" * 5001
    assert not Post.objects.exists()


def test_the_owner_hides_a_post_after_confirming_with_a_reason(django_app, nets, people):
    services.network_join(network=nets["school"], person=people["employee"])
    post = services.post_add(network=nets["school"], author=people["employee"], body="Elevens fullständiga namn")
    _submit(
        django_app,
        f"/spread/networks/{nets['school'].pk}/posts/{post.pk}/hide/",
        people["office"],
        "spread:network_post_hide",
        {"reason": "Personuppgifter om en elev"},
    )
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "Personuppgifter om en elev"
    page = django_app.get(f"/spread/networks/{nets['school'].pk}/", user=people["employee"])
    assert "Elevens fullständiga namn" not in page.text and "Personuppgifter om en elev" in page.text


def test_staff_join_a_sector_network_and_leave_after_confirming(django_app, nets, people):
    url = f"/spread/networks/{nets['school'].pk}/"
    _submit(django_app, url, people["employee"], "spread:network_join")
    assert Membership.objects.filter(network=nets["school"], person=people["employee"]).exists()
    _submit(django_app, f"{url}leave/", people["employee"], "spread:network_leave")
    assert not Membership.objects.filter(network=nets["school"], person=people["employee"]).exists()


def test_the_owner_removes_a_member_after_confirming(django_app, nets, people):
    services.network_join(network=nets["school"], person=people["employee"])
    members = django_app.get(f"/spread/networks/{nets['school'].pk}/members/", user=people["office"])
    members.click(href=f"/members/{people['employee'].pk}/remove/")
    _submit(
        django_app,
        f"/spread/networks/{nets['school'].pk}/members/{people['employee'].pk}/remove/",
        people["office"],
        "spread:network_member_remove",
    )
    assert not Membership.objects.filter(network=nets["school"], person=people["employee"]).exists()


def test_the_owner_hands_the_network_over_on_a_page_naming_the_new_owner(django_app, nets, people):
    school, employee = nets["school"], people["employee"]
    services.network_join(network=school, person=employee)
    members_url = f"/spread/networks/{school.pk}/members/"
    assert f"/members/{employee.pk}/hand-over/" not in django_app.get(members_url, user=employee).text
    confirm = django_app.get(members_url, user=people["office"]).click(href=f"/members/{employee.pk}/hand-over/")
    assert employee.name in confirm.html.h1.text
    _submit(django_app, confirm.request.path, people["office"], "spread:network_hand_over")
    assert Network.objects.get(pk=school.pk).owner == employee
    assert Membership.objects.get(network=school, person=people["office"]).role == "member"
    assert django_app.get(confirm.request.path, user=people["office"], expect_errors=True).status_int == 403


def test_a_hand_over_shown_before_another_change_is_refused_on_its_page(django_app, nets, people):
    school, employee = nets["school"], people["employee"]
    services.network_join(network=school, person=employee)
    url = f"/spread/networks/{school.pk}/members/{employee.pk}/hand-over/"
    page = django_app.get(url, user=people["office"])
    services.network_update(
        network=school, by=people["office"], expected_version=school.version, name="Skolnätverket", description="Ny."
    )
    resp = post_forms(page, url)["spread:network_hand_over"][0].submit()
    assert resp.status_int == 200 and errors(resp)
    assert Network.objects.get(pk=school.pk).owner == people["office"]


def test_the_owner_changes_the_description_and_a_stale_version_is_refused(django_app, nets, people):
    url = f"/spread/networks/{nets['school'].pk}/edit/"
    stale = post_forms(django_app.get(url, user=people["office"]), url)["spread:network_edit"][0]
    _submit(django_app, url, people["office"], "spread:network_edit", {"description": "Nytt syfte."})
    assert Network.objects.get(pk=nets["school"].pk).description == "Nytt syfte."
    stale["description"] = "Min ändring"
    resp = stale.submit()
    assert resp.status_int == 200
    assert "Someone else" in errors(resp) or "Någon annan" in errors(resp)
    assert resp.html.select_one("textarea[name=description]").get_text().strip() == "Min ändring"


def test_a_member_uploads_a_file_and_downloads_it(django_app, nets, people, settings, tmp_path):
    from webtest import Upload

    settings.MEDIA_ROOT = tmp_path
    url = f"/spread/networks/{nets['school'].pk}/files/"
    _submit(
        django_app,
        url,
        people["office"],
        "spread:network_files",
        {"file": Upload("metod.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf")},
    )
    stored = NetworkFile.objects.get()
    download = django_app.get(f"/spread/networks/{nets['school'].pk}/files/{stored.pk}/", user=people["employee"])
    assert download.status_int == 200 and download.headers["Content-Disposition"].startswith("attachment")
    outsider = User.objects.get(pk=people["resident"].pk)
    django_app.get(f"/spread/networks/{nets['school'].pk}/files/{stored.pk}/", user=outsider, status=404)


def test_the_owner_invites_and_the_partner_creates_an_account_from_the_link(
    django_app, nets, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(
            django_app,
            f"/spread/networks/{nets['region'].pk}/invite/",
            people["office"],
            "spread:network_invite",
            {"email": "eva@uppsala.se"},
        )
    assert NetworkInvitation.objects.get().email == "eva@uppsala.se"
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/invitation/" in line).strip()
    path = link.split("127.0.0.1:8000", 1)[-1] if "://" in link else link
    django_app.reset()
    page = django_app.get(path)
    form = post_forms(page, path)["spread:network_invitation"][0]
    resp = fill(form, {"name": "Eva Ek, Uppsala kommun", "password": "ett-langt-losenord-9"}).submit()
    assert resp.status_int == 302 and resp["Location"] == f"/spread/networks/{nets['region'].pk}/"
    eva = User.objects.get(email="eva@uppsala.se")
    assert eva.kind == PersonKind.PARTNER
    assert django_app.get(resp["Location"]).status_int == 200
    django_app.reset()
    assert django_app.get(path, expect_errors=True).status_int == 410


def test_a_weak_password_is_refused_at_its_field_and_the_name_kept(django_app, nets, people):
    _invitation, token = services.invitation_send(network=nets["region"], by=people["office"], email="eva@uppsala.se")
    path = f"/spread/networks/invitation/{token}/"
    form = post_forms(django_app.get(path), path)["spread:network_invitation"][0]
    form["name"], form["password"] = "Eva Ek", "12345"
    resp = form.submit()
    assert resp.status_int == 200 and errors(resp)
    assert resp.html.select_one("input[name=name]")["value"] == "Eva Ek"
    assert not User.objects.filter(email="eva@uppsala.se").exists()


@pytest.mark.parametrize("who", ["employee", "resident", "supplier"])
def test_outsiders_do_not_open_a_network_with_external_members(client, nets, people, who):
    client.force_login(people[who])
    pk = nets["region"].pk
    for path in (f"/spread/networks/{pk}/", f"/spread/networks/{pk}/members/", f"/spread/networks/{pk}/files/"):
        assert client.get(path).status_code == 404
    assert "Regionens" not in client.get("/spread/networks/").text


def test_residents_see_no_internal_network(client, nets, people):
    client.force_login(people["resident"])
    assert client.get(f"/spread/networks/{nets['school'].pk}/").status_code == 404
    assert client.get(f"/spread/networks/{nets['coaches'].pk}/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, nets):
    response = client.get(f"/spread/networks/{nets['school'].pk}/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_discussion_page_asks_a_fixed_number_of_questions(client, nets, people, django_assert_max_num_queries):
    coaches = nets["coaches"]
    for i in range(30):
        thread = services.post_add(network=coaches, author=people["coach"], body=f"Tråd {i}")
        services.post_add(network=coaches, author=people["coach"], body="Svar", parent=thread)
    client.force_login(people["coach"])
    with django_assert_max_num_queries(25):
        response = client.get(f"/spread/networks/{coaches.pk}/")
    assert response.status_code == 200 and "Tråd 29" in response.text and "Tråd 9" not in response.text
    assert client.get(f"/spread/networks/{coaches.pk}/?page=2").status_code == 200
