"""OpenLab's pages. Every view is behind sign-in. What a person may open is asked of ``challenges/openlab/rules.py``;
an assignment or project they may not see is answered 404, as one that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from challenges.models import (
    AssignmentStatus,
    Deliverable,
    Milestone,
    Need,
    ProjectStatus,
    University,
)
from challenges.openlab import selectors, services
from challenges.openlab.forms import (
    AssignmentCancelForm,
    AssignmentEditForm,
    AssignmentForm,
    DeliverableForm,
    MilestoneForm,
    ProjectDecisionForm,
    ProjectForm,
    ProjectIdeaForm,
    UniversityAccountForm,
    UniversityForm,
    UniversityInvitationForm,
)
from challenges.openlab.rules import affiliation_of
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply, show_domain_error
from core.http import AuthenticatedRequest, Request
from core.invitation_views import InvitationPage, invitation_page
from core.pagination import page_range
from core.uploads import file_download
from core.validators import parse_id
from organisation.models import User

PER_PAGE = 25


def _assignment(request: AuthenticatedRequest, pk: int):
    assignment = selectors.assignment_detail(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


def _project(request: AuthenticatedRequest, pk: int):
    project = selectors.project_detail(request.user, pk)
    if project is None:
        raise Http404
    return project


#: Needs routed to OpenLab listed on the overview, those not yet given to any university first; the needs list
#: (filtered by the route) has the rest.
TO_ASSIGN_LISTED = 10


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """The city's overview of every collaboration (by university, need and status), or a university person's own
    start: the assignments given to their university and the projects they take part in."""
    user = request.user
    affiliation = affiliation_of(user)
    if affiliation is None and not user.has_perm("challenges.view_openlab_overview"):
        raise Http404
    university = parse_id(request.GET.get("university"))
    status = request.GET.get("status") or ""
    if status not in AssignmentStatus.values:
        status = ""
    need = parse_id(request.GET.get("need"))
    rows = selectors.collaborations(
        user, university=university if affiliation is None else None, status=status, need=need
    )
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "affiliation": affiliation,
        "universities": University.objects.order_by("name") if affiliation is None else [],
        "statuses": AssignmentStatus.choices,
        "chosen_university": university,
        "chosen_status": status,
        "filtered": bool(university or status or need),
        "my_projects": list(selectors.my_projects(user)[:50]),
        "to_decide": list(selectors.projects_to_decide(user)[:50]),
        "can_manage": user.has_perm("challenges.manage_universities"),
    }
    if affiliation is None:
        assignable = [n for n in selectors.needs_to_assign()[:50] if user.has_perm("challenges.assign_need", n)]
        context["to_assign"] = assignable[:TO_ASSIGN_LISTED]
        context["more_to_assign"] = len(assignable) > TO_ASSIGN_LISTED
    return render(request, "challenges/openlab/overview.html", context)


# Universities and their people ------------------------------------------------------------------------------------


@login_required_keep_input
def university_list(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("challenges.manage_universities"):
        raise PermissionDenied
    form = UniversityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = apply(
            form,
            lambda: services.university_create(
                by=request.user, name=data["name"], short_name=data["short_name"], website=data["website"]
            ),
        )
        if created is not None:
            messages.success(request, _("%(name)s is added to the universities.") % {"name": created.name})
            return redirect("challenges:openlab_university", pk=created.pk)
    return render(
        request, "challenges/openlab/universities.html", {"universities": selectors.universities(), "form": form}
    )


@login_required_keep_input
def university_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("challenges.manage_universities"):
        raise PermissionDenied
    university = get_object_or_404(University, pk=pk)
    form = UniversityInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = apply(
            form,
            lambda: services.university_invite(
                by=request.user, university=university, email=data["email"], role=data["role"]
            ),
        )
        if sent is not None:
            messages.success(request, _("The invitation is sent to %(email)s.") % {"email": sent[0].email})
            return redirect("challenges:openlab_university", pk=university.pk)
    return render(
        request,
        "challenges/openlab/university.html",
        {
            "university": university,
            "people": selectors.people_of(university),
            "invitations": selectors.invitations_of(university),
            "form": form,
        },
    )


class UniversityInvitationPage(InvitationPage):
    """A university's invitation: the person becomes a university partner of that university, in that role."""

    account_form = UniversityAccountForm
    title = gettext_lazy("Invitation to OpenLab")
    create_label = gettext_lazy("Create the account")

    def find(self, token: str):
        return services.university_invitation_for(token)

    def accept(self, token: str, person: User):
        return services.university_invitation_accept(token=token, person=person)

    def accept_new_account(self, token: str, *, name: str, password: str) -> User:
        return services.university_invitation_accept_new_account(token=token, name=name, password=password)

    def heading(self, invitation) -> str:
        return _("Invitation to OpenLab for %(university)s") % {"university": invitation.university.name}

    def lead(self, invitation) -> str:
        return _(
            "%(name)s has invited %(email)s as %(role)s. You will see the city's assignments to your university, "
            "propose or take part in projects, and send ideas."
        ) % {"name": invitation.invited_by.name, "email": invitation.email, "role": invitation.get_role_display()}

    def welcome(self, invitation, person: User) -> str:
        return _("Welcome to OpenLab, %(name)s.") % {"name": person.name}

    def done_url(self, invitation) -> str:
        return reverse("challenges:openlab")


