"""The networks' pages. Every view is behind sign-in; those open to partners outside the city check membership
of the very network asked for (``spread.networks.fence``)."""

from __future__ import annotations

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

from core.decorators import login_required_keep_input
from core.errors import ConflictError, DomainError
from core.forms import apply, show_domain_error
from core.http import AuthenticatedRequest, Request
from core.invitation_views import InvitationPage, invitation_page
from core.pagination import page_range
from core.uploads import file_download
from core.validators import LINE_REFUSED, parse_id
from organisation.models import User
from spread.models import Network, NetworkFile, Post
from spread.networks import access, selectors, services
from spread.networks.fence import is_partner, open_to_partners
from spread.networks.forms import (
    HandOverForm,
    HidePostForm,
    InvitationForm,
    NetworkEditForm,
    NetworkFileForm,
    NetworkForm,
    PartnerAccountForm,
    PostForm,
    ReplyForm,
)

THREADS_PER_PAGE = 20
FILES_PER_PAGE = 25
MEMBERS_PER_PAGE = 50


def _network(request: Request, pk: int) -> Network:
    """The network, if the person may open it; otherwise 404, as for one that does not exist."""
    network = get_object_or_404(Network.objects.select_related("owner"), pk=pk)
    if not request.user.has_perm("spread.view_network", network):
        raise Http404
    return network


def _context(request: Request, network: Network, **extra) -> dict:
    user = request.user
    return {
        "network": network,
        "section": "networks",
        "is_member": access.is_member(user, network),
        "can_post": user.has_perm("spread.post_in_network", network),
        "can_moderate": user.has_perm("spread.moderate_network", network),
        "can_join": user.has_perm("spread.join_network", network),
        "can_leave": user.has_perm("spread.leave_network", network),
        "can_invite": user.has_perm("spread.invite_to_network", network),
        "can_hand_over": user.has_perm("spread.hand_over_network", network),
        "is_partner": is_partner(user),
        **extra,
    }


@open_to_partners
@login_required
def network_list(request: AuthenticatedRequest) -> HttpResponse:
    # What was searched for, without the control characters no name holds (a NUL breaks PostgreSQL's query).
    q = LINE_REFUSED.sub("", request.GET.get("q") or "").strip()[:100]
    qs = selectors.networks_for(request.user, q=q)
    page_obj = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/networks/list.html",
        {
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "q": q,
            "section": "networks",
            "can_create": request.user.has_perm("spread.create_network"),
            "is_partner": is_partner(request.user),
        },
    )


