"""Networks: communities of practice, with members (some from outside the city), a discussion and files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name


class NetworkKind(models.TextChoices):
    #: Every innovation coach is a member.
    COACHES = "coaches", _("The coaches' network")
    SECTOR = "sector", _("Sector network")
    OPEN = "open", _("Network with members from outside the city")


class Network(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of network"), max_length=20, choices=NetworkKind.choices)
    description = models.TextField(_("description"))
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_networks", verbose_name=_("owner")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="spread.Membership", related_name="networks", verbose_name=_("members")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spread:network", args=[self.pk])


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class Membership(TimeStampedModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["network", "person"], name="spread_member_once")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person_id} in {self.network_id}"


class NetworkInvitation(TimeStampedModel):
    """An invitation by email to someone outside the city (another municipality, a university)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.network_id}"


class Post(TimeStampedModel):
    """A post in a network's discussion, or a reply to one."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="posts", verbose_name=_("network"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="network_posts", verbose_name=_("author")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    body = models.TextField(_("message"))
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["network", "parent", "-created_at"], name="spread_post_thread")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.body[:60]


def network_file_path(instance: NetworkFile, filename: str) -> str:
    return stored_name("networks")


class NetworkFile(StoredFile):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="files", verbose_name=_("network"))
    file = models.FileField(_("file"), upload_to=network_file_path, max_length=300)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("network file")
        verbose_name_plural = _("network files")
