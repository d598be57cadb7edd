import pytest

from challenges.models import NeedDecision, NeedDecisionKind, NeedOrigin, NeedStatus, Route
from challenges.needs import services
from core.errors import ConflictError, DomainError, PermissionDeniedError
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


def test_a_manager_writes_a_need_for_their_unit_as_a_draft(people, need):
    assert need.status == NeedStatus.DRAFT
    assert need.unit == people["manager"].unit
    assert "bygglov" in need.search_stems


@pytest.mark.parametrize("who", ["employee", "resident", "supplier"])
def test_only_managers_coaches_and_offices_write_needs(people, who):
    with pytest.raises(PermissionDeniedError):
        write_need(people[who], unit=people["manager"].unit)


def test_a_need_is_written_only_for_a_unit_one_leads(people, tree):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], unit=tree["SDF-S"])
    assert refused.value.field == "unit"


@pytest.mark.parametrize("field", ["title", "who_has_it", "how_it_shows", "good_outcome"])
def test_a_missing_text_is_named(people, field):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], **{field: "  "})
    assert refused.value.field == field


def test_a_need_from_an_idea_names_the_idea(people):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], origin=NeedOrigin.IDEA)
    assert refused.value.field == "idea"


def test_the_office_returns_a_need_with_a_comment_and_it_is_sent_again(people, need):
    manager, office = people["manager"], people["office"]
    services.need_submit(need=need, by=manager, expected_version=need.version)
    with pytest.raises(DomainError) as refused:
        services.need_validate(need=need, by=office, expected_version=need.version, valid=False)
    assert refused.value.field == "comment"
    services.need_validate(need=need, by=office, expected_version=need.version, valid=False, comment="Fler siffror.")
    assert need.status == NeedStatus.RETURNED
    services.need_update(
        need=need,
        by=manager,
        expected_version=need.version,
        title=need.title,
        who_has_it=need.who_has_it,
        how_it_shows="Handläggningstiden är 14 veckor (mätning 2026).",
        good_outcome=need.good_outcome,
        cost_today="",
        constraints="",
    )
    services.need_submit(need=need, by=manager, expected_version=need.version)
    services.need_validate(need=need, by=office, expected_version=need.version, valid=True)
    need.refresh_from_db()
    assert need.status == NeedStatus.VALIDATED
    assert list(need.decisions.values_list("kind", "rationale")) == [
        (NeedDecisionKind.SUBMITTED, ""),
        (NeedDecisionKind.RETURNED, "Fler siffror."),
        (NeedDecisionKind.SUBMITTED, ""),
        (NeedDecisionKind.VALIDATED, ""),
    ]


def test_routing_a_waiting_need_validates_it_and_records_why(people):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    assert (need.status, need.route) == (NeedStatus.ROUTED, Route.OPENLAB)
    assert list(NeedDecision.objects.filter(need=need).values_list("kind", flat=True)) == [
        NeedDecisionKind.SUBMITTED,
        NeedDecisionKind.VALIDATED,
        NeedDecisionKind.ROUTED,
    ]


def test_only_the_office_of_the_unit_or_above_decides(people, need):
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    for who in ("manager", "coach", "other_office"):
        with pytest.raises(PermissionDeniedError):
            services.need_validate(need=need, by=people[who], expected_version=need.version, valid=True)
    services.need_validate(need=need, by=people["director"], expected_version=need.version, valid=True)


def test_two_deciding_at_once_the_second_is_refused(people, need):
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    seen = need.version
    services.need_validate(need=need, by=people["office"], expected_version=seen, valid=True)
    with pytest.raises((ConflictError, PermissionDeniedError)):
        services.need_validate(need=need, by=people["director"], expected_version=seen, valid=True)
    assert need.decisions.filter(kind=NeedDecisionKind.VALIDATED).count() == 1


# --- links, files, the lock, the same need, following, notifications ---------------------------------------


def test_links_are_kept_and_a_half_row_is_named(people):
    need = write_need(people["manager"], links=[{"url": "https://start.stockholm/enkat", "title": "Enkät 2025"}])
    assert list(need.links.values_list("url", "title")) == [("https://start.stockholm/enkat", "Enkät 2025")]
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], links=[("", ""), ("https://example.org/", "")])
    assert refused.value.field == "link_title_2"
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], links=[("javascript:alert(1)", "Rapport")])
    assert refused.value.field == "link_url_1"


def test_a_file_is_checked_as_every_upload(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile("klagomal.txt", "230 klagomål 2025".encode(), content_type="text/plain")
    need = write_need(people["manager"], attachments=[good])
    assert need.files.get().original_name == "klagomal.txt"
    bad = SimpleUploadedFile("sida.html", b"<script>alert(1)</script>", content_type="text/html")
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], attachments=[bad])
    assert refused.value.field == "attachments"


