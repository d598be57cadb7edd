from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from config.api import api
from core.plugins import app_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("core.urls")),
    # Each app's pages, under the prefix its AppConfig names (``urls``).
    *app_urls(),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from MEDIA_ROOT, not even in development: each is
# downloaded through its own permission-checked view (core.uploads.file_download).

#: A request too large or malformed to read: a page saying so (413 with the limits, or 400).
handler400 = "core.views.bad_request"
#: A server error: the page gives the request's id to pass on to support.
handler500 = "core.views.server_error"
