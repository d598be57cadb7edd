"""The spread app's ``timeline``: each part declares its own in ``spread/<part>/timeline.py`` (see ``spread.parts``)."""

from spread.parts import load

load("timeline")
