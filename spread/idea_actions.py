"""The spread app's ``idea_actions``: each part declares its own in ``spread/<part>/idea_actions.py`` (see ``spread.parts``)."""

from spread.parts import load

load("idea_actions")
