"""The spread app's ``indicators``: each part declares its own in ``spread/<part>/indicators.py`` (see ``spread.parts``)."""

from spread.parts import load

load("indicators")
