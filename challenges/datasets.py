"""The challenges app's ``datasets``: each part declares its own in ``challenges/<part>/datasets.py`` (see ``challenges.parts``)."""

from challenges.parts import parts

parts.load("datasets")
