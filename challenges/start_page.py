"""The challenges app's ``start_page``: each part declares its own in ``challenges/<part>/start_page.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("start_page")
