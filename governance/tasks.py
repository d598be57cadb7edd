"""The governance app's work in the background: the city's compiled PDF, built by the worker (ADR 0035)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.background import background_task
from governance import city_pdf
from governance.models import ReportingPeriod


@background_task(max_attempts=3)
def build_city_pdf(reporting_period_id: int, language: str, requester_id: int) -> str:
    """Build the city's PDF for a period in a language (or find it built) and tell the person who asked for it
    by email, with the link to download it; returns its name in the storage."""
    reporting_period = ReportingPeriod.objects.get(pk=reporting_period_id)
    name = city_pdf.stored_city_pdf(reporting_period, language=language)
    requester = get_user_model().objects.filter(pk=requester_id, is_active=True).first()
    if requester is not None and requester.email:
        with translation.override(language):
            link = settings.SPRANG_SITE_URL.rstrip("/") + reverse(
                "governance:city_pdf", args=[reporting_period.year, reporting_period.period]
            )
            text = _("The city's compiled report for %(period)s is ready.") % {"period": reporting_period}
            body = render_to_string("core/email/notification.txt", {"text": text, "link": link}).strip() + "\n"
            send_mail(
                f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text}", body, settings.DEFAULT_FROM_EMAIL, [requester.email]
            )
    return name
