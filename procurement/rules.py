"""The procurement app's ``rules``: each part declares its own in ``procurement/<part>/rules.py``."""

from procurement.parts import parts

parts.load("rules")
