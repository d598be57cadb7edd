"""Every change to a network goes through these functions: views, the admin and the sample data call them."""

from __future__ import annotations

import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import invitations
from core.audit import actor_from
from core.errors import ConflictError, DomainError, PermissionDeniedError, require
from core.services import notify
from core.uploads import accept_upload
from organisation.models import PersonKind, User
from organisation.services import person_create
from spread.models import (
    Membership,
    MembershipRole,
    Network,
    NetworkFile,
    NetworkInvitation,
    NetworkKind,
    Post,
)
from spread.networks import access

NOT_ALLOWED = gettext_lazy("You do not have permission to do that in this network.")
POST_MAX = 5000
#: How long an invitation link works.
INVITATION_DAYS = invitations.INVITATION_DAYS


def _text(value: str, *, field: str, empty: str, limit: int, too_long: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(empty, field=field)
    if len(value) > limit:
        raise DomainError(too_long, field=field)
    return value


def _name_and_description(name: str, description: str) -> tuple[str, str]:
    """A network's name and description as they are kept, or the error naming the field and the fix."""
    name = _text(
        name,
        field="name",
        empty=_("Write the network's name."),
        limit=200,
        too_long=_("Keep the name to 200 characters or fewer."),
    )
    description = _text(
        description,
        field="description",
        empty=_("Write what the network is for, so that people know whether to join."),
        limit=5000,
        too_long=_("Keep the description to 5,000 characters or fewer."),
    )
    return name, description


@actor_from("by")
@transaction.atomic
def network_create(
    *, by: User, name: str, kind: str, description: str, sector: str = "", owner: User | None = None
) -> Network:
    """The innovation office or the director creates a network; its owner (``by`` unless named) is its first member."""
    require("spread.create_network", by, message=_("Only the innovation office and the director create networks."))
    name, description = _name_and_description(name, description)
    if kind not in NetworkKind.values:
        raise DomainError(_("Choose the kind of network."), field="kind")
    if kind == NetworkKind.COACHES and Network.objects.filter(kind=NetworkKind.COACHES).exists():
        raise DomainError(_("There is already a coaches' network; there is only one."), field="kind")
    owner = owner or by
    if owner.kind != PersonKind.EMPLOYEE or not owner.is_active:
        raise DomainError(_("The owner must be someone working in the city."), field="owner")
    network = Network.objects.create(
        name=name, kind=kind, description=description, sector=(sector or "").strip()[:30], owner=owner
    )
    Membership.objects.create(network=network, person=owner, role=MembershipRole.OWNER)
    return network


@actor_from("by")
@transaction.atomic
def network_update(*, network: Network, by: User, expected_version: int, name: str, description: str) -> Network:
    require("spread.moderate_network", by, network, message=NOT_ALLOWED)
    name, description = _name_and_description(name, description)
    updated = Network.objects.filter(pk=network.pk, version=expected_version).update(version=expected_version + 1)
    if not updated:
        raise ConflictError(
            _("Someone else changed the network while you were writing. Your text is kept below: check and save again.")
        )
    network.refresh_from_db(fields=["version"])
    network.name, network.description = name, description
    network.save(update_fields=["name", "description", "updated_at"])
    return network


@actor_from("person")
@transaction.atomic
def network_join(*, network: Network, person: User) -> Membership:
    """Someone in the city joins a sector network themselves."""
    if access.is_member(person, network):
        raise DomainError(_("You are already a member of this network."))
    require(
        "spread.join_network",
        person,
        network,
        message=_("Only city staff may join a sector network themselves; other networks take members by invitation."),
    )
    membership, _created = Membership.objects.get_or_create(network=network, person=person)
    network.__dict__.pop("_memberships", None)
    return membership


@actor_from("person")
@transaction.atomic
def network_leave(*, network: Network, person: User) -> None:
    row = access.membership(person, network)
    if row is None:
        if access.is_member(person, network):
            raise DomainError(
                _("You are a member of the coaches' network because you are an innovation coach; you cannot leave it.")
            )
        raise DomainError(_("You are not a member of this network."))
    if access.is_owner(person, network):
        raise DomainError(_("You own the network, so you cannot leave it: the network needs its owner."))
    row.delete()
    network.__dict__.pop("_memberships", None)


@actor_from("by")
@transaction.atomic
def member_remove(*, network: Network, person: User, by: User) -> None:
    """An owner removes a member (who is told)."""
    require("spread.moderate_network", by, network, message=NOT_ALLOWED)
    row = access.membership(person, network)
    if row is None:
        raise DomainError(
            _("%(name)s is not a member you can remove: coaches belong to the coaches' network by their role.")
            % {"name": person.name}
        )
    if person.pk == network.owner_id or row.role == MembershipRole.OWNER:
        raise DomainError(_("The network's owner cannot be removed."))
    row.delete()
    network.__dict__.pop("_memberships", None)
    name = network.name
    notify(
        recipients=[person],
        message_factory=lambda: _("You are no longer a member of the network “%(network)s”.") % {"network": name},
    )


@actor_from("by")
@transaction.atomic
def network_hand_over(*, network: Network, by: User, to: User, expected_version: int) -> Network:
    """The owner (or the director) hands the network over to another member, who is told; the old owner stays a
    member."""
    require("spread.hand_over_network", by, network, message=NOT_ALLOWED)
    if to.pk == network.owner_id:
        raise DomainError(_("%(name)s already owns the network.") % {"name": to.name}, field="to")
    if not access.is_member(to, network):
        raise DomainError(
            _("%(name)s is not a member of the network: only a member can take it over.") % {"name": to.name},
            field="to",
        )
    if to.kind != PersonKind.EMPLOYEE or not to.is_active:
        raise DomainError(
            _("%(name)s does not work in the city: the owner must be someone working in the city.") % {"name": to.name},
            field="to",
        )
    updated = Network.objects.filter(pk=network.pk, version=expected_version).update(version=expected_version + 1)
    if not updated:
        raise ConflictError(_("Someone else changed the network in the meantime. Check who owns it now and try again."))
    network.refresh_from_db(fields=["version"])
    # The old owner stays a member (a row of their own, also in the coaches' network).
    old, _created = Membership.objects.get_or_create(network=network, person_id=network.owner_id)
    if old.role != MembershipRole.MEMBER:
        old.role = MembershipRole.MEMBER
        old.save(update_fields=["role", "updated_at"])
    row, _created = Membership.objects.get_or_create(
        network=network, person=to, defaults={"role": MembershipRole.OWNER}
    )
    if row.role != MembershipRole.OWNER:
        row.role = MembershipRole.OWNER
        row.save(update_fields=["role", "updated_at"])
    network.owner = to
    network.save(update_fields=["owner", "updated_at"])
    network.__dict__.pop("_memberships", None)
    name, by_name = network.name, by.name
    notify(
        recipients=[to],
        message_factory=lambda: (
            _("%(name)s has handed the network “%(network)s” over to you: you are its owner now.")
            % {"name": by_name, "network": name}
        ),
        url=network.get_absolute_url(),
        exclude=by,
    )
    return network


def _mentioned(network: Network, body: str) -> list[User]:
    """The members named as ``@Full Name`` in the text."""
    if "@" not in body:
        return []
    lowered = body.casefold()
    found = []
    for person in access.members_of(network).only(
        "pk", "name", "email", "language", "email_notifications", "email_frequency"
    ):
        name = (person.name or "").strip()
        if name and re.search(r"@" + re.escape(name.casefold()) + r"(?!\w)", lowered):
            found.append(person)
    return found


@actor_from("author")
@transaction.atomic
def post_add(
    *, network: Network, author: User, body: str, parent: Post | None = None, now: datetime | None = None
) -> Post:
    """A member writes in the discussion, or replies to a thread; members named as ``@Name`` are notified."""
    require("spread.post_in_network", author, network, message=_("Only the network's members write in its discussion."))
    body = _text(
        body,
        field="body",
        empty=_("Write your message before you send it."),
        limit=POST_MAX,
        too_long=_("Keep the message to 5,000 characters or fewer."),
    )
    if parent is not None:
        if parent.network_id != network.pk:
            raise DomainError(_("The message you reply to is in another network."), field="body")
        if parent.parent_id is not None:  # replies stay one level deep: a reply to a reply joins its thread
            parent = parent.parent
        if parent is not None and parent.hidden:
            raise DomainError(
                _("The thread has been hidden by the network's owner; it takes no replies."), field="body"
            )
    post = Post.objects.create(
        network=network, author=author, parent=parent, body=body, created_at=now or timezone.now()
    )
    mentioned = _mentioned(network, body)
    if mentioned:
        post.mentions.set(mentioned)
        name, network_name = author.name, network.name
        notify(
            recipients=mentioned,
            message_factory=lambda: (
                _("%(name)s mentioned you in the network “%(network)s”.") % {"name": name, "network": network_name}
            ),
            url=reverse("spread:network", args=[network.pk]) + f"#post-{post.pk}",
            exclude=author,
        )
    if parent is not None and parent.author_id != author.pk and parent.author not in mentioned:
        name, network_name = author.name, network.name
        notify(
            recipients=[parent.author] if access.is_member(parent.author, network) else [],
            message_factory=lambda: (
                _("%(name)s replied to your post in the network “%(network)s”.")
                % {"name": name, "network": network_name}
            ),
            url=reverse("spread:network", args=[network.pk]) + f"#post-{post.pk}",
        )
    return post


@actor_from("by")
@transaction.atomic
def post_hide(*, post: Post, by: User, reason: str) -> Post:
    require("spread.moderate_network", by, post.network, message=NOT_ALLOWED)
    reason = _text(
        reason,
        field="reason",
        empty=_("Give the reason for hiding the post; it is shown in its place."),
        limit=300,
        too_long=_("Keep the reason to 300 characters or fewer."),
    )
    if post.hidden:
        raise DomainError(_("The post is already hidden."))
    post.hidden, post.hidden_reason, post.hidden_by = True, reason, by
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated_at"])
    return post


@actor_from("uploaded_by")
@transaction.atomic
def file_add(*, network: Network, uploaded_by: User, upload: UploadedFile, now: datetime | None = None) -> NetworkFile:
    """A member adds a file to the network (``now``: the moment it was added, for history written afterwards)."""
    require("spread.add_network_file", uploaded_by, network, message=_("Only the network's members add files."))
    accepted = accept_upload(upload, field="file")
    return NetworkFile.objects.create(
        network=network,
        file=upload,
        original_name=accepted.name,
        content_type=accepted.content_type,
        size=accepted.size,
        uploaded_by=uploaded_by,
        created_at=now or timezone.now(),
    )


@actor_from("by")
@transaction.atomic
def invitation_send(
    *, network: Network, by: User, email: str, now: datetime | None = None
) -> tuple[NetworkInvitation, str]:
    """The owner invites someone by email (another municipality, a university); the link works for 14 days, once."""
    require(
        "spread.invite_to_network",
        by,
        network,
        message=_("Only the owner of a network with members from outside the city invites people by email."),
    )
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Write the email address as name@example.se."), field="email") from None
    existing = User.objects.filter(email=email).first()
    if existing is not None and access.is_member(existing, network):
        raise DomainError(_("%(email)s is already a member of the network.") % {"email": email}, field="email")
    now = now or timezone.now()
    token, hashed, expires_at = invitations.token_issue(now)
    invitation = NetworkInvitation.objects.create(
        network=network, email=email, invited_by=by, token_hash=hashed, expires_at=expires_at
    )
    link = settings.SPRANG_SITE_URL.rstrip("/") + reverse("spread:network_invitation", args=[token])
    body = render_to_string(
        "spread/networks/email/invitation.txt",
        {"network": network, "by": by, "link": link, "expires_at": invitation.expires_at},
    )
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Invitation to the network “%(network)s”") % {
        "network": network.name
    }
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True))
    return invitation, token


