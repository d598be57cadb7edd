from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.city import city_contact
from core.models import Notification
from core.tasks_registry import menu_conditions, menu_entries, menu_links


def _header_row(user) -> dict:
    """In one query: the person's unread notifications, and which of the apps' menu entries they see."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)), **menu_conditions(user))
        .values("unread", *menu_conditions(user))
        .first()
    )
    return row or {"unread": 0}


def navigation(request) -> dict:
    """What the page header needs on every page: the person's unread count and the menu they see.

    The menu is what the apps declare in their ``todo.py``: their links (``link``, some only for those
    with a permission), then the entries for this person (``menu``), such as *Jury work* for jurors and chairs.
    """
    user = getattr(request, "user", None)
    context = {"SPRANG_FIRST_ANSWER_DAYS": settings.SPRANG_FIRST_ANSWER_DAYS}
    if user is not None and user.is_authenticated:
        row = _header_row(user)
        context["unread_notifications"] = row["unread"]
        context["menu_entries"] = menu_entries(user, row)
    context["menu_links"] = menu_links(user)
    return context


def city(request) -> dict:
    """The city's name and contact details, for the footer and every page that names them."""
    return {"city": city_contact()}
