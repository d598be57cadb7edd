"""The surveys app's ``indicators``: each part declares its own in ``surveys/<part>/indicators.py`` (see ``surveys.parts``)."""

from surveys.parts import parts

parts.load("indicators")
