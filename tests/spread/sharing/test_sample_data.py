"""The demo's examples from another city come in through the import, as external and internal ones."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from sample_data.demo import spread_sharing
from spread.models import Example, ExampleVisibility


def test_the_demo_imports_a_neighbouring_citys_examples(people):
    said: list[str] = []
    demo = SimpleNamespace(
        now=timezone.now(), cast=SimpleNamespace(executive_office=people["director"]), out=said.append
    )
    spread_sharing.build(demo)
    imported = Example.objects.exclude(source_url="")
    assert imported.count() == len(spread_sharing.EXAMPLES)
    assert {e.visibility for e in imported} == {ExampleVisibility.INTERNAL}
    assert {e.source_name for e in imported} == {"Goda exempel från Göteborgs Stad"}
    assert said == ["Good examples imported from another city: 2"]
