"""The city's PDF is named for the data it shows as it stands after it is laid out: the first build of a period
computes its indicator values, and the file must still be found as built afterwards."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from governance import city_pdf, exports
from governance import services as gov
from governance.models import IndicatorValue

needs_pdf = pytest.mark.skipif(not exports.pdf_available(), reason="WeasyPrint's system libraries are missing")


@needs_pdf
def test_a_period_built_for_the_first_time_is_found_built_afterwards(people, tree):
    year = timezone.localdate().year
    period = gov.reporting_period_open(by=people["director"], year=year - 1, period="VB", deadline=timezone.localdate())
    assert not IndicatorValue.objects.filter(year=period.year, period=period.period).exists()
    before = city_pdf.builds()
    saved = city_pdf.stored_city_pdf(period, language="sv")
    assert IndicatorValue.objects.filter(year=period.year, period=period.period).exists()  # computed by the build
    assert city_pdf.built_city_pdf(period, language="sv") == saved
    assert city_pdf.stored_city_pdf(period, language="sv") == saved
    assert city_pdf.builds() == before + 1
    default_storage.delete(saved)  # the storage outlives the test's database
