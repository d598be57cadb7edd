"""The spread app's ``todo``: each part declares its own in ``spread/<part>/todo.py`` (see ``spread.parts``)."""

from spread.parts import load

load("todo")
