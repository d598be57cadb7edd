"""``/api/v1/procurement``: each part's endpoints (``procurement/<part>/api.py``, its own ``router``) under one
prefix."""

from ninja import Router

from procurement.parts import parts

router = Router(tags=["procurement"])

for _module in parts.load("api"):
    router.add_router("", _module.router)
