"""``/api/v1/surveys``: each part's endpoints (``surveys/<part>/api.py``, its own ``router``) under one prefix."""

from ninja import Router

from surveys.parts import parts

router = Router(tags=["surveys"])

for _module in parts.load("api"):
    router.add_router("", _module.router)
