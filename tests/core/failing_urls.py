"""The site's addresses and one that fails, to see the error page as a server error shows it."""

from django.urls import path

from config.urls import handler400, handler500, urlpatterns

__all__ = ["handler400", "handler500", "urlpatterns"]


def fails(request):
    raise RuntimeError("a server error for the test")


urlpatterns = [path("fails/", fails), *urlpatterns]
