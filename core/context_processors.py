from django.conf import settings

from core.city import city_contact


def navigation(request) -> dict:
    """What the page header needs on every page: the person's unread count and which menus they may see."""
    user = getattr(request, "user", None)
    context = {"SPRANG_FIRST_ANSWER_DAYS": settings.SPRANG_FIRST_ANSWER_DAYS}
    if user is not None and user.is_authenticated:
        context["unread_notifications"] = user.notifications.filter(read_at__isnull=True).count()
        context["can_triage"] = user.has_perm("ideas.view_triage")
        context["can_pipeline"] = user.has_perm("ideas.view_pipeline")
        context["can_govern"] = user.has_perm("governance.view_dashboard")
    return context


def city(request) -> dict:
    """The city's name and contact details, for the footer and every page that names them."""
    return {"city": city_contact()}
