"""The challenges app's ``admin``: each part declares its own in ``challenges/<part>/admin.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("admin")
