"""The spread app's ``datasets``: each part declares its own in ``spread/<part>/datasets.py`` (see ``spread.parts``)."""

from spread.parts import load

load("datasets")
