"""The city's existing contracts and choice systems (LOV), and suppliers' proposals to improve what they deliver
under them; an accepted proposal becomes an idea in the lock with the supplier as co-author."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from organisation.models import Unit


class ContractKind(models.TextChoices):
    CONTRACT = "contract", _("Contract")
    FRAMEWORK = "framework", _("Framework agreement")
    #: A choice system under the Act on System of Choice (lagen om valfrihetssystem).
    CHOICE_SYSTEM = "choice_system", _("Choice system (LOV)")


class Contract(TimeStampedModel):
    """A contract or choice system of the city, with its owner: the person who answers suppliers' proposals."""

    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ContractKind.choices, default=ContractKind.CONTRACT)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("unit"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contracts_owned",
        verbose_name=_("contract owner"),
    )
    suppliers = models.ManyToManyField(
        "organisation.SupplierOrganisation", blank=True, related_name="contracts", verbose_name=_("suppliers")
    )
    description = models.TextField(_("what it covers"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    value_sek = models.PositiveBigIntegerField(_("value, SEK"), null=True, blank=True)
    #: The case whose outcome the contract is, if it came from one.
    from_case = models.ForeignKey(
        "procurement.ProcurementCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_contracts",
        verbose_name=_("from the case"),
    )
    open_for_proposals = models.BooleanField(_("suppliers may propose improvements"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="contract_ends_after_start",
            ),
        ]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:contract", args=[self.pk])


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted: an idea in the lock")
    DECLINED = "declined", pgettext_lazy("proposal", "Declined")


class SupplierProposal(TimeStampedModel):
    """A supplier's proposal to improve what it delivers under a contract; the contract's owner answers it by its
    due date (the ideas' first-answer days, ``SPRANG_FIRST_ANSWER_DAYS``)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("contract")
    )
    supplier = models.ForeignKey(
        "organisation.SupplierOrganisation",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("supplier"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("sent by")
    )
    title = models.CharField(_("title"), max_length=200)
    proposal = models.TextField(_("the proposal"))
    benefit = models.TextField(_("what it would improve"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED, db_index=True
    )
    due_at = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    idea = models.OneToOneField(
        "ideas.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplier_proposal",
        verbose_name=_("idea"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["contract", "status"]), models.Index(fields=["supplier", "created_at"])]
        verbose_name = _("supplier proposal")
        verbose_name_plural = _("supplier proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:proposal", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        """Still waiting for an answer after its due date."""
        return self.status == ProposalStatus.SUBMITTED and self.due_at < timezone.now()
