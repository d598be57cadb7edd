"""The challenges app's ``todo``: each part declares its own in ``challenges/<part>/todo.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("todo")
