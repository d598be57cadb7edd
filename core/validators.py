"""What input may hold: free text and its length (one rule for the web forms, the API and file names), and ids.

Text is refused when it holds a control character (a NUL breaks PostgreSQL; the others are
invisible and have no place in what people write), except tab, line feed and carriage return
in texts of several lines. A single line (a title, a name, a file name) also refuses those and
the characters that reverse or isolate the direction of text (U+202A–U+202E, U+2066–U+2069),
with which ``report\u202efdp.exe`` shows as ``reportexe.pdf``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The longest text of several lines (a problem, a rationale, a report's narrative), in characters.
LONG_TEXT_MAX = 20_000
#: The longest single line that has no limit of its own (a search, a list of addresses), in characters.
LINE_MAX = 1_000

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_LINE_CONTROL = "\x00-\x1f\x7f"
_DIRECTION = "\u202a-\u202e\u2066-\u2069"
TEXT_REFUSED = re.compile(f"[{_CONTROL}]")
LINE_REFUSED = re.compile(f"[{_LINE_CONTROL}{_DIRECTION}]")
#: The same rules as JSON Schema patterns (ECMA-262), for the API's schema.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
LINE_PATTERN = r"^[^\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$"

CONTROL_MESSAGE = _(
    "Remove the invisible control character at position %(position)d, for example by typing the text again "
    "instead of pasting it."
)
LINE_BREAK_MESSAGE = _("Write this on one line: remove the line break or tab at position %(position)d.")
DIRECTION_MESSAGE = _("Remove the invisible character that changes the direction of the text at position %(position)d.")
#: The largest id a database holds (a signed 64-bit integer).
ID_MAX = 2**63 - 1

TOO_LONG_MESSAGE = _("Shorten this to at most %(limit_value)d characters; it has %(show_value)d.")


def text_problem(value: str, *, single_line: bool) -> tuple[str, dict[str, int]] | None:
    """Why ``value`` is refused, as a message and its parameters, or ``None`` if it is fine."""
    found = (LINE_REFUSED if single_line else TEXT_REFUSED).search(value)
    if found is None:
        return None
    char, params = found.group(), {"position": found.start() + 1}
    if char in "\t\n\r":
        return str(LINE_BREAK_MESSAGE), params
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return str(DIRECTION_MESSAGE), params
    return str(CONTROL_MESSAGE), params


class PlainTextValidator:
    """Django validator: no control characters (and, on a single line, no line breaks or direction changes)."""

    code = "control_character"

    def __init__(self, *, single_line: bool) -> None:
        self.single_line = single_line

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        problem = text_problem(value, single_line=self.single_line)
        if problem is not None:
            message, params = problem
            raise ValidationError(message % params, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator) and other.single_line == self.single_line


def parse_id(value) -> int | None:
    """A database id sent as text (a query parameter, a hidden field), or ``None`` if it is not one.

    Only digits, from 1 to ``ID_MAX``: ``"abc"``, ``"-1"`` and a number too large for the database
    are ``None``, for the view to answer as it answers an id that does not exist.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= ID_MAX else None
