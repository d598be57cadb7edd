from ideas.lock import Stage
from tests import factories


def test_submit_and_move(people, client):
    idea = factories.idea(author=people["employee"])
    assert idea.stage == Stage.IDEA
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    client.force_login(people["employee"])
    for url in ("/", "/ideas/", f"/ideas/{idea.pk}/", "/ideas/new/", "/notifications/"):
        assert client.get(url).status_code == 200, url
    client.force_login(people["office"])
    for url in (
        "/ideas/triage/",
        "/ideas/pipeline/",
        "/ideas/pipeline/?view=table",
        f"/ideas/{idea.pk}/decide/?to=pilot",
    ):
        assert client.get(url).status_code == 200, url
