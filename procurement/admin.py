"""The procurement app's ``admin``: each part declares its own in ``procurement/<part>/admin.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("admin")
