"""The learning app's ``admin``: each part registers its own in ``learning/<part>/admin.py``."""

from learning.parts import parts

parts.load("admin")
