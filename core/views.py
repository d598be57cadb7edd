import prometheus_client
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from core.forms import DesignSystemFormMixin, apply
from core.http import AuthenticatedRequest, Request
from core.metrics import exposition, may_read_metrics
from core.pagination import page_range
from core.public_cache import public_page
from core.readiness import readiness
from core.request_id import current_request_id
from core.selectors import personal_data_export
from core.services import notifications_mark_read
from core.start_page import start_page_context
from core.tasks_registry import task_groups
from core.validators import parse_id
from organisation.models import API_TOKEN_DEFAULT_DAYS, EmailFrequency
from organisation.selectors import api_tokens_of, erasure_state_of, signs_in_with_city_account
from organisation.services import api_token_create, api_token_revoke, person_update_profile


def bad_request(request: Request, exception=None) -> HttpResponse:
    """A request Django refused to read (``handler400``): too large (413, with the limits), or malformed (400)."""
    too_large = isinstance(exception, RequestDataTooBig)
    context = {
        "too_large": too_large,
        "text_limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "file_limit": filesizeformat(settings.SPRANG_ATTACHMENT_MAX_BYTES),
    }
    return render(request, "400.html", context, status=413 if too_large else 400)


@csrf_exempt  # checked below for the signed in
@require_POST
def language(request: Request) -> HttpResponse:
    """The language switch in every page's header: Django's ``set_language``.

    Signed out, it needs no CSRF token, so that a page can be the same for every anonymous visitor and
    hold no token of one (docs/adr/0028-public-pages-cached.md): someone else's site could at most switch
    a visitor's language. Signed in, the choice is also kept on the person, and the token is required as
    for any other write.
    """
    if request.user.is_authenticated:
        return csrf_protect(set_language)(request)
    return set_language(request)


def health(request: Request) -> HttpResponse:
    """Liveness, for load balancers and monitoring: the application answers. Touches neither database nor session."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def health_ready(request: Request) -> HttpResponse:
    """Readiness: the database, the cache and the task queue answer (200), or which of them does not (503)."""
    checks = readiness()
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "down", "checks": checks}, status=200 if ready else 503)


@never_cache
def metrics(request: Request) -> HttpResponse:
    """Prometheus's metrics, only to the addresses in SPRANG_METRICS_ALLOWED_IPS; a 404 to anyone else."""
    if not may_read_metrics(request):
        raise Http404
    return HttpResponse(exposition(), content_type=prometheus_client.CONTENT_TYPE_LATEST)


def server_error(request: Request) -> HttpResponse:
    """The error page (``handler500``), with the request's id to give to support. Rendered without the request's
    context: whatever failed (the database, the session) may fail again."""
    html = render_to_string("500.html", {"request_id": current_request_id()})
    return HttpResponse(html, status=500)


@login_required
def health_signed_in(request: AuthenticatedRequest) -> HttpResponse:
    """The signed-in floor for benchmarks: session, user lookup and middleware as on every page, nothing more."""
    return HttpResponse("ok", content_type="text/plain")


@public_page
def home(request):
    """The start page: what the apps show there (``start_page.py``), and for a signed-in person their
    latest notifications and their tasks."""
    user = request.user
    context = start_page_context(request)
    if user.is_authenticated:
        context["notes"] = user.notifications.all()[:5]
        context["task_groups"] = task_groups(user)  # what waits for this person, role by role
    return render(request, "core/home.html", context)


@never_cache  # a person's own data: kept by no browser or proxy cache
@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("core:notifications")
    page_obj = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {"page_obj": page_obj, "page_range": page_range(page_obj, on_each_side=3, on_ends=2)},
    )


def accessibility(request: Request) -> HttpResponse:
    return render(request, "core/accessibility.html")


def privacy(request: Request) -> HttpResponse:
    """The privacy notice: what Språng keeps, why, for how long, and the person's rights."""
    return render(request, "core/privacy.html")


class TokenForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What will use the token?"),
        max_length=100,
        help_text=gettext_lazy("For example: the administration's reporting system."),
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("How long will it work?"),
        choices=[
            (30, gettext_lazy("30 days")),
            (90, gettext_lazy("90 days")),
            (180, gettext_lazy("180 days")),
            (365, gettext_lazy("365 days")),
        ],
        coerce=int,
        initial=API_TOKEN_DEFAULT_DAYS,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "It also stops working if you change your password. Make a new token before it expires."
        ),
    )


@never_cache  # a person's own data: kept by no browser or proxy cache
@login_required
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    new_key = new_token = None
    form = TokenForm()
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(request.user.api_tokens, pk=parse_id(request.POST["revoke"]) or 0)
            api_token_revoke(token=token, by=request.user)
            messages.success(request, _("The token is revoked and can no longer be used."))
            return redirect("core:api_tokens")
        form = TokenForm(request.POST)
        if form.is_valid():
            created = apply(
                form,
                lambda: api_token_create(
                    user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                ),
            )
            if created is not None:
                new_token, new_key = created
                form = TokenForm()
    return render(
        request,
        "core/api_tokens.html",
        {"form": form, "tokens": api_tokens_of(user=request.user), "new_key": new_key, "new_token": new_token},
    )


class ProfileForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=[("sv", "Svenska"), ("en", "English")], widget=forms.RadioSelect
    )
    email_notifications = forms.BooleanField(
        label=gettext_lazy("Email me about ideas I write or follow"), required=False
    )
    email_frequency = forms.ChoiceField(
        label=gettext_lazy("How often to email"),
        help_text=gettext_lazy("Everything is also under Notifications in Språng, whatever you choose."),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        required=False,
    )


@never_cache  # a person's own data: kept by no browser or proxy cache
@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "name": user.name,
            "language": user.language,
            "email_notifications": user.email_notifications,
            "email_frequency": user.email_frequency,
        },
    )
    if request.method == "POST" and form.is_valid():
        apply(form, lambda: person_update_profile(user=user, **form.cleaned_data))
        if form.is_valid():
            messages.success(request, _("Your settings are saved."))
            response = redirect("core:profile")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
            return response
    city_account = user.is_city_staff and signs_in_with_city_account(user)
    return render(
        request,
        "core/profile.html",
        {"form": form, "signs_in_with_city_account": city_account, "erasure": erasure_state_of(user=user)},
    )


@never_cache  # a person's own data: kept by no browser or proxy cache
@login_required
def profile_data(request: AuthenticatedRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data_export(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="sprang-mina-uppgifter.json"'
    return response
