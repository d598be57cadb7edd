"""The spread app's links on an idea's page (``ideas.actions``): each part declares its own in
``spread/<part>/idea_actions.py`` (see ``spread.parts``)."""

from spread.parts import load

load("idea_actions")
