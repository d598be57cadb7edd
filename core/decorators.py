"""View decorators shared by the apps."""

from __future__ import annotations

import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.middleware import signed_in_before

KEPT_INPUT_KEY = "kept_input"


def login_required_keep_input(view):
    """Like ``login_required``, but a form posted after the session expired is kept.

    The typed input is stored in the (new, anonymous) session, the person signs in
    again, and the form is shown filled in with what they wrote. Files cannot be
    kept; the message says so.

    Only what someone who has signed in in this browser posts is kept (``RememberSignedIn``),
    and at most ``SPRANG_KEPT_INPUT_MAX_BYTES`` of it: a visitor who never signed in is sent to
    sign in with nothing stored, and a longer text is not kept, with a message saying how to
    get it back.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST" and signed_in_before(request):
            _keep_input(request)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")

    return wrapper


def _keep_input(request) -> None:
    data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    if len(json.dumps(data).encode()) > settings.SPRANG_KEPT_INPUT_MAX_BYTES:
        messages.warning(
            request,
            _(
                "Your session had ended, so you need to sign in again. What you wrote was too long to keep here: go back in your browser to copy it before you sign in."
            ),
        )
        return
    request.session[KEPT_INPUT_KEY] = {"path": request.path, "data": data}
    messages.warning(
        request,
        _(
            "Your session had ended, so you need to sign in again. What you wrote is kept and shown again after you sign in; attached files need to be chosen again."
        ),
    )


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
