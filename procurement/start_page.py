"""The procurement app's ``start_page``: each part declares its own in ``procurement/<part>/start_page.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("start_page")
