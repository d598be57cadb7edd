"""The spread app's ``rules``: each part declares its own in ``spread/<part>/rules.py`` (see ``spread.parts``)."""

from spread.parts import load

load("rules")
