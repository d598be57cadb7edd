"""How the API's lists are cut into pages: ``limit`` and ``offset``, both bounded.

An unbounded ``limit`` would let one request serialise every idea in the city, and an
offset past what the database's integers hold made it fail (500) instead of refusing (422).
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000  # far beyond any city's rows, far below the database's integer limits


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="How many items to return.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
