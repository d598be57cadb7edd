import pytest


@pytest.fixture
def app(django_app):
    """django-webtest's app: pages fetched and forms submitted as a browser does."""
    return django_app