def invitation(request: Request, token: str) -> HttpResponse:
    """The link in an invitation email: create a university partner's account (or sign in) and accept."""
    return invitation_page(request, token, UniversityInvitationPage())


# Assignments ------------------------------------------------------------------------------------------------------


def _brief_from(need: Need) -> str:
    parts = [
        need.title,
        _("Who has the problem: %(text)s") % {"text": need.who_has_it},
        _("How it shows: %(text)s") % {"text": need.how_it_shows},
        _("A good outcome: %(text)s") % {"text": need.good_outcome},
    ]
    if need.constraints:
        parts.append(_("Constraints: %(text)s") % {"text": need.constraints})
    return "\n\n".join(parts)


def _person_at(address: str, *, field: str) -> User:
    person = User.objects.filter(email__iexact=address).first()
    if person is None:
        raise DomainError(_("No one in Språng has the address %(email)s.") % {"email": address}, field=field)
    return person


def _assignment_fields(data: dict) -> dict:
    """What the assignment's form gives ``assignment_create`` and ``assignment_update``: its texts and dates, and
    the city's and the university's contact persons from the addresses written in it."""
    address = data.get("university_contact_email")
    return {
        "title": data["title"],
        "brief": data["brief"],
        "contact": _person_at(data["contact_email"], field="contact_email"),
        "university_contact": _person_at(address, field="university_contact_email") if address else None,
        "agreement_starts_on": data.get("agreement_starts_on"),
        "agreement_ends_on": data.get("agreement_ends_on"),
        "agreement_reference": data.get("agreement_reference") or "",
    }


def _assignment_checked(form: AssignmentForm, university: University | None = None) -> bool:
    """Every problem of the assignment's form at once, each at its field: the form's own, an address nobody in
    Språng has, and the service's refusals (``services.assignment_problems``). True when there is none. The
    university is the assignment's, or (for a new one) the one chosen in the form."""
    valid = form.is_valid()
    data = form.cleaned_data
    university = university or data.get("university")
    found: list[DomainError] = []
    people: dict[str, User | None] = {}
    for field in ("contact_email", "university_contact_email"):
        people[field] = None
        if data.get(field):
            try:
                people[field] = _person_at(data[field], field=field)
            except DomainError as exc:
                found.append(exc)
    if university is not None:
        found += services.assignment_problems(
            university=university,
            title=data.get("title", ""),
            brief=data.get("brief", ""),
            contact=people["contact_email"],
            university_contact=people["university_contact_email"],
            agreement_starts_on=data.get("agreement_starts_on"),
            agreement_ends_on=data.get("agreement_ends_on"),
            agreement_reference=data.get("agreement_reference") or "",
        )
    for problem in found:
        named = problem.field or ""
        named = f"{named}_email" if named in ("contact", "university_contact") else named
        if named in form.fields and named in form.errors:
            continue  # the field's own error says it first
        form.add_error(named if named in form.fields else None, problem.message)
    return valid and not found


@contextmanager
def _contact_fields() -> Iterator[None]:
    """A service's refusal about a contact person goes to the form's field for their address."""
    try:
        yield
    except DomainError as exc:
        if exc.field in ("contact", "university_contact"):
            exc.field = f"{exc.field}_email"
        raise


@login_required_keep_input
def assignment_create(request: AuthenticatedRequest, need_pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("unit"), pk=need_pk)
    if not request.user.has_perm("challenges.view_need", need):
        raise Http404
    if not request.user.has_perm("challenges.assign_need", need):
        raise PermissionDenied
    form = AssignmentForm(
        request.POST or None,
        initial={"title": need.title, "brief": _brief_from(need), "contact_email": request.user.email},
    )
    if request.method == "POST" and _assignment_checked(form):
        data = form.cleaned_data

        def create():
            fields = _assignment_fields(data)
            with _contact_fields():
                return services.assignment_create(by=request.user, need=need, university=data["university"], **fields)

        created = apply(form, create)
        if created is not None:
            messages.success(
                request, _("The need is assigned to %(university)s.") % {"university": created.university.name}
            )
            return redirect(created)
    return render(request, "challenges/openlab/assign.html", {"need": need, "form": form})


