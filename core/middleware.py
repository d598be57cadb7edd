import gc

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

#: Where the API lives (config/urls.py).
API_PREFIX = "/api/"


class RefuseNulInPath:
    """An address holding a NUL byte names nothing here: 404 at once. Views of libraries that look a part of the
    address up in the database (allauth's provider ids) would otherwise fail on PostgreSQL, which keeps no NUL
    in text."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)


class LanguageMiddleware:
    """Swedish unless the person has chosen otherwise; the browser's language is not used.

    A city service speaks Swedish first; English is one click away. The choice is kept in the
    language cookie and on the person too, so notifications and emails reach them in their language
    and a new device opens in it. The page is in the cookie's language; without a cookie, a signed-in
    person's saved language wins and is put in a cookie. Only a request that changes something (the
    language switch's POST, signing in) saves the browser's choice on the person: a GET writes nothing.
    """

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.languages:
            chosen = None
        user = getattr(request, "user", None)
        saved = user.language if user is not None and user.is_authenticated else None
        language = chosen or (saved if saved in self.languages else settings.LANGUAGE_CODE)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        if chosen is None and saved == language and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            self._set_cookie(response, language)
        if request.method not in self.SAFE_METHODS:
            self._keep_on_person(request, response, chosen)
        return response

    def _keep_on_person(self, request, response, chosen: str | None) -> None:
        """The browser's choice (just made, or made before signing in) becomes the person's saved language."""
        user = getattr(request, "user", None)  # signing in has just set it
        if user is None or not user.is_authenticated:
            return
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        language = cookie.value if cookie is not None else chosen
        if language in self.languages and user.language != language:
            from organisation.services import person_set_language

            person_set_language(user=user, language=language)

    @staticmethod
    def _set_cookie(response, language: str) -> None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        )


class FreezeWarmHeap:
    """Once a server process has answered its first requests, set what they left behind aside from the
    garbage collector (``gc.freeze()``): Django, the compiled templates, the translations, the caches.

    Those hundreds of thousands of objects live as long as the process; every full collection walked
    them all, which showed as pauses of about 100 ms on the pages that make many objects (a call's
    public record at city scale: p95 three to four times its median). Frozen, they are skipped.
    Done once per process, after ``SPRANG_GC_FREEZE_AFTER`` requests; 0 turns it off.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.after: int = settings.SPRANG_GC_FREEZE_AFTER
        self.answered = 0
        self.frozen = self.after <= 0

    def __call__(self, request):
        response = self.get_response(request)
        if not self.frozen:
            self.answered += 1
            if self.answered >= self.after:
                self.frozen = True
                gc.collect()  # what is garbage now is freed, not kept for good
                gc.freeze()
        return response


class ApiErrorsAsJson:
    """The API answers JSON, also when the answer comes from outside its operations.

    An address under ``/api/`` that no operation has (404), a method an address does not take
    (405), a request too large or unreadable (400, 413) and a server error (500) are answered by
    Django or django-ninja with HTML or plain text; under the API they get the API's error body
    (``{"detail": ..., "code": ...}``) with the same status. The browsable documentation is HTML
    and stays so.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            from core.api_errors import ERRORS_BY_STATUS

            fallback = ERRORS_BY_STATUS[500 if response.status_code >= 500 else 400]
            code, detail = ERRORS_BY_STATUS.get(response.status_code, fallback)
            replaced = JsonResponse({"detail": str(detail), "code": code}, status=response.status_code)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response


#: The signed cookie saying that someone has signed in in this browser (``RememberSignedIn``).
SIGNED_IN_COOKIE = "sprang_signed_in"
SIGNED_IN_SALT = "core.middleware.RememberSignedIn"


def signed_in_before(request) -> bool:
    """Whether someone has signed in in this browser within ``SPRANG_SIGNED_IN_COOKIE_DAYS``."""
    max_age = settings.SPRANG_SIGNED_IN_COOKIE_DAYS * 24 * 60 * 60
    return request.get_signed_cookie(SIGNED_IN_COOKIE, default=None, salt=SIGNED_IN_SALT, max_age=max_age) is not None


class RememberSignedIn:
    """Marks a browser in which someone has signed in, with a signed cookie that outlives the session.

    A form posted after the session ended is kept through signing in again only in such a browser
    (``core.decorators.login_required_keep_input``): a visitor who never signed in cannot make the
    server keep what they send. The cookie holds no name or id, only that and when; it is renewed
    once a day. API calls (a token sets the user too) get none.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated and not request.path.startswith(API_PREFIX)
        if signed_in and not self._fresh(request):
            response.set_signed_cookie(
                SIGNED_IN_COOKIE,
                "1",
                salt=SIGNED_IN_SALT,
                max_age=settings.SPRANG_SIGNED_IN_COOKIE_DAYS * 24 * 60 * 60,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    @staticmethod
    def _fresh(request) -> bool:
        return (
            request.get_signed_cookie(SIGNED_IN_COOKIE, default=None, salt=SIGNED_IN_SALT, max_age=24 * 60 * 60)
            is not None
        )
