"""The learning app's ``indicators``: each part declares its own in ``learning/<part>/indicators.py``."""

from learning.parts import parts

parts.load("indicators")
