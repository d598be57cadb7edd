import json
from ideas.lock import Stage
from tests import factories
from organisation.services import api_token_create, api_token_revoke


def test_explore(people, client):
    idea = factories.idea(author=people["employee"])
    pub = factories.idea(author=people["employee"], visibility="public", title="Offentlig idé")
    r = client.get("/api/v1/ideas/")
    print(r.status_code, r.json())
    r = client.get("/api/v1/ideas/", HTTP_AUTHORIZATION="Bearer wrong")
    print("wrong", r.status_code, r.content[:300])
    tok, key = api_token_create(user=people["employee"], name="x")
    r = client.get("/api/v1/ideas/?limit=1", HTTP_AUTHORIZATION=f"Bearer {key}")
    print("tok", r.status_code, r.json()["count"])
    api_token_revoke(token=tok)
    r = client.get("/api/v1/ideas/", HTTP_AUTHORIZATION=f"Bearer {key}")
    print("revoked", r.status_code, r.content[:300])
    r = client.post("/api/v1/ideas/", {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    print("revoked post", r.status_code, r.content[:300])
    client.force_login(people["employee"])
    r = client.post("/api/v1/ideas/", {"title": ""}, content_type="application/json")
    print("post invalid", r.status_code, r.content[:600])
    r = client.get("/api/v1/units/?kind=unit")
    print(r.status_code, r.json())
    r = client.get("/api/v1/openapi.json")
    print(list(r.json()["paths"]))
