"""Form fields of calls that more than one form shares."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: Spaces people and programs put between thousands: the plain one, the no-break one, the narrow no-break one.
_SPACES = re.compile(r"[\s\u00a0\u202f]")
#: "kr" or "kr." at the end, in any case.
_KRONOR = re.compile(r"kr\.?$", re.IGNORECASE)


class KronorField(forms.DecimalField):
    """Whole kronor, written as people write them: “150 000”, “150000 kr”, “1 500,00 kr”.

    Spaces between thousands (also no-break ones) and a trailing “kr” are dropped, a decimal comma is read as
    a decimal point; an amount with öre is refused in plain words.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}))
        super().__init__(**kwargs)
        self.error_messages["max_decimal_places"] = _("Write the amount in whole kronor, without öre.")

    def to_python(self, value):
        if isinstance(value, str):
            value = _KRONOR.sub("", _SPACES.sub("", value)).replace(",", ".")
        return super().to_python(value)