def test_editing_replaces_links_and_removes_files(people, need):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.need_update(
        need=need,
        by=people["manager"],
        expected_version=need.version,
        links=[("https://start.stockholm/a", "A")],
        attachments=[SimpleUploadedFile("a.txt", b"siffror", content_type="text/plain")],
        title=need.title,
        who_has_it=need.who_has_it,
        how_it_shows=need.how_it_shows,
        good_outcome=need.good_outcome,
    )
    services.need_update(
        need=need,
        by=people["manager"],
        expected_version=need.version,
        links=[("https://start.stockholm/b", "B")],
        remove_files=list(need.files.all()),
        title=need.title,
        who_has_it=need.who_has_it,
        how_it_shows=need.how_it_shows,
        good_outcome=need.good_outcome,
    )
    assert list(need.links.values_list("title", flat=True)) == ["B"]
    assert not need.files.exists()


def test_an_old_version_is_refused_and_nothing_is_written(people, need):
    with pytest.raises(ConflictError):
        services.need_update(
            need=need,
            by=people["manager"],
            expected_version=need.version + 1,
            title="Annat",
            who_has_it="x",
            how_it_shows="x",
            good_outcome="x",
        )
    need.refresh_from_db()
    assert need.title == "Långa köer till bygglov"


def test_solving_it_in_the_lock_makes_an_idea_from_the_need(people):
    from ideas.models import Stage

    manager, office = people["manager"], people["office"]
    need = write_need(manager)
    services.need_submit(need=need, by=manager, expected_version=need.version)
    with pytest.raises(DomainError) as refused:
        services.need_route(
            need=need, by=office, expected_version=need.version, route=Route.LOCK, rationale="Enkelt att lösa själva."
        )
    assert refused.value.field == "idea_kind"
    with pytest.raises(DomainError) as refused:
        services.need_route(
            need=need,
            by=office,
            expected_version=need.version,
            route=Route.LOCK,
            rationale="Enkelt att lösa själva.",
            idea_kind="process",
        )
    assert refused.value.field == "idea_values"
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED
    services.need_route(
        need=need,
        by=office,
        expected_version=need.version,
        route=Route.LOCK,
        rationale="Enkelt att lösa själva.",
        idea_kind="process",
        idea_values=["economic"],
    )
    need.refresh_from_db()
    idea = need.routed_idea
    assert idea is not None
    assert (idea.author, idea.unit, idea.title, idea.stage) == (manager, need.unit, need.title, Stage.IDEA)
    assert idea.problem == need.how_it_shows
    assert idea.source == "feedback"  # seen in complaints


def test_a_route_needs_a_rationale_and_a_known_route(people, need):
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    for route, rationale, field in (("nowhere", "Varför", "route"), (Route.OPENLAB, " ", "rationale")):
        with pytest.raises(DomainError) as refused:
            services.need_route(
                need=need, by=people["office"], expected_version=need.version, route=route, rationale=rationale
            )
        assert refused.value.field == field


def test_the_same_need_is_counted_once_per_unit_and_never_for_the_needs_own_unit(people, tree):
    from organisation.models import Role
    from tests import factories

    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER, name="Sara Södra")
    need = routed_need(writer=people["manager"], office=people["office"])
    same = services.same_need_report(need=need, by=south, unit=tree["SDF-S"], note="Samma köer hos oss.")
    assert (same.unit, need.same_need_count) == (tree["SDF-S"], 1)
    assert need.follows.filter(user=south).exists()
    with pytest.raises(DomainError) as refused:
        services.same_need_report(need=need, by=south, unit=tree["SDF-S"])
    assert refused.value.field == "unit"
    with pytest.raises(DomainError) as refused:
        services.same_need_report(need=need, by=south, unit=tree["SDF-N"])
    assert refused.value.field == "unit"
    with pytest.raises(PermissionDeniedError):
        services.same_need_report(need=need, by=people["manager"], unit=tree["SDF-N"])
    from challenges.models import Need

    assert Need.objects.get(pk=need.pk).same_need_count == 1


def test_a_draft_has_no_same_need(people, need, tree):
    from organisation.models import Role
    from tests import factories

    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER)
    with pytest.raises(PermissionDeniedError):
        services.same_need_report(need=need, by=south, unit=tree["SDF-S"])


def test_the_office_is_told_when_a_need_is_sent_and_followers_when_it_is_decided(people, need):
    from core.models import Notification

    manager, office = people["manager"], people["office"]
    services.need_follow(need=need, by=people["coach"])
    services.need_submit(need=need, by=manager, expected_version=need.version)
    assert Notification.objects.filter(recipient=office, url=need.get_absolute_url()).exists()
    assert Notification.objects.filter(recipient=people["director"], url=need.get_absolute_url()).exists()
    assert not Notification.objects.filter(recipient=people["other_office"]).exists()
    services.need_validate(need=need, by=office, expected_version=need.version, valid=False, comment="Siffror?")
    for person in (manager, people["coach"]):
        # Neither heard of the sending (the writer sent it; the coach is not the office), only of the decision.
        assert Notification.objects.filter(recipient=person, url=need.get_absolute_url()).count() == 1


def test_following_twice_is_following_once_and_unfollowing_stops_it(people, need):
    services.need_follow(need=need, by=people["manager"])
    assert need.follows.filter(user=people["manager"]).count() == 1
    services.need_unfollow(need=need, by=people["manager"])
    assert not need.follows.filter(user=people["manager"]).exists()
    with pytest.raises(PermissionDeniedError):
        services.need_follow(need=need, by=people["employee"])  # a draft: not theirs to read
