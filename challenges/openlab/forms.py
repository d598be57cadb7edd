from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from challenges.models import AcademicRole, ProjectKind, University
from core.forms import DateField, DesignSystemFormMixin
from core.uploads import ACCEPT
from ideas.forms import VALUE_CHOICES
from ideas.models import InnovationKind
from organisation.models import User


class UniversityForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the university"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=40, required=False, help_text=_("For example KTH."))
    website = forms.CharField(label=_("Website"), max_length=200, required=False)


class UniversityInvitationForm(DesignSystemFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person you invite"),
        max_length=254,
        help_text=_("They get a link that works for 14 days and makes them a university partner in Språng."),
        error_messages={"invalid": _("Write the email address as name@example.se.")},
    )
    role = forms.ChoiceField(label=_("Role at the university"), choices=AcademicRole.choices, widget=forms.RadioSelect)


class UniversityAccountForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, help_text=_("As the city's staff will see it."))
    password = forms.CharField(
        label=_("Choose a password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits and not a common password."),
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class AssignmentForm(DesignSystemFormMixin, forms.Form):
    university = forms.ModelChoiceField(
        label=_("University"), queryset=University.objects.order_by("name"), empty_label=_("Choose a university")
    )
    title = forms.CharField(label=_("Title of the assignment"), max_length=200)
    brief = forms.CharField(
        label=_("What the university is asked to do"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Filled in from the need: change it into a question a student team or research group can take on."),
    )
    contact_email = forms.EmailField(
        label=_("The city's contact person"),
        max_length=254,
        help_text=_("Email address of the city employee who follows the work and accepts projects."),
        error_messages={"invalid": _("Write the email address as name@example.se.")},
    )
    university_contact_email = forms.EmailField(
        label=_("The university's contact person (if any)"),
        max_length=254,
        required=False,
        help_text=_("Email address of a teacher or researcher of the university who is already in Språng."),
        error_messages={"invalid": _("Write the email address as name@example.se.")},
    )
    agreement_starts_on = DateField(label=_("The agreement starts"), required=False)
    agreement_ends_on = DateField(label=_("The agreement ends"), required=False)
    agreement_reference = forms.CharField(
        label=_("Agreement reference"), max_length=100, required=False, help_text=_("The diary number, if any.")
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.affiliation.get_role_display()})"


class ProjectForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Who does the work?"), choices=ProjectKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title of the project"), max_length=200)
    scope = forms.CharField(
        label=_("Scope"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the project will do, and what it leaves out."),
    )
    starts_on = DateField(label=_("The project starts"))
    ends_on = DateField(label=_("The project ends"))
    deliverables = forms.CharField(
        label=_("Deliverables"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the city will receive, for example a prototype, a study and a final report."),
    )
    members = MemberChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Students, teachers and researchers of your university who take part."),
    )

    def __init__(self, *args, colleagues=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["members"]).queryset = colleagues
        if not colleagues.exists():
            del self.fields["members"]


class ProjectDecisionForm(DesignSystemFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept the project")), ("decline", _("Decline the project"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the team"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you decline: say why, so that the team can learn from it."),
    )


class MilestoneForm(DesignSystemFormMixin, forms.Form):
    prefix = "milestone"  # the project's page shows several forms: their fields' ids must differ
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = DateField(label=_("Due"))


class DeliverableForm(DesignSystemFormMixin, forms.Form):
    prefix = "deliverable"
    title = forms.CharField(label=_("What the file is"), max_length=200, help_text=_("For example “Final report”."))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, images, Word, Excel, PowerPoint, OpenDocument or text, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    is_final_report = forms.BooleanField(label=_("This is the project's final report"), required=False)


class ProjectIdeaForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField(label=_("Give the idea a short title"), max_length=200)
    problem = forms.CharField(
        label=_("What problem or need does it solve?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    audience = forms.CharField(label=_("Who is it for?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    proposal = forms.CharField(label=_("What is your idea?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    expected_value = forms.CharField(
        label=_("What value do you expect?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label=_("What kind of innovation is it?"), choices=InnovationKind.choices, widget=forms.RadioSelect
    )
    values = forms.MultipleChoiceField(
        label=_("What kinds of value does it create?"), choices=VALUE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, staff: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["kind"]


class AssignmentEditForm(AssignmentForm):
    """The assignment's texts, contacts and agreement, changed while it is open or under way; the university stays."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["university"]
        self.fields["brief"].help_text = ""


class AssignmentCancelForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the assignment cancelled?"),
        max_length=5000,
        help_text=_("The university's people on the assignment and its projects are told, with your words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write why the assignment is cancelled: the university's people on it are told.")
        },
    )
    end_projects = forms.BooleanField(
        label=_("Yes, the projects under way end too"),
        required=False,
        help_text=_("They are marked as ended and can no longer be worked on in Språng."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, under_way: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not under_way:
            del self.fields["end_projects"]
