"""*My learning* in the main menu, for the city's staff: the person's own learning record. Asked within the page
header's one query, with no query of its own."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.tasks_registry import MenuEntry, menu
from organisation.models import PersonKind


def is_city_staff() -> ExpressionWrapper:
    return ExpressionWrapper(Q(kind=PersonKind.EMPLOYEE, is_active=True), output_field=BooleanField())


@menu("my_learning", position=60, shown_if=is_city_staff)
def my_learning_menu(user) -> MenuEntry:
    return MenuEntry(_("My learning"), reverse("learning:my_record"))
