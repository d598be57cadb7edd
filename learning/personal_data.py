"""The learning app's part of a person's own data: each part declares its own in ``learning/<part>/personal_data.py``,
and the app's erasure is declared here, its parts' models side by side."""

from django.utils.translation import gettext_lazy as _

from core.audit import delete_forgetting
from core.personal_data_registry import erasure
from learning.models import Completion, CompletionImport, Course, DevelopmentTalk, PolicyDocument
from learning.parts import parts

parts.load("personal_data")


@erasure("learning_records", models=[Completion], keeps=[], removes=[_("the courses you completed")])
def erase_learning_records(user, placeholder: str) -> int:
    """Courses the person completed are their own record, no decision: deleted."""
    return delete_forgetting(Completion.objects.filter(person=user))


@erasure(
    "learning_kept",
    models=[Course, PolicyDocument, CompletionImport, DevelopmentTalk],
    keeps=[_("courses, policy documents and development talks recorded by city staff")],
    removes=[],
)
def erase_learning_kept(user, placeholder: str) -> int:
    """Courses, policy documents, imports and development talks are the work and the records of city staff, who
    leave through HR and are never erased here: kept."""
    return 0
