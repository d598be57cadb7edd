"""The procurement app's ``timeline``: each part declares its own in ``procurement/<part>/timeline.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("timeline")
