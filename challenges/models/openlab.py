"""OpenLab and the universities: needs assigned to a university, and the student teams' and research groups'
projects that answer them, with milestones, deliverables and a final report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name


class University(TimeStampedModel):
    """A university or college the city works with (KTH, Karolinska Institutet, …), or OpenLab itself."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("university")
        verbose_name_plural = _("universities")

    def __str__(self) -> str:
        return self.name


class AcademicRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    RESEARCHER = "researcher", _("Researcher")
    STUDENT = "student", _("Student")


class Affiliation(TimeStampedModel):
    """The university and role of a university partner's person (``PersonKind.UNIVERSITY``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation", verbose_name=_("person")
    )
    university = models.ForeignKey(
        University, on_delete=models.PROTECT, related_name="people", verbose_name=_("university")
    )
    role = models.CharField(_("role"), max_length=20, choices=AcademicRole.choices)

    class Meta:
        ordering = ["university", "user"]
        verbose_name = _("university affiliation")
        verbose_name_plural = _("university affiliations")

    def __str__(self) -> str:
        return f"{self.user}, {self.get_role_display()}, {self.university}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Open for project proposals")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", pgettext_lazy("an assignment", "Cancelled")


class Assignment(TimeStampedModel):
    """A need given to a university (or OpenLab) to work on, with the agreement's dates and the contacts."""

    need = models.ForeignKey(
        "challenges.Need", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("need")
    )
    university = models.ForeignKey(
        University, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("university")
    )
    title = models.CharField(_("title"), max_length=200)
    brief = models.TextField(_("what the university is asked to do"))
    #: The city's contact person: accepts projects and follows them.
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments_contact",
        verbose_name=_("the city's contact person"),
    )
    #: The university's contact person, if one is named.
    university_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the university's contact person"),
    )
    agreement_starts_on = models.DateField(_("agreement starts"), null=True, blank=True)
    agreement_ends_on = models.DateField(_("agreement ends"), null=True, blank=True)
    agreement_reference = models.CharField(_("agreement reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: Who cancelled it, when and why (``AssignmentStatus.CANCELLED``).
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["need", "university"], name="assignment_once_per_university")]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:assignment", args=[self.pk])


class ProjectKind(models.TextChoices):
    STUDENT_TEAM = "student_team", _("Student team")
    RESEARCH_GROUP = "research_group", _("Research group")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the city")
    ACCEPTED = "accepted", _("Accepted, under way")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended when the assignment was cancelled")


class Project(TimeStampedModel):
    """A student team's or research group's project on an assignment: scope, period, deliverables."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="projects", verbose_name=_("assignment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    deliverables = models.TextField(_("deliverables"))
    #: The teacher or researcher who leads it and proposed it.
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects_led", verbose_name=_("lead")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="projects", verbose_name=_("members")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("the city's comment"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_it_starts"
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:project", args=[self.pk])


class Milestone(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


def project_file_path(instance: Deliverable, filename: str) -> str:
    return stored_name("projects")


class Deliverable(StoredFile):
    """A file a project delivers, perhaps for a milestone; one of them may be its final report."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliverable_files")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="files", verbose_name=_("milestone")
    )
    title = models.CharField(_("what it is"), max_length=200)
    is_final_report = models.BooleanField(_("the final report"), default=False)
    file = models.FileField(_("file"), upload_to=project_file_path, max_length=300)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(is_final_report=True), name="one_final_report_per_project"
            ),
        ]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")


class ProjectIdea(TimeStampedModel):
    """An idea in the lock started from a project's final report."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="ideas_started")
    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="openlab_project")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("idea from a project")
        verbose_name_plural = _("ideas from projects")

    def __str__(self) -> str:
        return f"{self.project}: {self.idea}"


class UniversityInvitation(TimeStampedModel):
    """An invitation by email to a university's teacher, researcher or student (token kept hashed, used once)."""

    university = models.ForeignKey(
        University, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("university")
    )
    role = models.CharField(_("role"), max_length=20, choices=AcademicRole.choices)
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
        verbose_name = _("invitation to a university partner")
        verbose_name_plural = _("invitations to university partners")

    def __str__(self) -> str:
        return f"{self.email} → {self.university_id}"
