"""The challenges app's ``timeline``: each part declares its own in ``challenges/<part>/timeline.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("timeline")