def invitation_for(token: str, *, now: datetime | None = None) -> NetworkInvitation:
    """The invitation a link's token belongs to, if it still works; otherwise a refusal saying why."""
    return invitations.invitation_for(
        NetworkInvitation.objects.select_related("network", "invited_by"),
        token,
        expired=_("This invitation has expired. Ask the network's owner to invite you again."),
        now=now,
    )


def _accept(invitation: NetworkInvitation, person: User, now: datetime) -> Membership:
    invitations.invitation_use(invitation, person, now)
    membership, _created = Membership.objects.get_or_create(network=invitation.network, person=person)
    return membership


@actor_from("person")
@transaction.atomic
def invitation_accept(*, token: str, person: User, now: datetime | None = None) -> Membership:
    """A signed-in person accepts an invitation sent to their own email address."""
    now = now or timezone.now()
    invitation = invitation_for(token, now=now)
    if person.email.lower() != invitation.email.lower():
        raise PermissionDeniedError(
            _("The invitation was sent to another email address. Sign out and sign in with the account for %(email)s.")
            % {"email": invitation.email}
        )
    return _accept(invitation, person, now)


@transaction.atomic
def invitation_accept_new_account(*, token: str, name: str, password: str, now: datetime | None = None) -> User:
    """Someone without an account accepts: an account for a partner outside the city is created for the invited address."""
    now = now or timezone.now()
    invitation = invitation_for(token, now=now)
    name = _text(
        name,
        field="name",
        empty=_("Write your name, as the other members will see it."),
        limit=150,
        too_long=_("Keep your name to 150 characters or fewer."),
    )
    if User.objects.filter(email=invitation.email).exists():
        raise DomainError(
            _("There is already an account for %(email)s: sign in to accept.") % {"email": invitation.email}
        )
    person = person_create(email=invitation.email, name=name, kind=PersonKind.PARTNER, password=password)
    _accept(invitation, person, now)
    return person
