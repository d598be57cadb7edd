"""The spread app's ``fragments``: each part declares its own in ``spread/<part>/fragments.py`` (see ``spread.parts``)."""

from spread.parts import load

load("fragments")