@login_required
def assignment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    return render(
        request,
        "challenges/openlab/assignment.html",
        {
            "assignment": assignment,
            "projects": assignment.projects.all(),
            "can_propose": request.user.has_perm("challenges.propose_project", assignment),
            "can_change": request.user.has_perm("challenges.change_assignment", assignment),
            "can_cancel": request.user.has_perm("challenges.cancel_assignment", assignment),
            "can_read_need": request.user.has_perm("challenges.view_need", assignment.need),
        },
    )


@login_required_keep_input
def assignment_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The city's contact or the office that decides the need changes the assignment's texts, contacts and
    agreement; a concurrent change is refused and what was typed stays on the page."""
    assignment = _assignment(request, pk)
    if not request.user.has_perm("challenges.change_assignment", assignment):
        raise PermissionDenied
    if request.method == "POST":
        form = AssignmentEditForm(request.POST)
        if _assignment_checked(form, assignment.university):
            data = form.cleaned_data

            def save():
                fields = _assignment_fields(data)
                with _contact_fields():
                    return services.assignment_update(
                        by=request.user, assignment=assignment, expected_version=data["version"], **fields
                    )

            saved = apply(form, save)
            if saved is not None:
                messages.success(request, _("The assignment is saved."))
                return redirect(saved)
    elif kept := pop_kept_input(request):
        form = AssignmentEditForm(kept)
    else:
        form = AssignmentEditForm(
            initial={
                "version": assignment.version,
                "title": assignment.title,
                "brief": assignment.brief,
                "contact_email": assignment.contact.email,
                "university_contact_email": assignment.university_contact.email
                if assignment.university_contact
                else "",
                "agreement_starts_on": assignment.agreement_starts_on,
                "agreement_ends_on": assignment.agreement_ends_on,
                "agreement_reference": assignment.agreement_reference,
            }
        )
    return render(request, "challenges/openlab/assignment_edit.html", {"assignment": assignment, "form": form})


@login_required_keep_input
def assignment_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Cancel the assignment, after this page says what happens to its projects and asks why."""
    assignment = _assignment(request, pk)
    if not request.user.has_perm("challenges.cancel_assignment", assignment):
        raise PermissionDenied
    proposed = list(assignment.projects.filter(status=ProjectStatus.PROPOSED).select_related("lead"))
    under_way = list(assignment.projects.filter(status=ProjectStatus.ACCEPTED).select_related("lead"))
    if request.method == "POST":
        form = AssignmentCancelForm(request.POST, under_way=len(under_way))
        if form.is_valid():
            data = form.cleaned_data
            done = apply(
                form,
                lambda: services.assignment_cancel(
                    by=request.user,
                    assignment=assignment,
                    expected_version=data["version"],
                    reason=data["reason"],
                    end_projects_under_way=bool(data.get("end_projects")),
                ),
            )
            if done is not None:
                messages.success(request, _("The assignment is cancelled and the university's people are told."))
                return redirect(done)
    else:
        kept = pop_kept_input(request)
        form = (
            AssignmentCancelForm(kept, under_way=len(under_way))
            if kept
            else AssignmentCancelForm(initial={"version": assignment.version}, under_way=len(under_way))
        )
    return render(
        request,
        "challenges/openlab/assignment_cancel.html",
        {"assignment": assignment, "form": form, "proposed": proposed, "under_way": under_way},
    )


