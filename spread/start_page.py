"""The spread app's ``start_page``: each part declares its own in ``spread/<part>/start_page.py`` (see ``spread.parts``)."""

from spread.parts import load

load("start_page")
