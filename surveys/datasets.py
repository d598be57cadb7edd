"""The surveys app's ``datasets``: each part declares its own in ``surveys/<part>/datasets.py`` (see ``surveys.parts``)."""

from surveys.parts import parts

parts.load("datasets")
