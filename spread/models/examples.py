"""Good examples: what a unit did that others can use, with what it took and its evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name
from ideas.models import InnovationKind
from organisation.models import Unit


class Sector(models.TextChoices):
    """The city's sectors (the keys of ``Unit.sectors``)."""

    ADMINISTRATION = "administration", _("Administration")
    CULTURE = "culture", _("Culture")
    DISABILITY = "disability", _("Disability support")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    ENVIRONMENT = "environment", _("Environment")
    HOUSING = "housing", _("Housing")
    IT = "it", _("IT and digital services")
    LABOUR_MARKET = "labour_market", _("Labour market")
    LIBRARY = "library", _("Libraries")
    PARKS = "parks", _("Parks and nature")
    PRESCHOOL = "preschool", _("Preschool")
    PROCUREMENT = "procurement", _("Procurement")
    SCHOOL = "school", _("School")
    SOCIAL_SERVICES = "social_services", _("Social services")
    SPORT = "sport", _("Sport")
    TRAFFIC = "traffic", _("Traffic and streets")
    URBAN_PLANNING = "urban_planning", _("Urban planning")
    WASTE = "waste", _("Waste")
    WATER = "water", _("Water")


class ExampleStatus(models.TextChoices):
    #: Prefilled (from an award winner's application): waiting for the innovation office to confirm it.
    PROPOSED = "proposed", _("Proposed, waiting for confirmation")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class ExampleVisibility(models.TextChoices):
    INTERNAL = "internal", _("Internal – city staff only")
    PUBLIC = "public", _("Public – everyone can read it")


class Example(TimeStampedModel):
    """A good example: from an idea that reached implementation, an award winner, or another city's feed."""

    title = models.CharField(_("title"), max_length=200)
    idea = models.OneToOneField(
        "ideas.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="example",
        verbose_name=_("idea"),
    )
    #: The award winner's application it was prefilled from.
    application = models.OneToOneField(
        "calls.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="example",
        verbose_name=_("application"),
    )
    #: The unit it comes from; empty for an example imported from another city.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="examples", verbose_name=_("unit")
    )
    #: Who owns the example: gives consent to publish it, follows up leads.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examples",
        verbose_name=_("owner"),
    )
    problem = models.TextField(_("the problem"))
    what_was_done = models.TextField(_("what was done"))
    cost = models.TextField(_("what it cost"), blank=True)
    time_taken = models.TextField(_("how long it took"), blank=True)
    roles = models.TextField(_("roles involved"), blank=True)
    tools = models.TextField(_("tools and methods"), blank=True)
    effect = models.TextField(_("evidence of the effect"))
    watch_out_for = models.TextField(_("what to watch out for"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    #: The contact of an example from another city (who they are, how to reach them).
    contact_text = models.CharField(_("contact"), max_length=300, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True, db_index=True)
    kind = models.CharField(_("kind of innovation"), max_length=30, choices=InnovationKind.choices, blank=True)
    value_economic = models.BooleanField(_("economic value"), default=False)
    value_social = models.BooleanField(_("social value"), default=False)
    value_environmental = models.BooleanField(_("environmental value"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ExampleStatus.choices, default=ExampleStatus.PUBLISHED, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=ExampleVisibility.choices, default=ExampleVisibility.INTERNAL
    )
    #: Only the owner consents to publishing the example outside the city.
    public_consent_at = models.DateTimeField(_("consent to publish given"), null=True, blank=True)
    public_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Adoptions by other units that have not stopped, kept by the adoption services (the library sorts by it).
    adoption_count = models.PositiveIntegerField(_("adoptions"), default=0, db_index=True)
    #: Where an example imported from another Språng came from: its feed entry's address and the source's name.
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_name = models.CharField(_("source's name"), max_length=200, blank=True)
    source_id = models.CharField(_("identifier at the source"), max_length=500, blank=True)
    #: A digest of the example's text as last imported: an import that finds the text changed here since keeps it.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    #: Swedish word stems of the text, kept by the services, for full-text search.
    search_stems = models.TextField(blank=True, editable=False)
    #: Bumped by every write; a write that names an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-published_at", "-pk"]
        # The library's two orders, most adopted and newest, among the published examples.
        indexes = [
            models.Index(fields=["status", "-adoption_count", "-published_at"], name="spread_example_adopted"),
            models.Index(fields=["status", "-published_at"], name="spread_example_newest"),
            # The library's unit and organisation filters count from the index, not from the wide rows.
            models.Index(fields=["status", "unit"], name="spread_example_unit"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_url"], condition=~models.Q(source_url=""), name="spread_example_unique_source"
            )
        ]
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spread:example", args=[self.pk])

    @property
    def is_external(self) -> bool:
        return bool(self.source_url)


def example_file_path(instance: ExampleFile, filename: str) -> str:
    return stored_name("examples")


class ExampleFile(StoredFile):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="files", verbose_name=_("example"))
    file = models.FileField(_("file"), upload_to=example_file_path, max_length=300)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("example file")
        verbose_name_plural = _("example files")
