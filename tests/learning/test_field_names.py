"""Every model and field of the learning app has a Swedish name: the admin site and the audit history show them."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

#: Words that are the same in Swedish and English.
SAME_IN_BOTH = {"ID", "person", "status", "version"}


def _names() -> list[tuple[str, object]]:
    names: list[tuple[str, object]] = []
    for model in apps.get_app_config("learning").get_models():
        names.append((model.__name__, model._meta.verbose_name))
        names.append((f"{model.__name__} (plural)", model._meta.verbose_name_plural))
        names += [(f"{model.__name__}.{field.name}", field.verbose_name) for field in model._meta.concrete_fields]
    return names


def test_every_learning_model_and_field_has_a_swedish_name():
    untranslated = []
    for where, name in _names():
        with translation.override("en"):
            english = str(name)
        with translation.override("sv"):
            swedish = str(name)
        if swedish == english and english not in SAME_IN_BOTH:
            untranslated.append(f"{where}: {english}")
    assert untranslated == []


def test_the_names_cover_the_fields_of_every_model():
    wheres = {where for where, _name in _names()}
    assert {"Course.length_minutes", "Completion.session", "Session (plural)", "TalkIdea.idea"} <= wheres
