"""The challenges app's ``fragments``: each part declares its own in ``challenges/<part>/fragments.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("fragments")
