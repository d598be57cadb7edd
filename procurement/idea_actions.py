"""The procurement app's ``idea_actions``: each part declares its own in ``procurement/<part>/idea_actions.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("idea_actions")
