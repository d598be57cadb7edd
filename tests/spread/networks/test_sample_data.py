"""The networks of the demo city, built on a small demo."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from organisation.models import PersonKind, User
from sample_data.demo import DemoBuilder
from sample_data.demo import spread_networks as demo_networks
from spread.models import Network, NetworkKind, Post
from spread.networks import access

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.mark.django_db
def test_the_demo_has_the_coaches_network_with_a_discussion_a_sector_network_and_a_partner(client):
    demo = DemoBuilder(ideas=0, governance_years=1, now=NOW)
    from sample_data.demo import organisation

    organisation.build(demo)
    demo_networks.build(demo)
    coaches = Network.objects.get(kind=NetworkKind.COACHES)
    assert Post.objects.filter(network=coaches, parent=None).count() >= 5
    assert Post.objects.filter(network=coaches, mentions__isnull=False).exists()
    assert Network.objects.filter(kind=NetworkKind.SECTOR).exists()
    partner = User.objects.get(email=demo_networks.PARTNER_EMAIL)
    assert partner.kind == PersonKind.PARTNER
    region = Network.objects.get(kind=NetworkKind.OPEN)
    assert access.is_member(partner, region)
    client.force_login(partner)
    assert client.get(f"/spread/networks/{region.pk}/").status_code == 200
    assert client.get(f"/spread/networks/{coaches.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_city_scale_networks_are_40_with_posts_in_each_and_partners_kept_to_theirs():
    from sample_data.scale import CITY, ScaleBuilder
    from sample_data.scale import organisation as scale_organisation
    from sample_data.scale import spread_networks as scale_networks

    builder = ScaleBuilder(factor=0.002, seed=7)
    scale_organisation.build(builder)
    scale_networks.build(builder)
    assert Network.objects.count() == scale_networks.NETWORKS
    expected = max(200, round(scale_networks.POSTS * builder.sizes.comments / CITY.comments))
    assert Post.objects.count() == expected
    assert not Network.objects.filter(posts=None).exists()
    replies = Post.objects.filter(parent__isnull=False).select_related("parent")
    assert all(r.parent.network_id == r.network_id and r.created_at >= r.parent.created_at for r in replies)
    partner = User.objects.filter(kind=PersonKind.PARTNER).first()
    assert partner is not None
    assert {m.network.kind for m in partner.memberships.select_related("network")} == {NetworkKind.OPEN}
    assert scale_networks.counts()["network posts"] == expected


@pytest.mark.django_db
def test_the_files_the_demo_discussions_point_to_are_in_their_networks(client):
    from sample_data.demo import organisation
    from spread.models import NetworkFile

    demo = DemoBuilder(ideas=0, governance_years=1, now=NOW)
    organisation.build(demo)
    demo_networks.build(demo)
    pointing = Post.objects.filter(body__contains="under Filer").select_related("network", "parent")
    assert pointing.count() == 2
    for post in pointing:
        files = NetworkFile.objects.filter(network=post.network)
        assert files.exists(), post.body
        assert all(f.created_at > post.parent.created_at for f in files)
    coaches = Network.objects.get(kind=NetworkKind.COACHES)
    template = NetworkFile.objects.get(network=coaches)
    assert template.created_at < pointing.get(network=coaches).created_at  # there before "it is under Filer"
    assert template.original_name == "Mall för riskanalys.txt" and template.content_type == "text/plain"
    client.force_login(template.uploaded_by)
    listing = client.get(f"/spread/networks/{coaches.pk}/files/")
    assert "Mall för riskanalys.txt" in listing.content.decode()
    download = client.get(f"/spread/networks/{coaches.pk}/files/{template.pk}/")
    assert download.status_code == 200
    assert b"riskanalys" in b"".join(download.streaming_content)
