"""The procurement app's ``personal_data``: each part declares its own in ``procurement/<part>/personal_data.py`` (see ``procurement.parts``)."""

from procurement.parts import parts

parts.load("personal_data")
