"""Amounts in kronor, written as people write them, are read the same in every form of calls."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from calls.fields import KronorField
from calls.forms import ApplicationForm, BudgetLineForm
from calls.jury_forms import CallForm, DecisionForm, PaymentForm


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1 500,50 kr", Decimal("1500.50")),
        ("1500", Decimal(1500)),
        ("1 500 kr", Decimal(1500)),
        ("1\u00a0500,5", Decimal("1500.5")),
        ("1\u202f500 KR", Decimal(1500)),
        ("150000 kr.", Decimal(150000)),
    ],
)
def test_an_amount_is_read_as_written(written, read):
    assert KronorField().to_python(written) == read


@pytest.mark.parametrize(
    ("language", "said"), [("en", "whole kronor"), ("sv", "Skriv beloppet i hela kronor, utan ören.")]
)
def test_an_amount_with_ore_is_refused_in_plain_words(language, said):
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as error:
            KronorField().clean("1 500,50 kr")
        assert [e.code for e in error.value.error_list] == ["max_decimal_places"]
        assert said in error.value.messages[0]


def test_whole_kronor_are_accepted():
    assert KronorField().clean("1 500 kr") == Decimal(1500)


def test_every_form_of_calls_uses_the_one_field():
    fields = [
        ApplicationForm.base_fields["requested_amount"],
        ApplicationForm.base_fields["co_financing"],
        BudgetLineForm.base_fields["amount"],
        CallForm.base_fields["budget"],
        PaymentForm.base_fields["amount"],
        DecisionForm.base_fields["amount"],
    ]
    assert all(type(field) is KronorField for field in fields)
