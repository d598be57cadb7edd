"""Types for what API requests send: text under the same rules as the web forms (``core.validators``), and ids.

``Text`` is several lines, ``Line`` one line (a title, a search). Each field names its limit
(``max_length``: ``LONG_TEXT_MAX`` for a long text, ``LINE_MAX`` for a line without one of its own);
``tests/test_api_schema.py`` checks that every string a request sends has one. The schema says
what is refused as a ``pattern``, so a client can check before sending. A refused value answers
422 naming the field. ``Id`` is a database id: from 1 to the largest 64-bit integer, so a larger
number is refused (422) before it reaches the database, where it would not fit.
"""

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from core.validators import ID_MAX, LINE_MAX, LINE_PATTERN, LONG_TEXT_MAX, TEXT_PATTERN, text_problem

__all__ = ["ID_MAX", "LINE_MAX", "LONG_TEXT_MAX", "EmailAddress", "Id", "Key", "Line", "Text"]


def _checked(*, single_line: bool):
    def check(value: str) -> str:
        problem = text_problem(value, single_line=single_line)
        if problem is not None:
            message, params = problem
            raise PydanticCustomError("control_character", message % params)
        return value

    return check


Text = Annotated[str, Field(json_schema_extra={"pattern": TEXT_PATTERN}), AfterValidator(_checked(single_line=False))]
Line = Annotated[str, Field(json_schema_extra={"pattern": LINE_PATTERN}), AfterValidator(_checked(single_line=True))]
EmailAddress = Annotated[
    str,
    Field(max_length=254, json_schema_extra={"pattern": LINE_PATTERN}),
    AfterValidator(_checked(single_line=True)),
]
#: A short key from a list the service knows (a kind of value, …): one line, at most 100 characters.
Key = Annotated[
    str,
    Field(max_length=100, json_schema_extra={"pattern": LINE_PATTERN}),
    AfterValidator(_checked(single_line=True)),
]
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
