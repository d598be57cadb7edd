"""The procurement app's ``todo``: each part declares its own in ``procurement/<part>/todo.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("todo")
