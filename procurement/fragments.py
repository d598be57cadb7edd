"""The procurement app's ``fragments``: each part declares its own in ``procurement/<part>/fragments.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("fragments")
