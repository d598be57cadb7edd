"""The challenges app's ``personal_data``: each part declares its own in ``challenges/<part>/personal_data.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("personal_data")
