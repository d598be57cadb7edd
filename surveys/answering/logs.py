"""Personal links kept out of the logs the project writes.

Django logs every answer of 400 or more with the address asked for (``django.request``, ``django.security.csrf``,
``runserver``'s ``django.server``): a wrong, used or expired personal link would otherwise be written there in full.
Every request's own line (``core.requests``) names its path, in its message and in a field of its own.
The filter on the log handler (``config.settings.base.LOGGING``) puts a placeholder in the token's place.
"""

from __future__ import annotations

import logging
import re

#: ``/surveys/answer/<token>/`` with or without a language prefix or host in front.
LINK = re.compile(r"(/surveys/answer/)(?!thanks/|\[personal link\])[^/\s?\"']+")
HIDDEN = r"\1[personal link]"


def redact(text: str) -> str:
    return LINK.sub(HIDDEN, text)


class HidePersonalLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        if "/surveys/answer/" in message:
            record.msg = redact(message)
            record.args = ()
        # The request's own line carries its path in a field of its own too (core.request_id).
        path = getattr(record, "path", None)
        if isinstance(path, str) and "/surveys/answer/" in path:
            record.path = redact(path)
        return True
