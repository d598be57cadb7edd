"""A real SAML 2.0 identity provider (pysaml2's ``Server``, signing with xmlsec1) for the sign-in tests.

It plays the city's ADFS: it takes Språng's authentication request over the HTTP-Redirect binding, shows a page
where the person continues, and posts a signed response with signed assertions back to Språng's assertion
consumer service. Served over HTTP in a thread for the browser journeys; the same object answers in-process
(``respond``) for the tests of refusals: a response signed with another key, for another audience, expired,
or sent twice.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

XMLSEC1 = shutil.which("xmlsec1")
needs_xmlsec1 = pytest.mark.skipif(
    XMLSEC1 is None, reason="The SAML identity provider signs with xmlsec1: apt-get install xmlsec1"
)

SIGN_ALG = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
DIGEST_ALG = "http://www.w3.org/2001/04/xmlenc#sha256"

#: The attributes as ADFS names them by default (claim types), and as Språng's settings map them.
EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
GIVEN_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"
SURNAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"
EMPLOYEE_NUMBER = "http://schemas.microsoft.com/ws/2008/06/identity/claims/employeenumber"
UNIT = "http://schemas.xmlsoap.org/claims/Department"
UID = "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname"
ATTRIBUTE_MAPPING = {
    "uid": UID,
    "email": EMAIL,
    "first_name": GIVEN_NAME,
    "last_name": SURNAME,
    "employee_number": EMPLOYEE_NUMBER,
    "unit": UNIT,
}


def key_and_certificate(folder: Path, name: str) -> tuple[Path, Path, str]:
    """A new RSA key and a self-signed certificate for it: the files, and the certificate's base64 body."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_file.write_bytes(pem)
    body = "".join(line for line in pem.decode().splitlines() if "CERTIFICATE" not in line)
    return key_file, cert_file, body


