"""The learning app's ``todo``: its link in the main menu, and each part's own tasks in ``learning/<part>/todo.py``
(see ``learning.parts``)."""

from learning.parts import parts

parts.load("todo")
