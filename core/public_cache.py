"""Public pages answered from the shared cache, never stale (docs/adr/0028-public-pages-cached.md).

What anyone reads without signing in — the start page, public ideas, open data, calls and their
results — is the same for every anonymous visitor in one language. Such a page is rendered once
and kept in the cache under a key made of:

- the **public content version**, a number that every write an app's public pages show moves on
  (``content_changed``: the apps' models' saves and deletes, and the writes that bypass ``save()``,
  through ``core.audit``), so a new public idea, a decision or a published result is seen at once;
- the day (Stockholm), since pages show dates and days;
- the language, the address with its query, and whether htmx asked for a part of the page.

A page that changes by the clock alone at other moments (a call opens or closes, an idea's answer
falls due, its days in a stage grow by one) names them while it is rendered (``changes_at``): the
kept page is used until the first of them to come. The page's ``ETag`` follows from the key and
the latest change, which is its ``Last-Modified``, so a browser or a reverse proxy revalidates with ``If-None-Match`` / ``If-Modified-Since`` and gets a
``304`` without the page being rendered. Anonymous answers say ``public`` with ``max-age=0`` and
``must-revalidate``: a proxy may keep them but asks each time, which costs a look in the cache
(``SPRANG_PUBLIC_PROXY_SECONDS`` lets it serve them that long unasked).

A page is kept only when it holds nothing of one visitor: rendered for someone signed out, with
no message waiting, without a CSRF token (``{% csrf_token %}`` would set a cookie and be another
visitor's), without setting a cookie or writing the session. Anything else is answered as before,
``private``. Signed-in people never get a kept page, and a kept page never gets theirs.

An app joins in two places: its public views are decorated ``@public_page`` (and name the moments
they change at, if any), and its ``AppConfig.ready`` calls ``watch(self, ignore=...)``: writes to
its models change public pages, all but those ``ignore`` names.
"""

from __future__ import annotations

import hashlib
import time
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as day_start
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

#: The public content version: nanoseconds since the epoch of the latest write public pages show.
VERSION_KEY = "public:version"
#: How long a page, or the moments the clock changes pages at, is kept unasked for.
PAGE_SECONDS = 60 * 60
#: What a page answers anonymous visitors with: anyone may keep it, but must ask again before using it.
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
#: What varies a kept page beyond its address: the language cookie and whether htmx asked for a part.
VARY = ("Cookie", "HX-Request")
#: Headers the decorator sets on every answer, so never kept with a page.
OWN_HEADERS = {"cache-control", "etag", "last-modified", "vary", "expires"}
NS = 1_000_000_000


def _clock_ns() -> int:
    """Now, in nanoseconds since the epoch (one place, so that a test can move it with Django's clock)."""
    return time.time_ns()


@dataclass(frozen=True)
class PublicContent:
    """What an app's writes mean for public pages: all its models count, except those in ``ignore``
    (``"model"``, or ``"model.field"`` for a save that changes only such fields)."""

    ignore: frozenset[str] = frozenset()

    def counts(self, model_name: str, update_fields: Iterable[str] | None) -> bool:
        if model_name in self.ignore:
            return False
        if update_fields:
            return any(f"{model_name}.{field}" not in self.ignore for field in update_fields)
        return True


#: What each watched app's writes mean, by app label (``watch``).
_watched: dict[str, PublicContent] = {}


