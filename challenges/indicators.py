"""The challenges app's ``indicators``: each part declares its own in ``challenges/<part>/indicators.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("indicators")
