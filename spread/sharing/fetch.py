"""Fetching another city's feed safely: what an innovation office types in must not reach inside the network.

Only ``http`` and ``https`` addresses are fetched; the host's every address must be public (not
loopback, private, link-local, multicast or reserved) unless ``SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES``
allows it (tests, or two Språng on one internal network); the connection goes to the address
that was checked, so a name that resolves differently the second time gains nothing; a redirect
is checked like the first address, at most ``MAX_REDIRECTS`` times; and the answer is read with a
timeout (``SPRANG_FEED_TIMEOUT_SECONDS``) and up to ``SPRANG_FEED_MAX_BYTES``, never more.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError

MAX_REDIRECTS = 3
#: What the request says it takes.
ACCEPT = "application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8"


class FeedFetchError(DomainError):
    """The feed could not be fetched; the message says why and what to do, for the field ``url``."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="url")


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


def _public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) of an address we may fetch; ``FeedFetchError`` otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedFetchError(_("Give the feed's whole address, beginning with https:// (or http://)."))
    if parts.username or parts.password:
        raise FeedFetchError(_("Give the feed's address without a user name or password in it."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FeedFetchError(_("The port in the feed's address is not a number from 1 to 65535.")) from None
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FeedFetchError(
            _("There is no server called %(host)s. Check the feed's address.") % {"host": parts.hostname}
        ) from None
    addresses = [str(info[4][0]) for info in found]
    if not settings.SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES and not all(_public_address(a) for a in addresses):
        raise FeedFetchError(
            _(
                "The feed's address leads inside a private network, which Språng does not fetch from. "
                "Give the public address of the other city's Språng."
            )
        )
    return parts.scheme, parts.hostname, port, addresses[0]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address already checked, verifying the certificate for the host's name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def _too_large() -> FeedFetchError:
    limit = settings.SPRANG_FEED_MAX_BYTES // (1024 * 1024) or 1
    return FeedFetchError(
        _("The feed is larger than %(megabytes)d MB, more than Språng reads. Ask the other city for a smaller feed.")
        % {"megabytes": limit}
    )


def fetch(url: str) -> Fetched:
    """The feed at ``url``: its final address, type and body. ``FeedFetchError`` with a plain reason otherwise."""
    timeout = settings.SPRANG_FEED_TIMEOUT_SECONDS
    limit = settings.SPRANG_FEED_MAX_BYTES
    for _redirect in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = check_url(url)
        parts = urlsplit(url.strip())
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = cls(host, port, address, timeout)
        try:
            connection.request("GET", target, headers={"Accept": ACCEPT, "User-Agent": "Sprang-feed-import/1"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise FeedFetchError(
                    _("The other server answered %(status)d instead of the feed. Check the feed's address.")
                    % {"status": response.status}
                )
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large()
            body = response.read(limit + 1)
            if len(body) > limit:
                raise _too_large()
            return Fetched(url=url, content_type=response.getheader("Content-Type", ""), body=body)
        except TimeoutError:
            raise FeedFetchError(
                _("The other server did not answer within %(seconds)d seconds. Try again later.") % {"seconds": timeout}
            ) from None
        except ssl.SSLError:
            raise FeedFetchError(
                _("The other server's certificate could not be trusted, so nothing was fetched.")
            ) from None
        except (OSError, http.client.HTTPException):
            raise FeedFetchError(
                _("Språng could not reach the other server. Check the feed's address, or try again later.")
            ) from None
        finally:
            connection.close()
    raise FeedFetchError(_("The feed's address sends Språng on too many times. Give the feed's final address."))