def watch(app_config, *, ignore: Iterable[str] = (), written_in_bulk: Iterable[str] = ()) -> None:
    """Writes to the app's models change public pages, but not those ``ignore`` names (``"ApiToken"``,
    ``"User.last_login"``: a save of only such fields). Called from the app's ``AppConfig.ready``.

    A write that bypasses ``save()`` (``bulk_create``, ``QuerySet.update``) outside ``core.audit``,
    which tells this module itself, calls ``model_written``. A model written and deleted only so,
    row by the thousand, is named in ``written_in_bulk``: no signal is connected for it, so that its
    deletes stay one query, and its writer calls ``model_written`` once.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    content = PublicContent(ignore=frozenset(name.lower() for name in ignore))
    _watched[app_config.label] = content
    bulk = {name.lower() for name in written_in_bulk}
    for model in app_config.get_models():
        if model._meta.model_name in content.ignore or model._meta.model_name in bulk:
            continue
        uid = f"sprang-public-content-{model._meta.label_lower}"
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_model_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")


# --- the version ----------------------------------------------------------------------------------


def current_version() -> int:
    return _version(VERSION_KEY)


def model_version(model) -> int:
    """A number that moves on with every write to ``model`` that public pages show (as ``current_version`` does
    for them all): the key of figures counted over that model alone, which writes to other models leave valid.

    ``model`` belongs to a watched app (``watch``) and is not one it ignores.
    """
    return _version(_model_key(model._meta.label_lower))


def _model_key(label: str) -> str:
    return f"{VERSION_KEY}:{label}"


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        # Never set, or lost with the cache: a new one, so nothing kept before can be taken for current.
        cache.add(key, _clock_ns(), None)
        version = cache.get(key) or _clock_ns()
    return int(version)


def _bump(key: str) -> None:
    previous = cache.get(key) or 0
    cache.set(key, max(_clock_ns(), int(previous) + 1), None)


def content_changed(using: str = DEFAULT_DB_ALIAS, *, models: Iterable[str] = ()) -> None:
    """What public pages show has changed, and with it ``models`` (by their labels): a new version now, and again
    once the transaction commits (once per transaction, however many writes).

    Now, so the same transaction (and a test) reads the change; after the commit, so that a page
    rendered meanwhile from what the database held before cannot be kept under the final version
    (the version is read before the page is rendered).
    """
    connection = transaction.get_connection(using)
    pending = {
        entry[1].args
        for entry in (connection.run_on_commit if connection.in_atomic_block else ())
        if isinstance(entry[1], partial) and entry[1].func is _bump
    }
    for key in (VERSION_KEY, *map(_model_key, models)):
        _bump(key)
        if connection.in_atomic_block and (key,) not in pending:
            transaction.on_commit(partial(_bump, key), using=using)


def everything_changed(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Anything may have changed (a migration, a restore, test data loaded in bulk): every watched model's too."""
    watched = [model._meta.label_lower for label in _watched for model in apps.get_app_config(label).get_models()]
    content_changed(using, models=watched)