def sp_metadata(entity_id: str, acs_url: str) -> str:
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{html.escape(entity_id)}">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"
      AuthnRequestsSigned="false" WantAssertionsSigned="true">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="{html.escape(acs_url)}" index="1"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>"""


@dataclass
class IdentityProvider:
    """The provider for one Språng (its SP entity id and ACS); ``identity`` is who signs in next."""

    base_url: str
    sp_entity_id: str
    acs_url: str
    folder: Path
    #: Another service provider the same provider serves (a response for it must not sign anyone in to Språng).
    other_sp_entity_id: str = "https://another-service.example.org/saml/metadata/"
    identity: dict[str, list[str]] = field(default_factory=dict)
    name_id: str = "staff-1"
    #: The responses posted so far, to send one again.
    sent: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key_file, self.cert_file, self.certificate = key_and_certificate(self.folder, "idp")
        self.other_key_file, self.other_cert_file, _ = key_and_certificate(self.folder, "intruder")
        self.entity_id = f"{self.base_url}/metadata"
        self.sso_url = f"{self.base_url}/sso"
        self._servers: dict[str, object] = {}

    def _server(self, key_file: Path, cert_file: Path):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.server import Server

        metadata = [
            sp_metadata(self.sp_entity_id, self.acs_url),
            sp_metadata(self.other_sp_entity_id, self.acs_url),
        ]
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": XMLSEC1,
                "key_file": str(key_file),
                "cert_file": str(cert_file),
                "metadata": {"inline": metadata},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (self.sso_url, BINDING_HTTP_REDIRECT),
                                (self.sso_url, BINDING_HTTP_POST),
                            ]
                        },
                        "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": None}},
                        "name_id_format": ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
                    }
                },
                "allow_unknown_attributes": True,
            }
        )
        return Server(config=config)

    def server(self, *, intruder: bool = False):
        name = "intruder" if intruder else "idp"
        if name not in self._servers:
            keys = (self.other_key_file, self.other_cert_file) if intruder else (self.key_file, self.cert_file)
            self._servers[name] = self._server(*keys)
        return self._servers[name]

    def settings_app(self, client_id: str = "city-adfs", name: str = "Stadens konto (ADFS)") -> dict:
        """Språng's provider settings for this identity provider, as SPRANG_STAFF_SAML_* give them."""
        return {
            "name": name,
            "provider_id": "saml",
            "client_id": client_id,
            "settings": {
                "attribute_mapping": ATTRIBUTE_MAPPING,
                "idp": {"entity_id": self.entity_id, "sso_url": self.sso_url, "x509cert": self.certificate},
                "sp": {"entity_id": self.sp_entity_id},
                "advanced": {
                    "want_assertion_signed": True,
                    "want_message_signed": True,
                    "reject_idp_initiated_sso": True,
                },
            },
        }

    def respond(
        self,
        saml_request: str,
        relay_state: str = "",
        *,
        intruder: bool = False,
        audience: str | None = None,
        issued_ago: timedelta | None = None,
    ) -> dict[str, str]:
        """The form fields (``SAMLResponse``, ``RelayState``) of a signed response to an authentication request."""
        from saml2 import BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

        server = self.server(intruder=intruder)
        request = server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        make = lambda: server.create_authn_response(  # noqa: E731
            identity=self.identity,
            in_response_to=request.id,
            destination=self.acs_url,
            sp_entity_id=audience or self.sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=self.name_id),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_response=True,
            sign_assertion=True,
            sign_alg=SIGN_ALG,
            digest_alg=DIGEST_ALG,
        )
        if issued_ago is not None:
            from freezegun import freeze_time

            with freeze_time(datetime.now(UTC) - issued_ago):
                response = make()
        else:
            response = make()
        import base64

        fields = {"SAMLResponse": base64.b64encode(str(response).encode()).decode(), "RelayState": relay_state}
        self.sent.append(fields)
        return fields

    # -- over HTTP, for the browser ---------------------------------------------------------------------------
    def wsgi(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/sso" and environ["REQUEST_METHOD"] == "GET":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            saml_request, relay = query.get("SAMLRequest", [""])[0], query.get("RelayState", [""])[0]
            name = " ".join(self.identity.get(GIVEN_NAME, []) + self.identity.get(SURNAME, []))
            body = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Stadens inloggning</title></head>
<body><main><h1>Stadens inloggning (ADFS)</h1>
<form method="post" action="/sso/continue">
<input type="hidden" name="SAMLRequest" value="{html.escape(saml_request)}">
<input type="hidden" name="RelayState" value="{html.escape(relay)}">
<p>Du loggar in som {html.escape(name)}.</p>
<button type="submit">Fortsätt</button></form></main></body></html>"""
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [body.encode()]
        if path == "/sso/continue" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            posted = parse_qs(environ["wsgi.input"].read(size).decode())
            fields = self.respond(posted["SAMLRequest"][0], posted.get("RelayState", [""])[0])
            inputs = "".join(
                f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items() if v
            )
            body = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Skickar vidare</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="{html.escape(self.acs_url)}">{inputs}
<noscript><button type="submit">Fortsätt</button></noscript></form></body></html>"""
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [body.encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def identity_provider(sp_base_url: str, client_id: str = "city-adfs") -> Iterator[IdentityProvider]:
    """The provider serving over HTTP on a free port, for Språng at ``sp_base_url``."""
    server: WSGIServer = make_server("127.0.0.1", 0, lambda e, s: app(e, s), handler_class=_Quiet)
    base = f"http://127.0.0.1:{server.server_port}"
    sp_base = sp_base_url.rstrip("/")
    with tempfile.TemporaryDirectory() as folder:
        provider = IdentityProvider(
            base_url=base,
            sp_entity_id=f"{sp_base}/account/saml/{client_id}/metadata/",
            acs_url=f"{sp_base}/account/saml/{client_id}/acs/",
            folder=Path(folder),
        )
        app = provider.wsgi
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield provider
        finally:
            server.shutdown()
            server.server_close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
