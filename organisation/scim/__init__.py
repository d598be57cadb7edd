"""SCIM 2.0 at ``/scim/v2/`` (django-scim2): the city's identity system creates, updates, moves and closes staff.

``auth`` checks the bearer token, ``filters`` answers the identity system's look-ups, ``adapters`` turns SCIM's
User into Språng's person and back, through ``organisation.people_sync.employee_sync``.
"""
