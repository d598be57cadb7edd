"""Membership, the discussion with its mentions, moderation, leaving and invitations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from organisation.models import PersonKind, Role, RoleAssignment
from organisation.services import role_assign
from spread.models import Membership, Network, NetworkInvitation, NetworkKind, Post
from spread.networks import access, services
from tests import factories


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are matched by their English text."""
    with translation.override("en"):
        yield


def test_only_the_office_and_the_director_create_networks(people):
    with pytest.raises(PermissionDeniedError):
        services.network_create(by=people["employee"], name="Mitt nätverk", kind=NetworkKind.SECTOR, description="x")
    with pytest.raises(DomainError) as err:
        services.network_create(by=people["office"], name=" ", kind=NetworkKind.SECTOR, description="x")
    assert err.value.field == "name"


def test_there_is_one_coaches_network(nets, people):
    with pytest.raises(DomainError) as err:
        services.network_create(by=people["director"], name="Till", kind=NetworkKind.COACHES, description="x")
    assert err.value.field == "kind"


def test_every_coach_is_a_member_of_the_coaches_network_while_they_have_the_role(nets, people, tree):
    coaches = nets["coaches"]
    coach = people["coach"]
    assert access.is_member(coach, coaches)
    assert coach in access.members_of(coaches)
    assert not access.is_member(people["employee"], coaches)
    newcomer = factories.person(unit=tree["SDF-S-SKO"], name="Ny Coach")
    assert newcomer not in access.members_of(coaches)
    role_assign(user=newcomer, role=Role.COACH, unit=tree["SDF-S"])
    assert newcomer in access.members_of(coaches)
    RoleAssignment.objects.filter(user=newcomer).delete()
    newcomer.__dict__.pop("role_paths", None)
    assert newcomer not in access.members_of(coaches)
    assert not access.is_member(newcomer, coaches)


def test_a_coach_cannot_leave_the_coaches_network(nets, people):
    with pytest.raises(DomainError, match="coach"):
        services.network_leave(network=nets["coaches"], person=people["coach"])


def test_city_staff_join_a_sector_network_but_not_one_with_external_members(nets, people):
    employee = people["employee"]
    services.network_join(network=nets["school"], person=employee)
    assert access.is_member(employee, nets["school"])
    with pytest.raises(DomainError):
        services.network_join(network=nets["school"], person=employee)
    with pytest.raises(PermissionDeniedError):
        services.network_join(network=nets["region"], person=employee)
    with pytest.raises(PermissionDeniedError):
        services.network_join(network=nets["school"], person=people["resident"])


def test_a_member_leaves_and_the_owner_cannot(nets, people):
    employee = people["employee"]
    services.network_join(network=nets["school"], person=employee)
    services.network_leave(network=nets["school"], person=employee)
    assert not Membership.objects.filter(network=nets["school"], person=employee).exists()
    with pytest.raises(DomainError, match="own"):
        services.network_leave(network=nets["school"], person=people["office"])


def test_mentioned_members_are_notified_in_app_and_by_mail(
    nets, people, second_coach, django_capture_on_commit_callbacks
):
    coach = people["coach"]
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_add(
            network=nets["coaches"],
            author=coach,
            body="Hej @Amira Haddad och @Okänd Person, hur gjorde ni med workshopen?",
        )
    assert list(post.mentions.all()) == [second_coach]
    [note] = Notification.objects.filter(recipient=second_coach)
    assert "Cecilia Coach" in note.message and note.url.endswith(f"#post-{post.pk}")
    assert [m.to for m in mail.outbox] == [[second_coach.email]]
    # Someone not in the network is never notified, even when named.
    services.post_add(network=nets["coaches"], author=coach, body="Fråga @Anna Anställd")
    assert not Notification.objects.filter(recipient=people["employee"]).exists()


def test_a_reply_joins_its_thread_and_tells_the_threads_author(nets, people, second_coach):
    thread = services.post_add(network=nets["coaches"], author=people["coach"], body="Hur tränar ni idéägare?")
    reply = services.post_add(network=nets["coaches"], author=second_coach, body="Med korta pass.", parent=thread)
    deeper = services.post_add(network=nets["coaches"], author=people["coach"], body="Tack!", parent=reply)
    assert reply.parent == thread and deeper.parent == thread
    assert Notification.objects.filter(recipient=people["coach"], message__contains="Amira Haddad").exists()


