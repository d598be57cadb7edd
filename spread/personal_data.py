"""The spread app's ``personal_data``: each part declares its own in ``spread/<part>/personal_data.py`` (see ``spread.parts``)."""

from spread.parts import load

load("personal_data")
