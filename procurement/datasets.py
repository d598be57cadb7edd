"""The procurement app's ``datasets``: each part declares its own in ``procurement/<part>/datasets.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("datasets")