def test_only_members_write(nets, people):
    with pytest.raises(PermissionDeniedError):
        services.post_add(network=nets["coaches"], author=people["employee"], body="Hej")
    with pytest.raises(DomainError) as err:
        services.post_add(network=nets["coaches"], author=people["coach"], body="   ")
    assert err.value.field == "body"


def test_the_owner_hides_a_post_with_a_reason_and_a_member_cannot(nets, people):
    employee = people["employee"]
    services.network_join(network=nets["school"], person=employee)
    post = services.post_add(network=nets["school"], author=employee, body="Elevens namn är ...")
    with pytest.raises(PermissionDeniedError):
        services.post_hide(post=post, by=employee, reason="x")
    with pytest.raises(DomainError) as err:
        services.post_hide(post=post, by=people["office"], reason="")
    assert err.value.field == "reason"
    services.post_hide(post=post, by=people["office"], reason="Personuppgifter om en elev")
    post.refresh_from_db()
    assert post.hidden and post.hidden_by == people["office"]
    with pytest.raises(DomainError, match="hidden"):
        services.post_add(network=nets["school"], author=employee, body="Svar", parent=post)


def test_the_owner_removes_a_member_who_is_told(nets, people):
    employee = people["employee"]
    services.network_join(network=nets["school"], person=employee)
    with pytest.raises(PermissionDeniedError):
        services.member_remove(network=nets["school"], person=employee, by=people["colleague"])
    services.member_remove(network=nets["school"], person=employee, by=people["office"])
    assert not access.is_member(employee, nets["school"])
    assert Notification.objects.filter(recipient=employee, message__contains="Skolnätverket").exists()
    with pytest.raises(DomainError):
        services.member_remove(network=nets["school"], person=people["office"], by=people["office"])


def test_the_owner_hands_the_network_over_to_a_member_who_is_told_and_stays_a_member(nets, people):
    from auditlog.models import LogEntry

    school, office, employee = nets["school"], people["office"], people["employee"]
    services.network_join(network=school, person=employee)
    for who in ("employee", "colleague", "manager"):
        with pytest.raises(PermissionDeniedError):
            services.network_hand_over(network=school, by=people[who], to=employee, expected_version=school.version)
    school = services.network_hand_over(network=school, by=office, to=employee, expected_version=school.version)
    assert Network.objects.get(pk=school.pk).owner == employee
    assert Membership.objects.get(network=school, person=employee).role == "owner"
    assert Membership.objects.get(network=school, person=office).role == "member"
    assert access.is_member(office, school) and not access.is_owner(office, school)
    assert Notification.objects.filter(
        recipient=employee, message__contains="Skolnätverket", url=school.get_absolute_url()
    )
    entry = LogEntry.objects.get_for_object(school).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == office and "owner" in entry.changes_dict
    # The old owner may now leave; the new one may not.
    with pytest.raises(PermissionDeniedError):
        services.network_hand_over(network=school, by=office, to=office, expected_version=school.version)
    services.network_leave(network=school, person=office)
    with pytest.raises(DomainError, match="own the network"):
        services.network_leave(network=school, person=employee)


def test_handing_over_needs_a_member_working_in_the_city_and_the_version_shown(nets, people, partner):
    school, region, office = nets["school"], nets["region"], people["office"]
    with pytest.raises(DomainError, match="not a member") as refused:
        services.network_hand_over(network=school, by=office, to=people["colleague"], expected_version=school.version)
    assert refused.value.field == "to"
    with pytest.raises(DomainError, match="already owns"):
        services.network_hand_over(network=school, by=office, to=office, expected_version=school.version)
    with pytest.raises(DomainError, match="does not work in the city"):
        services.network_hand_over(network=region, by=office, to=partner, expected_version=region.version)
    services.network_join(network=school, person=people["employee"])
    with pytest.raises(ConflictError):
        services.network_hand_over(
            network=school, by=office, to=people["employee"], expected_version=school.version - 1
        )
    assert Network.objects.get(pk=school.pk).owner == office


