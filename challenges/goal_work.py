"""The challenges app's ``goal_work``: each part declares its own in ``challenges/<part>/goal_work.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("goal_work")
