"""The challenges app's ``rules``: each part declares its own in ``challenges/<part>/rules.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("rules")
