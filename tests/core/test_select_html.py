"""Select boxes are written out in Python (``core.forms.select_html``): the HTML the template wrote, escaped the same."""

from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe

from core.forms import select_html

# The template select boxes were drawn with before.
TEMPLATE = Template(
    '{% load core_tags %}<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
    "{% for group_name, group_choices, group_index in widget.optgroups %}"
    '{% if group_name %}<optgroup label="{{ group_name }}">{% endif %}'
    "{% for option in group_choices %}<option value=\"{{ option.value|stringformat:'s' }}\""
    "{% if option.selected %} selected{% endif %}>{{ option.label }}</option>{% endfor %}"
    "{% if group_name %}</optgroup>{% endif %}{% endfor %}</select>"
)


def _both(widget: forms.Select, name: str, value, attrs=None) -> tuple[str, str]:
    context = widget.get_context(name, value, attrs)
    return str(select_html(context["widget"])), TEMPLATE.render(Context(context))


def test_a_select_box_is_written_as_the_template_wrote_it():
    choices = [
        ("", "Hela staden"),
        (1, "Norra <stadsdels>förvaltningen & co"),
        ("a\"b'c", mark_safe("<em>redan säker</em>")),  # noqa: S308 - a label marked safe stays as it is
        ("Grupp <1>", [(2, "Två"), (3, "Tre")]),
    ]
    widget = forms.Select(choices=choices, attrs={"class": 'x "y"', "required": True, "disabled": False})
    for value in ("", 1, "a\"b'c", 3, None):
        written, drawn = _both(widget, "unit", value, {"id": "id_unit", "aria-describedby": "id_unit-hint"})
        assert written == drawn
    multiple = forms.SelectMultiple(choices=choices)
    written, drawn = _both(multiple, "units", [1, 3])
    assert written == drawn
    assert written.count(" selected") == 2


def test_a_choice_of_people_draws_the_same_select_as_model_instances_and_still_gives_the_person(people):
    from django import forms

    from core.forms import DesignSystemFormMixin, PersonChoiceField
    from organisation.models import User

    nameless = User.objects.create_user(email="utan.namn@example.se", name="", kind="resident")
    everyone = User.objects.order_by("name", "pk")

    class Before(DesignSystemFormMixin, forms.Form):
        person = forms.ModelChoiceField(queryset=everyone, required=False, empty_label="Ingen")

    class After(DesignSystemFormMixin, forms.Form):
        person = PersonChoiceField(queryset=everyone, required=False, empty_label="Ingen")

    chosen = people["coach"].pk
    assert str(After(initial={"person": chosen})["person"]) == str(Before(initial={"person": chosen})["person"])
    assert str(After()["person"]) == str(Before()["person"])
    assert f'<option value="{nameless.pk}">utan.namn@example.se</option>' in str(After()["person"])
    form = After({"person": str(chosen)})
    assert form.is_valid() and form.cleaned_data["person"] == people["coach"]
    refused = After({"person": "999999"})
    assert not refused.is_valid() and "person" in refused.errors
