from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name
from ideas.lessons import Effect, Factor
from ideas.lock import ROUTE, CloseReason, Stage
from organisation.models import Unit, UnitKind

#: The kinds of value an idea creates (M1).
VALUE_KEYS = ("economic", "social", "environmental")


class Source(models.TextChoices):
    """Who brought the idea (M2): the mix is followed up."""

    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    RESIDENT = "resident", _("Resident or service user")
    SUPPLIER = "supplier", _("Supplier or contractor")
    UNIVERSITY = "university", _("University or researcher")
    CITY_UNIT = "city_unit", _("Another city unit")
    FEEDBACK = "feedback", _("User feedback or complaint")


class InnovationKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    PROCESS = "process", _("Process")
    ORGANISATION = "organisation", _("Organisation")
    EXTERNAL_RELATIONS = "external_relations", _("New ways of working with others")


class Area(models.TextChoices):
    """What a resident's or supplier's idea is about, in their words; the innovation office classifies it."""

    SCHOOL = "school", _("Preschool and school")
    CARE = "care", _("Care, health and support")
    LEISURE = "leisure", _("Culture, sport and leisure")
    STREETS = "streets", _("Streets, parks and nature")
    TRAVEL = "travel", _("Getting around")
    HOUSING = "housing", _("Housing, building and the environment")
    WORK = "work", _("Work, business and financial support")
    OTHER = "other", _("Something else, or I don't know")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal – city staff only")
    PUBLIC = "public", _("Public – everyone can read it")


class Novelty(models.TextChoices):
    NONE = "none", _("Not substantially new")
    UNIT = "unit", _("New to the unit")
    CITY = "city", _("New to the city")
    PUBLIC_SECTOR = "public_sector", _("New to the public sector")


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user) -> IdeaQuerySet:
        """Ideas this person may read: city staff read every idea; others read public ones and their own."""
        from ideas.rules import visible_ideas_filter

        return self.filter(visible_ideas_filter(user))

    def in_subtree(self, unit: Unit) -> IdeaQuerySet:
        # The few hundred units are matched first; ideas are then found by their unit index.
        return self.filter(unit__in=Unit.objects.filter(path__startswith=unit.path).values("pk"))

    def awaiting_first_answer(self) -> IdeaQuerySet:
        return self.filter(stage=Stage.IDEA, answered_at__isnull=True)

    def overdue(self, now=None) -> IdeaQuerySet:
        now = now or timezone.now()
        return self.awaiting_first_answer().filter(answer_due_at__lt=now)

    def for_list(self) -> IdeaQuerySet:
        """Rows for lists: the related names and the counts, as correlated subqueries.

        Subqueries are evaluated only for the rows of the page shown, where joining
        supports and comments would multiply every row before the page is cut.
        """
        return self.select_related("unit", "author", "coach").annotate(
            support_count=support_count(),
            comment_count=count_of(Comment.objects.filter(idea=models.OuterRef("pk"), hidden=False)),
        )


def support_count() -> Coalesce:
    """How many times the idea (``OuterRef("pk")``) is supported, both kinds counted, as a correlated subquery."""
    return count_of(Support.objects.filter(idea=models.OuterRef("pk")))


def count_of(qs: models.QuerySet, *, distinct: str = "") -> Coalesce:
    """The number of rows of ``qs`` (filtered on ``idea=OuterRef("pk")``) as a correlated subquery.

    With ``distinct``, the number of different values of that field (``"user"``: people, not rows).
    """
    counted = models.Count(distinct, distinct=True) if distinct else models.Count("pk")
    return Coalesce(
        models.Subquery(
            qs.order_by().values("idea").annotate(n=counted).values("n")[:1],
            output_field=models.IntegerField(),
        ),
        0,
    )


