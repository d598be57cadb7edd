"""The challenges app's ``idea_actions``: each part declares its own in ``challenges/<part>/idea_actions.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("idea_actions")
