"""An address with a NUL byte is answered 404, also where a library's view would look it up in the database
(PostgreSQL keeps no NUL in text)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/account/saml/%00/login/", "/account/oidc/%00/login/", "/ideas/%00/"])
def test_an_address_with_a_nul_byte_is_not_found(client, db, path):
    assert client.get(path).status_code == 404
