"""View decorators shared by the apps."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

KEPT_INPUT_KEY = "kept_input"


def login_required_keep_input(view):
    """Like ``login_required``, but a form posted after the session expired is kept.

    The typed input is stored in the (new, anonymous) session, the person signs in
    again, and the form is shown filled in with what they wrote. Files cannot be
    kept; the message says so.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
            request.session[KEPT_INPUT_KEY] = {"path": request.path, "data": data}
            messages.warning(
                request,
                _(
                    "Your session had ended, so you need to sign in again. What you wrote is kept and shown again after you sign in; attached files need to be chosen again."
                ),
            )
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")

    return wrapper


def pop_kept_input(request):
    """The input kept for this page when the session ended, as a QueryDict, or ``None``."""
    from django.http import QueryDict

    kept = request.session.get(KEPT_INPUT_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[KEPT_INPUT_KEY]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    return data