class Idea(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem or need"))
    audience = models.TextField(_("who it is for"))
    proposal = models.TextField(_("the idea"))
    expected_value = models.TextField(_("value expected"))
    #: Empty until the innovation office classifies an idea from a resident or a supplier.
    kind = models.CharField(_("kind of innovation"), max_length=30, choices=InnovationKind.choices, blank=True)
    #: What the idea is about and where, as a resident or supplier says it (staff name the unit and kind instead).
    area = models.CharField(_("what it is about"), max_length=20, choices=Area.choices, blank=True)
    place = models.CharField(_("where in the city"), max_length=200, blank=True)
    value_economic = models.BooleanField(_("economic value"), default=False)
    value_social = models.BooleanField(_("social value"), default=False)
    value_environmental = models.BooleanField(_("environmental value"), default=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("author")
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_authored_ideas", verbose_name=_("co-authors")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("owning unit"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_ideas",
        verbose_name=_("innovation coach"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    #: When and by whom the idea may be published: only its author gives consent (needed for public ideas).
    public_consent_at = models.DateTimeField(_("consent to publish given"), null=True, blank=True)
    public_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent to publish given by"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA, db_index=True)
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    parked_from = models.CharField(_("parked from stage"), max_length=20, choices=Stage.choices, blank=True)
    parked_until = models.DateField(_("look at it again on"), null=True, blank=True)
    #: Why it was closed (``lock.close_reasons_for``); the closing decision's rationale says the rest.
    closed_reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True)
    answer_due_at = models.DateTimeField(_("first answer due"))
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    #: Bumped by every write; a write that names an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=1)
    #: Swedish word stems of the text, kept by the services, for full-text search.
    search_stems = models.TextField(blank=True, editable=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["stage", "answer_due_at"]),
            models.Index(fields=["unit", "stage"]),
            # Lists filtered by stage or source and shown newest first.
            models.Index(fields=["stage", "-created_at"], name="ideas_stage_created"),
            models.Index(fields=["source", "-created_at"], name="ideas_source_created"),
            models.Index(fields=["stage", "-stage_changed_at"], name="ideas_stage_changed"),
            # The whole list, newest first: PostgreSQL finds a deep page's keys from this index alone (an
            # index-only scan) instead of visiting every idea before it. SQLite's index on the date holds the
            # key already.
            models.Index(fields=["created_at", "id"], name="ideas_created_id"),
            # The figures over every idea one may see (the start page's, the pipeline's): counted from this index
            # alone, a fifth of reading every idea's row with its texts.
            models.Index(
                fields=["stage", "answered_at", "answer_due_at", "visibility", "author"], name="ideas_counted"
            ),
        ]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("ideas:detail", args=[self.pk])

    @property
    def value_keys(self) -> list[str]:
        """The kinds of value as keys: ``economic``, ``social``, ``environmental``."""
        return [key for key in VALUE_KEYS if getattr(self, f"value_{key}")]

    @staticmethod
    def value_fields(values) -> dict[str, bool]:
        """The model's value flags for a collection of keys."""
        return {f"value_{key}": key in values for key in VALUE_KEYS}

    @property
    def value_kinds(self) -> list[str]:
        labels = {"economic": _("economic"), "social": _("social"), "environmental": _("environmental")}
        return [str(labels[key]) for key in self.value_keys]

    @property
    def needs_classification(self) -> bool:
        """Sent without a kind, or to the city as a whole: the innovation office still has to name both."""
        return not self.kind or self.unit.kind == UnitKind.CITY

    @property
    def is_overdue(self) -> bool:
        return self.stage == Stage.IDEA and self.answered_at is None and self.answer_due_at < timezone.now()

    @property
    def is_active(self) -> bool:
        return self.stage in ROUTE

    @property
    def stage_position(self) -> int:
        return ROUTE.index(self.stage) + 1 if self.stage in ROUTE else 0


class GateDecision(models.Model):
    """An immutable record of a move through the lock: who decided, when, from where to where, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("idea"))
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gate_decisions", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now, db_index=True)
    rationale = models.TextField(_("rationale"))
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_stage} → {self.to_stage}"


class Lesson(models.Model):
    """What helped or blocked an idea, recorded with the decision that closed it or moved it to spread."""

    decision = models.ForeignKey(
        GateDecision, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("decision")
    )
    factor = models.CharField(_("factor"), max_length=20, choices=Factor.choices, db_index=True)
    effect = models.CharField(_("helped or blocked"), max_length=10, choices=Effect.choices)
    note = models.TextField(_("in one sentence"))

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [models.UniqueConstraint(fields=["decision", "factor"], name="lesson_once_per_factor")]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.factor} {self.effect}"


class PublicationStep(models.TextChoices):
    ASKED = "asked", _("Asked the author to publish")
    CONSENTED = "consented", _("The author consented to publishing")
    DECLINED = "declined", _("The author declined to publish")
    WITHDRAWN = "withdrawn", _("The author withdrew consent")
    UNPUBLISHED = "unpublished", _("Made internal")


class PublicationEvent(models.Model):
    """An immutable record of a step towards or away from publishing an idea: who, when, and what they wrote.

    A request is pending while it is the idea's latest step.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="publication_events", verbose_name=_("idea"))
    step = models.CharField(_("step"), max_length=20, choices=PublicationStep.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.step}"


class Assessment(models.Model):
    """Whether a realised change is an innovation (M1): substantially new, value evidenced, in use."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("idea"))
    novelty = models.CharField(_("degree of novelty"), max_length=20, choices=Novelty.choices)
    value_evidence = models.TextField(_("value created (evidence)"))
    value_figures = models.CharField(_("key figures"), max_length=300, blank=True)
    in_use = models.BooleanField(_("in use"))
    used_by = models.CharField(_("used by"), max_length=300, blank=True)
    is_innovation = models.BooleanField(_("counts as an innovation"), editable=False)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assessed by")
    )
    assessed_at = models.DateTimeField(_("assessed"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("innovation assessment")
        verbose_name_plural = _("innovation assessments")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.novelty}"


class Comment(TimeStampedModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", verbose_name=_("author")
    )
    body = models.TextField(_("comment"))
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class SupportKind(models.TextChoices):
    SAME_NEED = "same_need", _("We have the same need")
    WANT_TO_HELP = "want_to_help", _("I want to help")


class Support(TimeStampedModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idea"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["idea", "user", "kind"], name="unique_support")]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.idea_id}"


class Follow(TimeStampedModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="unique_follow")]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.idea_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    """A generated name (``attachments/2026/12/<uuid>``): the uploader's name is kept in ``original_name``."""
    return stored_name("attachments")


class Attachment(StoredFile):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("idea"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


def default_answer_due(now=None):
    return (now or timezone.now()) + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)
