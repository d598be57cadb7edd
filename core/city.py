"""Who runs this Språng and how to reach them, from the settings (``SPRANG_CITY_NAME`` and the rest).

Shown in the footer, the accessibility statement, the privacy notice and every email's signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class CityContact:
    name: str
    office_email: str
    office_phone: str
    office_address: str
    controller: str
    dpo_email: str
    dpo_phone: str


def city_contact() -> CityContact:
    return CityContact(
        name=settings.SPRANG_CITY_NAME,
        office_email=settings.SPRANG_INNOVATION_OFFICE_EMAIL,
        office_phone=settings.SPRANG_INNOVATION_OFFICE_PHONE,
        office_address=settings.SPRANG_INNOVATION_OFFICE_ADDRESS,
        controller=settings.SPRANG_CONTROLLER_NAME,
        dpo_email=settings.SPRANG_DATA_PROTECTION_OFFICER_EMAIL,
        dpo_phone=settings.SPRANG_DATA_PROTECTION_OFFICER_PHONE,
    )
