import pytest


@pytest.fixture
def app(django_app):
    return django_app
