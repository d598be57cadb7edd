"""The surveys app's ``todo``: its link in the main menu, and each part's own tasks in ``surveys/<part>/todo.py``
(see ``surveys.parts``)."""

from surveys.parts import parts

parts.load("todo")
