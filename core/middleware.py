import gc

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Swedish unless the person has chosen otherwise (the language cookie); the browser's language is not used.

    A city service speaks Swedish first; English is one click away. The choice is kept
    on the person too, so notifications and emails reach them in their language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language != language:
            from organisation.services import person_set_language

            person_set_language(user=user, language=language)
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


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
