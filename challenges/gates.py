"""The challenges app's ``gates``: each part declares its own in ``challenges/<part>/gates.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("gates")
