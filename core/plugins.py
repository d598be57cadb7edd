"""What each installed app adds to the site's addresses, read from its ``AppConfig``.

An app's config names them, so the project's ``config/urls.py`` and ``config/api.py`` list no app::

    class IdeasConfig(AppConfig):
        urls = ("ideas/", "ideas.urls")  # its pages, under this prefix (or several such pairs in a tuple)
        api_routers = (("/ideas", "ideas.api.router"),)  # its API routers, under these prefixes
        position = 20  # where its pages and routers come among the apps' (then INSTALLED_APPS order)

Nothing is imported until the URLs are built; an app without these attributes adds nothing.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import URLResolver, include, path
from django.utils.module_loading import import_string


def _ordered_configs() -> list:
    configs = list(apps.get_app_configs())
    return sorted(configs, key=lambda c: (getattr(c, "position", 50), configs.index(c)))


def _url_pairs(config) -> list[tuple[str, str]]:
    urls = getattr(config, "urls", None)
    if not urls:
        return []
    return list(urls) if isinstance(urls[0], tuple) else [urls]


def app_urls() -> list[URLResolver]:
    """Each app's pages, ``path(prefix, include(module))`` for each of its pairs, in the apps' order."""
    return [path(prefix, include(module)) for c in _ordered_configs() for prefix, module in _url_pairs(c)]


def api_routers() -> list[tuple[str, Any]]:
    """Each app's API routers with their prefixes, ``(prefix, router)``, in the apps' order."""
    return [
        (prefix, import_string(router)) for c in _ordered_configs() for prefix, router in getattr(c, "api_routers", ())
    ]
