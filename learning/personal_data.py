"""The learning app's part of a person's own data: each part declares its own in ``learning/<part>/personal_data.py``."""

from learning.parts import parts

parts.load("personal_data")