def _model_changed(sender, instance=None, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_save``, ``post_delete`` and ``m2m_changed``: a write to a model of an app that declared its content."""
    action = kwargs.get("action")
    if action is not None:  # m2m_changed: the instance's model, after the change
        if not action.startswith("post_"):
            return
        sender = type(instance)
    meta = sender._meta
    content = _watched.get(meta.app_label)
    if content is not None and content.counts(meta.model_name, update_fields):
        content_changed(using, models=(meta.label_lower,))


def model_written(model, *, fields: Iterable[str] | None = None, using: str = DEFAULT_DB_ALIAS) -> None:
    """A write that bypassed ``save()`` (``QuerySet.update`` of ``fields``, ``bulk_create``) to rows of ``model``."""
    _model_changed(model, update_fields=list(fields) if fields is not None else None, using=using)


# --- the pages ------------------------------------------------------------------------------------

#: Where a public page's view says at which moments what it shows changes by time alone.
MOMENTS_ATTRIBUTE = "_public_page_moments"


def changes_at(request, *moments: datetime | None) -> None:
    """The page being rendered changes by the clock alone at these moments (past ones too: the
    latest is when it last changed), e.g. when a call opens and closes. ``None`` is left out.

    A kept page is used until the first of them still to come; the latest passed is its
    ``Last-Modified`` if later than the last write.
    """
    found = getattr(request, MOMENTS_ATTRIBUTE, None)
    if found is not None:
        found.extend(m for m in moments if m is not None)


def keeping(request) -> bool:
    """Whether the page being rendered may be kept: only then are the moments it changes at worth reading."""
    return getattr(request, MOMENTS_ATTRIBUTE, None) is not None


def changes_any_moment(request) -> None:
    """The page being rendered may change by the clock at any moment: it is not kept."""
    request._public_page_not_kept = True


@dataclass(frozen=True)
class PageKey:
    #: Where the page is kept, and apart from it its validators (a conditional request reads only those).
    key: str
    meta_key: str
    #: The latest write public pages show, in nanoseconds, or the day's start if later.
    since: int


@dataclass(frozen=True)
class Validators:
    etag: str
    #: Seconds since the epoch, or None while the last change is less than a whole second old.
    last_modified: int | None
    #: Nanoseconds since the epoch after which the page must be rendered again, or None.
    valid_until: int | None


def page_key(request) -> PageKey:
    """Where the page this request asks for is kept, as public content is now."""
    version = current_version()  # first: what is rendered after this is at least as new
    today = timezone.localdate()
    midnight = datetime.combine(today, day_start.min, tzinfo=timezone.get_current_timezone())
    parts = (
        str(version),
        today.isoformat(),
        translation.get_language() or settings.LANGUAGE_CODE,
        "htmx" if request.headers.get("HX-Request") == "true" else "page",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return PageKey(
        key=f"public:page:{digest}",
        meta_key=f"public:meta:{digest}",
        since=max(version, int(midnight.timestamp()) * NS),
    )


def _ns(moment: datetime) -> int:
    return round(moment.timestamp() * 1_000_000) * 1000


def validators(page: PageKey, *, rendered_at: int, moments: Iterable[datetime]) -> Validators:
    """The page's ETag, Last-Modified and how long it holds, from the moments its view named."""
    times = sorted(_ns(m) for m in moments)
    passed = bisect_right(times, rendered_at)
    since = max(page.since, times[passed - 1]) if passed else page.since
    valid_until = times[passed] if passed < len(times) else None
    etag = quote_etag(hashlib.sha256(f"{page.key}:{since}".encode()).hexdigest()[:40])
    # Within the second of a change, a date would not tell the page before it from the page after it.
    last_modified = since // NS if rendered_at // NS > since // NS else None
    return Validators(etag=etag, last_modified=last_modified, valid_until=valid_until)


def _has_messages(request) -> bool:
    return len(get_messages(request)) > 0


def _for_anyone(request) -> bool:
    """Whether the answer may be kept by shared caches: signed out, and no session to end or renew."""
    return not request.user.is_authenticated and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _storable(request, response: HttpResponse) -> bool:
    """The answer holds nothing of this visitor: no token, cookie, session write or message of theirs."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not _has_messages(request)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _kept(response: HttpResponse) -> tuple[int, bytes, list[tuple[str, str]]]:
    headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
    return response.status_code, response.content, headers


def _from_kept(kept) -> HttpResponse:
    status, content, headers = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def private(response: HttpResponse) -> HttpResponse:
    """An answer for this visitor alone: no shared cache keeps it."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, VARY)
    return response


def _render(request, view, args, kwargs, page: PageKey):
    """The view's answer, and the validators it is kept with (None: it holds something of this visitor)."""
    rendered_at = _clock_ns()
    setattr(request, MOMENTS_ATTRIBUTE, [])
    response = view(request, *args, **kwargs)
    if getattr(request, "_public_page_not_kept", False) or not _storable(request, response):
        return response, None
    found = validators(page, rendered_at=rendered_at, moments=getattr(request, MOMENTS_ATTRIBUTE))
    timeout = PAGE_SECONDS
    if found.valid_until is not None:
        timeout = max(1, min(timeout, (found.valid_until - rendered_at) // NS + 1))
    cache.set_many({page.meta_key: found, page.key: _kept(response)}, timeout)
    return response, found


def _fresh(found: Validators | None) -> bool:
    return found is not None and (found.valid_until is None or _clock_ns() < found.valid_until)


def _with_validators(request, response: HttpResponse, found: Validators) -> HttpResponse:
    response["ETag"] = found.etag
    if found.last_modified is not None:
        response["Last-Modified"] = http_date(found.last_modified)
    if _for_anyone(request):
        patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
        if settings.SPRANG_PUBLIC_PROXY_SECONDS > 0:  # a proxy may serve it this long unasked
            patch_cache_control(response, s_maxage=settings.SPRANG_PUBLIC_PROXY_SECONDS)
        patch_vary_headers(response, VARY)
        return response
    return private(response)


def public_page(view=None, *, same_for_everyone: bool = False):
    """Serve the view's page from the shared cache to those it is the same for.

    Anonymous visitors share it; with ``same_for_everyone`` (a file that never looks at who asks,
    such as an open-data CSV) signed-in people share the body and the validators too, but their
    answer stays ``private``. Anything else the view answers as before, ``private``.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            shared = (same_for_everyone or not request.user.is_authenticated) and not _has_messages(request)
            if not shared:
                return private(view(request, *args, **kwargs))
            page = page_key(request)
            if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
                found = cache.get(page.meta_key)
                if _fresh(found):  # answered from the validators alone, without reading the page
                    not_modified = get_conditional_response(request, etag=found.etag, last_modified=found.last_modified)
                    if not_modified is not None:
                        return _with_validators(request, not_modified, found)
                kept = cache.get(page.key)
            else:
                both = cache.get_many([page.meta_key, page.key])
                found, kept = both.get(page.meta_key), both.get(page.key)
            if _fresh(found) and kept is not None:
                response = _from_kept(kept)
            else:  # not kept, or the clock has changed the page since
                response, found = _render(request, view, args, kwargs, page)
                if found is None:
                    return private(response)
            not_modified = get_conditional_response(
                request, etag=found.etag, last_modified=found.last_modified, response=response
            )
            return _with_validators(request, not_modified or response, found)

        wrapper.public_page = True  # type: ignore[attr-defined]
        return wrapper

    return decorate(view) if view is not None else decorate
