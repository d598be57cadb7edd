"""The spread app's ``gates``: conditions of the lock's gates, each part's in ``spread/<part>/gates.py``
(see ``spread.parts`` and ``ideas.gates``)."""

from spread.parts import load

load("gates")