def test_the_director_hands_over_a_network_they_moderate_and_a_coach_takes_the_coaches_network(nets, people):
    coaches = nets["coaches"]
    coaches = services.network_hand_over(
        network=coaches, by=people["director"], to=people["coach"], expected_version=coaches.version
    )
    assert coaches.owner == people["coach"]
    assert Membership.objects.get(network=coaches, person=people["coach"]).role == "owner"
    assert access.is_member(people["director"], coaches)


def test_an_invitation_is_mailed_with_a_link_whose_token_is_kept_only_hashed(
    nets, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_send(
            network=nets["region"], by=people["office"], email=" Eva@Uppsala.se "
        )
    assert invitation.email == "eva@uppsala.se"
    assert token not in invitation.token_hash
    [message] = mail.outbox
    assert message.to == ["eva@uppsala.se"] and f"/spread/networks/invitation/{token}/" in message.body
    with pytest.raises(DomainError) as err:
        services.invitation_send(network=nets["region"], by=people["office"], email="inte en adress")
    assert err.value.field == "email"
    with pytest.raises(PermissionDeniedError):
        services.invitation_send(network=nets["school"], by=people["office"], email="x@example.se")
    with pytest.raises(PermissionDeniedError):
        services.invitation_send(network=nets["region"], by=people["employee"], email="x@example.se")


def test_an_invitation_accepted_makes_a_partner_member_and_cannot_be_used_again(nets, people):
    _invitation, token = services.invitation_send(network=nets["region"], by=people["office"], email="eva@uppsala.se")
    eva = services.invitation_accept_new_account(token=token, name="Eva Ek", password="ett-langt-losenord-9")
    assert eva.kind == PersonKind.PARTNER and eva.unit is None
    assert access.is_member(eva, nets["region"])
    assert NetworkInvitation.objects.get().accepted_by == eva
    with pytest.raises(DomainError, match="already been used"):
        services.invitation_accept(token=token, person=eva)
    with pytest.raises(DomainError, match="already been used"):
        services.invitation_accept_new_account(token=token, name="Eva igen", password="ett-langt-losenord-9")


def test_an_expired_or_unknown_invitation_is_refused(nets, people):
    _invitation, token = services.invitation_send(network=nets["region"], by=people["office"], email="eva@uppsala.se")
    later = timezone.now() + timedelta(days=services.INVITATION_DAYS, seconds=1)
    with pytest.raises(DomainError, match="expired"):
        services.invitation_accept_new_account(token=token, name="Eva", password="ett-langt-losenord-9", now=later)
    with pytest.raises(DomainError, match="not valid"):
        services.invitation_for("fel-token")


def test_an_invitation_is_accepted_only_by_the_account_it_was_sent_to(nets, people):
    _invitation, token = services.invitation_send(
        network=nets["region"], by=people["office"], email=people["colleague"].email
    )
    with pytest.raises(PermissionDeniedError):
        services.invitation_accept(token=token, person=people["employee"])
    services.invitation_accept(token=token, person=people["colleague"])
    assert access.is_member(people["colleague"], Network.objects.get(pk=nets["region"].pk))


def test_files_go_through_the_upload_checks(nets, people, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf")
    stored = services.file_add(network=nets["school"], uploaded_by=people["office"], upload=pdf)
    assert stored.original_name == "plan.pdf" and stored.content_type == "application/pdf"
    html = SimpleUploadedFile("x.html", b"<script>alert(1)</script>", "text/html")
    with pytest.raises(DomainError) as err:
        services.file_add(network=nets["school"], uploaded_by=people["office"], upload=html)
    assert err.value.field == "file"
    with pytest.raises(PermissionDeniedError):
        services.file_add(network=nets["school"], uploaded_by=people["employee"], upload=pdf)


def test_the_discussion_lists_threads_newest_first(nets, people):
    from spread.networks import selectors

    first = services.post_add(network=nets["coaches"], author=people["coach"], body="Första")
    second = services.post_add(network=nets["coaches"], author=people["coach"], body="Andra")
    services.post_add(network=nets["coaches"], author=people["coach"], body="Svar", parent=first)
    assert list(selectors.threads(nets["coaches"])) == [second, first]
    assert Post.objects.count() == 3