@login_required_keep_input
def project_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    if not request.user.has_perm("challenges.propose_project", assignment):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, colleagues=selectors.university_colleagues(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = apply(
            form,
            lambda: services.project_propose(
                by=request.user,
                assignment=assignment,
                kind=data["kind"],
                title=data["title"],
                scope=data["scope"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                deliverables=data["deliverables"],
                members=data.get("members") or [],
            ),
        )
        if created is not None:
            messages.success(request, _("The project is proposed. The city's contact person decides on it."))
            return redirect(created)
    return render(
        request,
        "challenges/openlab/propose.html",
        {"assignment": assignment, "form": form, "agreement": services.agreement_period(assignment)},
    )


# Projects ---------------------------------------------------------------------------------------------------------


def _project_page(request: AuthenticatedRequest, project, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    can_decide = user.has_perm("challenges.decide_project", project)
    can_work = user.has_perm("challenges.work_on_project", project)
    files = list(project.deliverable_files.all())
    context = {
        "project": project,
        "assignment": project.assignment,
        "members": list(project.members.all()),
        "milestones": list(project.milestones.all()),
        "files": files,
        "final_report": next((f for f in files if f.is_final_report), None),
        "ideas": [pi.idea for pi in project.ideas_started.all()],
        "can_decide": can_decide,
        "can_work": can_work,
        "can_complete": user.has_perm("challenges.complete_project", project),
        "can_start_idea": user.has_perm("challenges.start_idea_from_project", project),
        "decision_form": forms.get("decision_form") or (ProjectDecisionForm() if can_decide else None),
        "milestone_form": forms.get("milestone_form") or (MilestoneForm() if can_work else None),
        "deliverable_form": forms.get("deliverable_form") or (DeliverableForm() if can_work else None),
        "agreement": services.agreement_period(project.assignment),
        "outside_agreement": services.outside_agreement(project),
    }
    return render(request, "challenges/openlab/project.html", context, status=status)


@login_required
def project_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _project_page(request, _project(request, pk))


@login_required_keep_input
@require_POST
def project_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not request.user.has_perm("challenges.decide_project", project):
        raise PermissionDenied
    form = ProjectDecisionForm(request.POST)
    version = parse_id(request.POST.get("version")) or 0
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = apply(
                form,
                lambda: services.project_decide(
                    by=request.user,
                    project=project,
                    expected_version=version,
                    accept=data["decision"] == "accept",
                    comment=data["comment"],
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            show_domain_error(form, exc)
            decided = None
        if decided is not None:
            messages.success(request, _("Your decision is recorded and the team is told."))
            return redirect(decided)
    project = _project(request, pk)
    return _project_page(request, project, status=400, decision_form=form)


@login_required_keep_input
@require_POST
def milestone_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not request.user.has_perm("challenges.work_on_project", project):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        added = apply(
            form,
            lambda: services.milestone_add(
                by=request.user, project=project, title=data["title"], due_on=data["due_on"]
            ),
        )
        if added is not None:
            messages.success(request, _("The milestone is added."))
            return redirect(project)
    return _project_page(request, project, status=400, milestone_form=form)


@login_required
@require_POST
def milestone_done(request: AuthenticatedRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = _project(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project)
    if not request.user.has_perm("challenges.work_on_project", project):
        raise PermissionDenied
    services.milestone_done(by=request.user, milestone=milestone, done=request.POST.get("done") != "0")
    messages.success(request, _("The milestone is updated."))
    return redirect(project)


@login_required_keep_input
@require_POST
def deliverable_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not request.user.has_perm("challenges.work_on_project", project):
        raise PermissionDenied
    form = DeliverableForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        added = apply(
            form,
            lambda: services.deliverable_add(
                by=request.user,
                project=project,
                title=data["title"],
                upload=data["file"],
                is_final_report=data["is_final_report"],
            ),
        )
        if added is not None:
            messages.success(request, _("The file “%(name)s” is added.") % {"name": added.original_name})
            return redirect(project)
    return _project_page(request, project, status=400, deliverable_form=form)


@login_required
def deliverable_download(request: AuthenticatedRequest, pk: int, file_pk: int) -> FileResponse:
    project = _project(request, pk)
    stored = get_object_or_404(Deliverable, pk=file_pk, project=project)
    return file_download(stored.file, filename=stored.original_name, content_type=stored.content_type)


@login_required
def project_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Complete the project, after this page shows its final report and says what completing it does."""
    project = _project(request, pk)
    if not request.user.has_perm("challenges.complete_project", project):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        version = parse_id(request.POST.get("version")) or 0
        try:
            services.project_complete(by=request.user, project=project, expected_version=version)
        except DomainError as exc:
            error = exc.message
            project = _project(request, pk)
        else:
            messages.success(request, _("The project is completed. Its final report now answers the need."))
            return redirect(project)
    final_report = next((f for f in project.deliverable_files.all() if f.is_final_report), None)
    return render(
        request,
        "challenges/openlab/project_complete.html",
        {"project": project, "final_report": final_report, "error": error},
        status=400 if error else 200,
    )


@login_required_keep_input
def project_idea(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not request.user.has_perm("challenges.start_idea_from_project", project):
        raise PermissionDenied
    staff = request.user.is_city_staff
    form = ProjectIdeaForm(
        request.POST or None,
        staff=staff,
        initial={"title": project.title, "problem": project.assignment.need.how_it_shows},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        idea = apply(
            form,
            lambda: services.project_idea_start(
                by=request.user,
                project=project,
                title=data["title"],
                problem=data["problem"],
                audience=data["audience"],
                proposal=data["proposal"],
                expected_value=data["expected_value"],
                values=data["values"],
                kind=data.get("kind") or "",
            ),
        )
        if idea is not None:
            messages.success(request, _("The idea is sent to the innovation lock."))
            return redirect(idea)
    return render(request, "challenges/openlab/project_idea.html", {"project": project, "form": form})
