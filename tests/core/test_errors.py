"""Domain errors: their codes and HTTP statuses, the permission check services share, and how forms show them."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import convert_exception_to_response
from django.test import RequestFactory
from django.utils.translation import gettext_lazy, override

from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError, require
from core.forms import DesignSystemFormMixin, apply


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (ErrorCode.INVALID, 400),
        (ErrorCode.STATE, 400),
        (ErrorCode.LOCKED, 400),
        (ErrorCode.CONFLICT, 409),
        (ErrorCode.FORBIDDEN, 403),
        (ErrorCode.UNAUTHENTICATED, 401),
        (ErrorCode.NOT_FOUND, 404),
        (ErrorCode.TOO_LARGE, 413),
        (ErrorCode.THROTTLED, 429),
        (ErrorCode.SERVER_ERROR, 500),
    ],
)
def test_each_code_carries_the_status_the_api_answers_with(code, status):
    assert code.status == status


def test_a_code_is_the_string_the_api_answers():
    assert ErrorCode.FORBIDDEN == "forbidden"
    assert ErrorCode("already_public") is ErrorCode.ALREADY_PUBLIC
    assert {code.value for code in ErrorCode} >= {"invalid", "conflict", "forbidden", "locked", "late", "state"}


def test_an_error_named_by_its_string_gets_the_code():
    error = DomainError("Stängd.", code="closed")
    assert error.code is ErrorCode.CLOSED
    assert error.code.status == 400
    with pytest.raises(ValueError, match="not_a_code"):
        DomainError("x", code="not_a_code")


def test_the_subclasses_carry_their_codes():
    assert ConflictError("x").code is ErrorCode.CONFLICT
    assert PermissionDeniedError("x").code is ErrorCode.FORBIDDEN


def test_a_permission_error_is_a_domain_error_and_djangos_permission_denied():
    error = PermissionDeniedError("Nej.")
    assert isinstance(error, DomainError)
    assert isinstance(error, PermissionDenied)
    assert error.message == "Nej."


def test_a_permission_error_let_through_a_view_answers_403_with_the_sites_page():
    def view(request):
        raise PermissionDeniedError("Only the office does this.")

    request = RequestFactory().get("/somewhere/")
    response = convert_exception_to_response(view)(request)
    assert response.status_code == 403
    assert b"govuk-heading-xl" in response.content  # templates/403.html, not a bare answer
    assert b"Only the office does this." not in response.content


class Asker:
    def __init__(self, allowed: set[tuple[str, object]]) -> None:
        self.allowed = allowed
        self.asked: list[tuple[str, object]] = []

    def has_perm(self, perm: str, obj=None) -> bool:
        self.asked.append((perm, obj))
        return (perm, obj) in self.allowed


def test_require_asks_the_user_about_a_permissions_name_and_its_object():
    thing = object()
    user = Asker({("ideas.edit_idea", thing)})
    require("ideas.edit_idea", user, thing, message="Nej.")
    with pytest.raises(PermissionDeniedError, match="Nej.") as raised:
        require("ideas.edit_idea", user, None, message="Nej.")
    assert raised.value.code is ErrorCode.FORBIDDEN
    assert user.asked == [("ideas.edit_idea", thing), ("ideas.edit_idea", None)]


def test_require_takes_a_condition_already_worked_out():
    require(True, message="Nej.")
    with pytest.raises(PermissionDeniedError):
        require(False, message="Nej.")


def test_require_puts_a_lazy_message_in_the_language_of_the_moment():
    with override("sv"), pytest.raises(PermissionDeniedError) as raised:
        require(False, message=gettext_lazy("You are not allowed to do this."))
    assert isinstance(raised.value.message, str)
    assert raised.value.message != "You are not allowed to do this."  # translated, not left lazy


def test_require_needs_a_user_for_a_permissions_name():
    with pytest.raises(TypeError):
        require("ideas.edit_idea", message="Nej.")


class TitleForm(DesignSystemFormMixin, forms.Form):
    title = forms.CharField()


def _valid_form() -> TitleForm:
    form = TitleForm({"title": "Nattfasta"})
    assert form.is_valid()
    return form


def test_apply_returns_what_the_service_returns():
    form = _valid_form()
    assert apply(form, lambda: 42) == 42
    assert form.is_valid()


def test_apply_shows_a_refusal_at_the_field_it_names():
    form = _valid_form()

    def refuse():
        raise DomainError("Skriv en annan titel.", field="title")

    assert apply(form, refuse) is None
    assert not form.is_valid()
    assert form.errors["title"] == ["Skriv en annan titel."]
    assert not form.non_field_errors()


def test_apply_shows_a_refusal_without_a_field_of_the_form_at_the_top():
    form = _valid_form()

    def refuse():
        raise DomainError("Kryssa i punkterna.", field="checklist")

    assert apply(form, refuse) is None
    assert form.non_field_errors() == ["Kryssa i punkterna."]
    assert "title" not in form.errors


class HeadingForm(TitleForm):
    """Asks for what the service calls ``name`` in its field ``title``."""

    def apply_domain_error(self, exc: DomainError) -> None:
        exc.field = {"name": "title"}.get(exc.field or "", exc.field)
        super().apply_domain_error(exc)


def test_apply_lets_a_form_put_a_refusal_at_its_own_name_for_the_field():
    form = HeadingForm({"title": "Nattfasta"})
    assert form.is_valid()

    def refuse():
        raise DomainError("Skriv ett annat namn.", field="name")

    assert apply(form, refuse) is None
    assert form.errors["title"] == ["Skriv ett annat namn."]
    assert not form.non_field_errors()


def test_apply_lets_the_kinds_asked_for_through():
    form = _valid_form()

    def refuse():
        raise ConflictError("Någon annan ändrade först.")

    with pytest.raises(ConflictError):
        apply(form, refuse, raising=(ConflictError,))
    assert form.is_valid()


def test_apply_lets_other_exceptions_through():
    form = _valid_form()

    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        apply(form, fail)