@login_required_keep_input
def network_create(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("spread.create_network"):
        raise PermissionDenied
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        network = apply(
            form,
            lambda: services.network_create(
                by=request.user,
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
                sector=data.get("sector") or "",
            ),
        )
        if network is not None:
            messages.success(request, _("The network is created. You are its owner."))
            return redirect(network)
    return render(request, "spread/networks/form.html", {"form": form, "section": "networks"})


@login_required_keep_input
@open_to_partners
def network_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    if not request.user.has_perm("spread.moderate_network", network):
        raise PermissionDenied
    form = NetworkEditForm(request.POST or None, initial={"name": network.name, "description": network.description})
    version = network.version
    if request.method == "POST":
        version = parse_id(request.POST.get("version")) or 0
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = apply(
                    form,
                    lambda: services.network_update(
                        network=network,
                        by=request.user,
                        expected_version=version,
                        name=data["name"],
                        description=data["description"],
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                show_domain_error(form, exc)
                network.refresh_from_db()
                version, saved = network.version, None
            if saved is not None:
                messages.success(request, _("The network is saved."))
                return redirect(network)
    return render(request, "spread/networks/edit.html", _context(request, network, form=form, version=version))


@open_to_partners
@login_required
def network_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    page_obj = Paginator(selectors.threads(network), THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/networks/detail.html",
        _context(
            request,
            network,
            page_obj=page_obj,
            page_range=page_range(page_obj),
            posts=page_obj.object_list,
            form=PostForm(),
            events=selectors.events_of(network)[:5],
            files=selectors.files_of(network)[:5],
            member_count=selectors.members(network).count(),
        ),
    )


@login_required_keep_input
@open_to_partners
def post_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A new thread, or (with ``reply_to``) a reply; a refused message comes back on its own page, as written."""
    network = _network(request, pk)
    if not request.user.has_perm("spread.post_in_network", network):
        raise PermissionDenied
    parent = None
    reply_to = parse_id(request.POST.get("reply_to") or request.GET.get("reply_to"))
    if reply_to is not None:
        parent = get_object_or_404(Post.objects.select_related("author"), pk=reply_to, network=network)
    form_class = ReplyForm if parent is not None else PostForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = apply(
            form,
            lambda: services.post_add(
                network=network, author=request.user, body=form.cleaned_data["body"], parent=parent
            ),
        )
        if post is not None:
            messages.success(request, _("Your message is published."))
            return redirect(reverse("spread:network", args=[network.pk]) + f"#post-{post.pk}")
    return render(request, "spread/networks/post_form.html", _context(request, network, form=form, parent=parent))


@login_required_keep_input
@open_to_partners
def post_hide(request: AuthenticatedRequest, pk: int, post_pk: int) -> HttpResponse:
    network = _network(request, pk)
    if not request.user.has_perm("spread.moderate_network", network):
        raise PermissionDenied
    post = get_object_or_404(Post.objects.select_related("author", "network"), pk=post_pk, network=network)
    form = HidePostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hidden = apply(form, lambda: services.post_hide(post=post, by=request.user, reason=form.cleaned_data["reason"]))
        if hidden is not None:
            messages.success(request, _("The post is hidden; your reason is shown in its place."))
            return redirect(reverse("spread:network", args=[network.pk]) + f"#post-{post.pk}")
    return render(request, "spread/networks/hide_post.html", _context(request, network, form=form, post=post))


@require_POST
@login_required
def network_join(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    try:
        services.network_join(network=network, person=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You are now a member of the network."))
    return redirect(network)


@login_required
@open_to_partners
def network_leave(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Leaving asks first; a partner who leaves their only network is told they no longer see anything."""
    network = _network(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.network_leave(network=network, person=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("You have left the network “%(network)s”.") % {"network": network.name})
            return redirect("spread:networks")
    return render(request, "spread/networks/leave.html", _context(request, network, error=error))


@open_to_partners
@login_required
def member_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    page_obj = Paginator(selectors.members(network), MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    can_moderate = request.user.has_perm("spread.moderate_network", network)
    return render(
        request,
        "spread/networks/members.html",
        _context(
            request,
            network,
            page_obj=page_obj,
            page_range=page_range(page_obj),
            invitations=selectors.pending_invitations(network) if can_moderate else [],
        ),
    )


@login_required
@open_to_partners
def member_remove(request: AuthenticatedRequest, pk: int, person_pk: int) -> HttpResponse:
    network = _network(request, pk)
    if not request.user.has_perm("spread.moderate_network", network):
        raise PermissionDenied
    person = get_object_or_404(User, pk=person_pk)
    if not access.is_member(person, network):
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.member_remove(network=network, person=person, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("%(name)s is no longer a member.") % {"name": person.name})
            return redirect("spread:network_members", pk=network.pk)
    return render(request, "spread/networks/remove_member.html", _context(request, network, person=person, error=error))


@login_required
@open_to_partners
def network_hand_over(request: AuthenticatedRequest, pk: int, person_pk: int) -> HttpResponse:
    """The owner hands the network over to a member, on a page naming the new owner."""
    network = _network(request, pk)
    if not request.user.has_perm("spread.hand_over_network", network):
        raise PermissionDenied
    person = get_object_or_404(User, pk=person_pk)
    if not access.is_member(person, network):
        raise Http404
    form = HandOverForm(request.POST if request.method == "POST" else None, initial={"version": network.version})
    if request.method == "POST" and form.is_valid():
        try:
            done = apply(
                form,
                lambda: services.network_hand_over(
                    network=network, by=request.user, to=person, expected_version=form.cleaned_data["version"] or 0
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            show_domain_error(form, exc)
            done = None
        if done is not None:
            messages.success(
                request,
                _("%(name)s owns the network “%(network)s” now and has been told. You are still a member.")
                % {"name": person.name, "network": network.name},
            )
            return redirect("spread:network_members", pk=network.pk)
    return render(request, "spread/networks/hand_over.html", _context(request, network, person=person, form=form))


@login_required_keep_input
@open_to_partners
def invitation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    if not request.user.has_perm("spread.invite_to_network", network):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = apply(
            form, lambda: services.invitation_send(network=network, by=request.user, email=form.cleaned_data["email"])
        )
        if sent is not None:
            messages.success(request, _("The invitation is sent to %(email)s.") % {"email": sent[0].email})
            return redirect("spread:network_members", pk=network.pk)
    return render(request, "spread/networks/invite.html", _context(request, network, form=form))


class NetworkInvitationPage(InvitationPage):
    """A network's invitation: the person becomes a member (a partner's account when they have none)."""

    account_form = PartnerAccountForm
    title = gettext_lazy("Invitation to a network")
    create_label = gettext_lazy("Create the account and join")
    offer_other_account = True

    def find(self, token: str):
        return services.invitation_for(token)

    def accept(self, token: str, person: User):
        return services.invitation_accept(token=token, person=person)

    def accept_new_account(self, token: str, *, name: str, password: str) -> User:
        return services.invitation_accept_new_account(token=token, name=name, password=password)

    def heading(self, invitation) -> str:
        return _("Invitation to “%(network)s”") % {"network": invitation.network.name}

    def lead(self, invitation) -> str:
        return _("%(name)s has invited %(email)s to the network.") % {
            "name": invitation.invited_by.name,
            "email": invitation.email,
        }

    def about(self, invitation) -> str:
        return invitation.network.description

    def welcome(self, invitation, person: User) -> str:
        return _("Welcome to the network “%(network)s”.") % {"network": invitation.network.name}

    def done_url(self, invitation) -> str:
        return invitation.network.get_absolute_url()


@open_to_partners
def invitation(request: Request, token: str) -> HttpResponse:
    """The link in an invitation email: sign in, or create an account, and become a member."""
    return invitation_page(request, token, NetworkInvitationPage())


@open_to_partners
@login_required
def file_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    can_add = request.user.has_perm("spread.add_network_file", network)
    form = NetworkFileForm(request.POST or None, request.FILES or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            added = apply(
                form,
                lambda: services.file_add(network=network, uploaded_by=request.user, upload=form.cleaned_data["file"]),
            )
            if added is not None:
                messages.success(request, _("The file “%(name)s” is added.") % {"name": added.original_name})
                return redirect("spread:network_files", pk=network.pk)
    page_obj = Paginator(selectors.files_of(network), FILES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/networks/files.html",
        _context(request, network, form=form, page_obj=page_obj, page_range=page_range(page_obj)),
    )


@open_to_partners
@login_required
def file_download_view(request: AuthenticatedRequest, pk: int, file_pk: int) -> FileResponse:
    network = _network(request, pk)
    stored = get_object_or_404(NetworkFile, pk=file_pk, network=network)
    return file_download(stored.file, filename=stored.original_name, content_type=stored.content_type)
