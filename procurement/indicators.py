"""The procurement app's ``indicators``: each part declares its own in ``procurement/<part>/indicators.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("indicators")
