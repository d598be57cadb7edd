"""The procurement app's ``route_work`` (``challenges.needs.route_work``): each part declares its own in ``procurement/<part>/route_work.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("route_work")
