"""Who runs this Språng and how to reach them, from the settings (``SPRANG_CITY_NAME`` and the rest).

Shown in the footer, the accessibility statement, the privacy notice and every email's signature. Also the
city's time zone, in which its deadlines and periods are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

#: The city's time zone (``TIME_ZONE``, Europe/Stockholm): deadlines, reporting periods and dates are the city's.
CITY_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


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
