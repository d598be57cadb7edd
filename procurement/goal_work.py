"""The procurement app's ``goal_work``: each part declares its own in ``procurement/<part>/goal_work.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("goal_work")
