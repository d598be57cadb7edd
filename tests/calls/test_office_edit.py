"""The office changes a call after creating it, also once published, and takes jurors, criteria and classes out.

What those who already took part rely on stays: the views show it frozen, the services refuse it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from calls import services
from calls.models import Application, Assignment, Call, Category, Criterion, Juror, Programme, Score
from core.errors import ConflictError, DomainError
from core.models import Notification
from tests.calls.conftest import CLOSES, DURING, OPENS
from tests.sessions import sign_in_and_let_the_session_end

STHLM = ZoneInfo("Europe/Stockholm")

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """The pages in English, so the assertions read the texts as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def office(client, people):
    client.force_login(people["director"])
    return client


def in_a_while(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def edit_data(call: Call, **changes) -> dict:
    """The edit form as a browser sends it with the call's values, changed by ``changes``."""
    call.refresh_from_db()
    opens, closes = (timezone.localtime(m, STHLM) for m in (call.opens_at, call.closes_at))
    data = {
        "version": str(call.version),
        "programme": call.programme,
        "title": call.title,
        "summary": call.summary,
        "description": call.description,
        "year": str(call.year),
        "opens_on": opens.date().isoformat(),
        "opens_time": opens.strftime("%H:%M"),
        "closes_on": closes.date().isoformat(),
        "closes_time": closes.strftime("%H:%M"),
        "budget": "" if call.budget is None else str(call.budget),
        "scale_min": str(call.scale_min),
        "scale_max": str(call.scale_max),
        "min_age": "" if call.min_age is None else str(call.min_age),
        "no_city_employment_months": ""
        if call.no_city_employment_months is None
        else str(call.no_city_employment_months),
        "min_staff": "" if call.min_staff is None else str(call.min_staff),
    }
    if call.blind_review:
        data["blind_review"] = "on"
    if call.exclude_last_year_winners:
        data["exclude_last_year_winners"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_url(call: Call) -> str:
    return f"/calls/{call.pk}/manage/edit/"


def draft_scores(application, juror) -> None:
    assignment = Assignment.objects.get(application=application, juror=juror)
    services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (3, "Ett utkast") for c in application.call.criteria.all()},
    )


def submit_scores(application, juror) -> None:
    assignment = Assignment.objects.get(application=application, juror=juror)
    services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (4, "Motiverat") for c in application.call.criteria.all()},
        submit=True,
    )


def errors_of(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


# --- changing the call ---


def test_the_edit_page_shows_the_call_with_its_moments_in_stockholm_time(office, fund):
    html = office.get(f"/calls/{fund.pk}/manage/").content.decode()
    assert f'href="/calls/{fund.pk}/manage/edit/"' in html
    assert "Change the call" in html
    response = office.get(edit_url(fund))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["closes_on"].value().isoformat() == "2026-04-30"
    assert form["closes_time"].value().strftime("%H:%M") == "23:59"
    assert form["opens_time"].value().strftime("%H:%M") == "09:00"
    assert form["version"].value() == fund.version
    html = response.content.decode()
    assert 'value="Innovationsfonden 2026"' in html
    assert 'name="version" value="1"' in html
    assert 'value="2000000"' in html
    assert "Save the changes" in html
    assert not form.frozen  # nobody has applied yet


def test_the_office_changes_a_published_calls_title_and_deadline(office, fund):
    assert fund.published
    deadline = in_a_while(60)
    response = office.post(
        edit_url(fund), edit_data(fund, title="Innovationsfonden 2026, andra omgången", closes_on=deadline)
    )
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{fund.pk}/manage/"
    fund.refresh_from_db()
    assert fund.title == "Innovationsfonden 2026, andra omgången"
    assert timezone.localtime(fund.closes_at, STHLM) == datetime.fromisoformat(f"{deadline}T23:59").replace(
        tzinfo=STHLM
    )
    assert fund.opens_at == OPENS
    assert fund.version == 2
    assert fund.budget == Decimal(2_000_000)  # what was not changed stays
    page = office.get(response["Location"]).content.decode()
    assert "The changes to “Innovationsfonden 2026, andra omgången” are saved." in page
    assert "Applicants with a draft are told of the new deadline." in page


def test_saving_an_unchanged_form_changes_nothing(office, fund):
    response = office.post(edit_url(fund), edit_data(fund), follow=True)
    assert "Nothing was changed" in response.content.decode()
    fund.refresh_from_db()
    assert fund.version == 1


def test_a_deadline_with_seconds_is_kept_when_the_form_shows_it_unchanged(office, people, fund):
    """The form has minutes; a deadline saved as 23:59:59 does not move to 23:59 when the title changes."""
    Call.objects.filter(pk=fund.pk).update(closes_at=CLOSES.replace(second=59))
    services.application_start(call=fund, applicant=people["colleague"], now=DURING)
    assert office.post(edit_url(fund), edit_data(fund, title="Ny titel")).status_code == 302
    fund.refresh_from_db()
    assert fund.closes_at == CLOSES.replace(second=59)
    assert not Notification.objects.filter(recipient=people["colleague"]).exists()


def test_a_deadline_moved_into_the_past_on_a_published_call_is_refused_at_the_field(office, fund):
    response = office.post(
        edit_url(fund), edit_data(fund, title="Skrivet men inte sparat", closes_on=in_a_while(-1), closes_time="12:00")
    )
    assert response.status_code == 200
    assert errors_of(response, "closes_on") == [
        "A published call's deadline can only be moved to a moment still to come."
    ]
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'value="Skrivet men inte sparat"' in html  # the input is kept
    fund.refresh_from_db()
    assert (fund.title, fund.closes_at, fund.version) == ("Innovationsfonden 2026", CLOSES, 1)


def test_an_unpublished_call_may_close_in_the_past_but_not_before_it_opens(office, people):
    call = services.call_create(
        by=people["director"],
        programme=Programme.FUND,
        title="Utkast",
        summary="En rad.",
        description="Text.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    response = office.post(edit_url(call), edit_data(call, closes_on="2026-02-01"))
    assert errors_of(response, "closes_on") == ["The call must close after it opens."]
    assert office.post(edit_url(call), edit_data(call, closes_on="2026-03-31")).status_code == 302
    call.refresh_from_db()
    assert timezone.localtime(call.closes_at, STHLM).date().isoformat() == "2026-03-31"


def test_the_forms_own_checks_name_the_field(office, fund):
    assert errors_of(office.post(edit_url(fund), edit_data(fund, title="")), "title")
    response = office.post(edit_url(fund), edit_data(fund, scale_min="5", scale_max="3"))
    assert errors_of(response, "scale_max") == ["The highest score must be above the lowest."]
    response = office.post(edit_url(fund), edit_data(fund, budget="-5"))
    assert errors_of(response, "budget")
    fund.refresh_from_db()
    assert (fund.title, fund.scale_max, fund.version) == ("Innovationsfonden 2026", 5, 1)


def test_eligibility_rules_are_frozen_once_an_application_is_submitted(office, stipend, people, fund_application):
    call = fund_application.call
    response = office.get(edit_url(call))
    form = response.context["form"]
    for name in services.RULE_FIELDS:
        assert form.fields[name].disabled, name
    html = response.content.decode()
    assert 'name="min_age"' in html and "disabled" in html.split('name="min_age"')[1].split(">")[0]
    assert "Applications have been submitted and checked against this rule, so it can no longer change." in html
    assert form.fields["programme"].disabled
    assert 'name="programme" type="radio" value="fund" checked disabled' in html
    assert not form.fields["title"].disabled
    # A browser does not send disabled fields: the other changes are saved and the rules stay.
    data = edit_data(call, title="Ändrad titel")
    for name in ("min_age", "no_city_employment_months", "min_staff", "programme"):
        del data[name]
    assert office.post(edit_url(call), data).status_code == 302
    call.refresh_from_db()
    assert (call.title, call.min_age, call.programme) == ("Ändrad titel", None, "fund")
    # A rule that arrives changed (frozen since the page was opened) is refused at its field, not dropped.
    response = office.post(edit_url(call), edit_data(call, min_age="18", title="Igen"))
    assert response.status_code == 200
    assert errors_of(response, "min_age") == [
        "Applications have been submitted and checked against this rule, so it can no longer change."
    ]
    call.refresh_from_db()
    assert (call.title, call.min_age) == ("Ändrad titel", None)


def test_blind_review_and_the_scale_are_frozen_once_the_jury_has_applications_and_scores(office, jurors, with_jury):
    call = with_jury.call
    form = office.get(edit_url(call)).context["form"]
    assert form.fields["blind_review"].disabled
    assert not form.fields["scale_min"].disabled
    draft_scores(with_jury, jurors["expert"])
    response = office.get(edit_url(call))
    form = response.context["form"]
    assert form.fields["scale_min"].disabled and form.fields["scale_max"].disabled
    assert "Jurors have started scoring, so the scale can no longer change." in response.content.decode()
    response = office.post(edit_url(call), edit_data(call, scale_max="10"))
    assert errors_of(response, "scale_max")
    call.refresh_from_db()
    assert call.scale_max == 5


def test_a_stale_version_gives_409_keeps_the_input_and_overwrites_nothing(office, people, fund):
    stale = edit_data(fund)
    other = Client()
    other.force_login(people["director"])
    assert other.post(edit_url(fund), edit_data(fund, title="Sparat av någon annan")).status_code == 302
    response = office.post(edit_url(fund), {**stale, "title": "Mitt förslag"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this call meanwhile. Nothing was overwritten" in html
    assert "govuk-error-summary" in html
    assert 'value="Mitt förslag"' in html  # what this person typed
    assert "Sparat av någon annan" in html  # beside what is saved now
    form = response.context["form"]
    assert form["version"].value() == "2"
    assert ("Title", "Sparat av någon annan") in response.context["saved_now"]
    fund.refresh_from_db()
    assert (fund.title, fund.version) == ("Sparat av någon annan", 2)
    # Saving again is this person's choice, and now goes through.
    assert office.post(edit_url(fund), {**stale, "title": "Mitt förslag", "version": "2"}).status_code == 302
    fund.refresh_from_db()
    assert (fund.title, fund.version) == ("Mitt förslag", 3)


def test_the_deadline_moving_is_told_to_applicants_with_a_draft(office, people, fund, fund_application):
    draft = services.application_start(call=fund, applicant=people["colleague"], now=DURING)
    assert office.post(edit_url(fund), edit_data(fund, closes_on=in_a_while(30))).status_code == 302
    [note] = Notification.objects.filter(recipient=people["colleague"])
    assert "Innovationsfonden 2026" in note.message
    assert note.url == fund.get_absolute_url()
    assert draft.applicant == people["colleague"]
    # Not the applicant who has submitted, nor the office that moved it.
    assert not Notification.objects.filter(recipient=people["director"], message__contains="2026”").exists()
    assert not Notification.objects.filter(recipient=people["employee"], url=fund.get_absolute_url()).exists()


def test_changes_made_after_the_session_ended_are_kept_through_signing_in(client, people, fund):
    sign_in_and_let_the_session_end(client, people["director"], edit_url(fund))
    response = client.post(edit_url(fund), edit_data(fund, title="Skrivet innan utloggningen"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    client.force_login(people["director"])
    assert 'value="Skrivet innan utloggningen"' in client.get(edit_url(fund)).content.decode()
    fund.refresh_from_db()
    assert fund.title == "Innovationsfonden 2026"


# --- who may ---


def office_pages(call: Call, juror, criterion: Criterion, category: Category) -> list[str]:
    return [
        edit_url(call),
        f"/calls/{call.pk}/manage/jurors/{juror.pk}/remove/",
        f"/calls/{call.pk}/manage/criteria/{criterion.pk}/remove/",
        f"/calls/{call.pk}/manage/classes/{category.pk}/remove/",
    ]


@pytest.mark.parametrize("who", ["office", "employee", "resident"])
def test_people_other_than_the_citys_innovation_office_get_403(client, people, jurors, fund, who):
    category = services.category_add(call=fund, by=people["director"], name="Vård")
    criterion = fund.criteria.first()
    client.force_login(people[who])
    for url in office_pages(fund, jurors["expert"], criterion, category):
        assert client.get(url).status_code == 403, url
        assert client.post(url, edit_data(fund, title="X")).status_code == 403, url
    fund.refresh_from_db()
    assert fund.title == "Innovationsfonden 2026"
    assert fund.jurors.count() == 3 and fund.criteria.count() == 2 and fund.categories.count() == 1


def test_a_juror_gets_403_too_and_signed_out_visitors_sign_in(client, people, jurors, fund):
    category = services.category_add(call=fund, by=people["director"], name="Vård")
    pages = office_pages(fund, jurors["expert"], fund.criteria.first(), category)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    client.force_login(jurors["chair"])
    for url in pages:
        assert client.get(url).status_code == 403, url


def test_what_belongs_to_another_call_does_not_exist_here(office, people, jurors, fund, stipend):
    category = services.category_add(call=stipend, by=people["director"], name="Unga")
    criterion = stipend.criteria.first()
    for url in (
        f"/calls/{fund.pk}/manage/criteria/{criterion.pk}/remove/",
        f"/calls/{fund.pk}/manage/classes/{category.pk}/remove/",
        f"/calls/{stipend.pk}/manage/jurors/{jurors['expert'].pk}/remove/",  # not on the stipend's jury
        "/calls/999999/manage/edit/",
    ):
        assert office.get(url).status_code == 404, url
        assert office.post(url).status_code == 404, url
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    assert Category.objects.filter(pk=category.pk).exists()


# --- taking a juror off the jury ---


def test_removing_a_juror_after_confirming_takes_their_unscored_work_and_tells_them(office, people, jurors, with_jury):
    call, expert = with_jury.call, jurors["expert"]
    draft_scores(with_jury, expert)
    html = office.get(f"/calls/{call.pk}/manage/").content.decode()
    assert f'href="/calls/{call.pk}/manage/jurors/{expert.pk}/remove/"' in html
    assert 'Remove<span class="govuk-visually-hidden"> Erik Expert from the jury</span>' in html
    url = f"/calls/{call.pk}/manage/jurors/{expert.pk}/remove/"
    page = office.get(url).content.decode()
    assert "Remove Erik Expert from the jury?" in page
    assert "Erik Expert has 1 application to score without submitted scores." in page
    assert "saved on it as a draft are deleted" in page
    assert "govuk-warning-text" in page
    assert "govuk-button--warning" in page and "Remove from the jury" in page
    assert f'href="/calls/{call.pk}/manage/#jury"' in page  # Cancel
    assert Juror.objects.filter(call=call, user=expert).exists()  # asking does not remove
    response = office.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{call.pk}/manage/#jury"
    assert not Juror.objects.filter(call=call, user=expert).exists()
    assert not Assignment.objects.filter(juror=expert).exists()
    assert not Score.objects.exists()
    assert Assignment.objects.filter(juror=jurors["chair"]).exists()  # the others keep theirs
    assert "Erik Expert is no longer on the jury." in office.get(response["Location"]).content.decode()
    [note] = Notification.objects.filter(recipient=expert)
    assert "Innovationsfonden 2026" in note.message
    assert note.url == "/calls/jury/"


def test_the_chairs_removal_says_the_jury_will_have_no_chair(office, jurors, fund):
    page = office.get(f"/calls/{fund.pk}/manage/jurors/{jurors['chair'].pk}/remove/").content.decode()
    assert "Carl Chair chairs the jury." in page
    assert "Carl Chair has no applications to score." in page


def test_a_juror_who_has_submitted_scores_stays_on_the_jury(office, jurors, with_jury):
    call, expert = with_jury.call, jurors["expert"]
    submit_scores(with_jury, expert)
    html = office.get(f"/calls/{call.pk}/manage/").content.decode()
    assert f"/manage/jurors/{expert.pk}/remove/" not in html
    assert f"/manage/jurors/{jurors['chair'].pk}/remove/" in html  # the chair has not scored
    url = f"/calls/{call.pk}/manage/jurors/{expert.pk}/remove/"
    page = office.get(url).content.decode()
    assert "Erik Expert has submitted scores on 1 application." in page
    assert "Remove from the jury" not in page
    response = office.post(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Erik Expert has submitted scores on 1 application" in page
    assert "they are part of the ranking and the public record" in page
    assert Juror.objects.filter(call=call, user=expert).exists()
    assert Assignment.objects.filter(juror=expert).exists()


# --- criteria and classes ---


def test_a_criterion_is_removed_after_confirming_while_nobody_has_scored(office, fund):
    criterion = fund.criteria.get(name="Genomförbarhet")
    url = f"/calls/{fund.pk}/manage/criteria/{criterion.pk}/remove/"
    assert f'href="{url}"' in office.get(f"/calls/{fund.pk}/manage/").content.decode()
    page = office.get(url).content.decode()
    assert "Remove the criterion “Genomförbarhet”?" in page
    assert "Remove the criterion" in page and "govuk-button--warning" in page
    response = office.post(url)
    assert response["Location"] == f"/calls/{fund.pk}/manage/#criteria"
    assert list(fund.criteria.values_list("name", flat=True)) == ["Nytta för stockholmarna"]
    assert "The criterion “Genomförbarhet” is removed." in office.get(response["Location"]).content.decode()
    # A published call keeps at least one criterion: no link, and the page says why.
    last = fund.criteria.get()
    url = f"/calls/{fund.pk}/manage/criteria/{last.pk}/remove/"
    assert f'href="{url}"' not in office.get(f"/calls/{fund.pk}/manage/").content.decode()
    assert "A published call needs at least one criterion" in office.get(url).content.decode()
    response = office.post(url)
    assert response.status_code == 200
    assert "A published call needs at least one criterion" in response.content.decode()
    assert fund.criteria.filter(pk=last.pk).exists()


def test_a_criterion_stays_once_a_juror_has_saved_a_score(office, jurors, with_jury):
    call = with_jury.call
    draft_scores(with_jury, jurors["expert"])
    criterion = call.criteria.first()
    url = f"/calls/{call.pk}/manage/criteria/{criterion.pk}/remove/"
    assert "/manage/criteria/" not in office.get(f"/calls/{call.pk}/manage/").content.decode()
    assert "Remove the criterion</button>" not in office.get(url).content.decode()
    response = office.post(url)
    assert response.status_code == 200
    assert "Jurors have started scoring; the rubric can no longer change." in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_a_class_is_removed_while_no_application_has_chosen_it(office, people, fund, fund_application):
    kept = services.category_add(call=fund, by=people["director"], name="Vård och omsorg")
    gone = services.category_add(call=fund, by=people["director"], name="Skola")
    Application.objects.filter(pk=fund_application.pk).update(category=kept)
    html = office.get(f"/calls/{fund.pk}/manage/").content.decode()
    assert f"/manage/classes/{gone.pk}/remove/" in html
    assert f"/manage/classes/{kept.pk}/remove/" not in html
    assert (
        "Remove the class “Skola”?" in office.get(f"/calls/{fund.pk}/manage/classes/{gone.pk}/remove/").content.decode()
    )
    response = office.post(f"/calls/{fund.pk}/manage/classes/{gone.pk}/remove/")
    assert response["Location"] == f"/calls/{fund.pk}/manage/#classes"
    assert not Category.objects.filter(pk=gone.pk).exists()
    url = f"/calls/{fund.pk}/manage/classes/{kept.pk}/remove/"
    assert "1 application has chosen this class, so it stays." in office.get(url).content.decode()
    response = office.post(url)
    assert response.status_code == 200
    assert "Applications have chosen the class “Vård och omsorg”; it can no longer be removed." in (
        response.content.decode()
    )
    assert Category.objects.filter(pk=kept.pk).exists()


def test_the_new_pages_render_in_swedish_too(people, jurors, fund):
    office = Client()
    office.force_login(people["director"])
    category = services.category_add(call=fund, by=people["director"], name="Vård")
    for url in office_pages(fund, jurors["expert"], fund.criteria.first(), category):
        response = office.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "sv"


# --- the service's rules ---


def test_call_update_refuses_a_stale_version_and_unknown_fields(people, fund):
    director = people["director"]
    services.call_update(call=fund, by=director, expected_version=1, title="Ett")
    with pytest.raises(ConflictError):
        services.call_update(call=fund, by=director, expected_version=1, title="Två")
    with pytest.raises(DomainError):
        services.call_update(call=fund, by=director, expected_version=2, published=False)
    fund.refresh_from_db()
    assert (fund.title, fund.version, fund.published) == ("Ett", 2, True)


def test_call_update_is_for_the_citys_innovation_office(people, fund):
    with pytest.raises(DomainError) as refused:
        services.call_update(call=fund, by=people["office"], expected_version=1, title="X")
    assert refused.value.code == "forbidden"


def test_call_update_freezes_the_programme_once_someone_applies(people, fund):
    director = people["director"]
    services.call_update(call=fund, by=director, expected_version=1, programme=Programme.STIPEND)
    services.call_update(call=fund, by=director, expected_version=2, programme=Programme.FUND)
    services.application_start(call=fund, applicant=people["colleague"], now=DURING)
    with pytest.raises(DomainError) as refused:
        services.call_update(call=fund, by=director, expected_version=3, programme=Programme.STIPEND)
    assert refused.value.field == "programme"
    # The rules are not frozen by a draft, only by a submitted application.
    assert services.call_update(call=fund, by=director, expected_version=3, min_age=18).min_age == 18


def test_call_update_freezes_the_rules_once_an_application_is_submitted(people, fund_application):
    call = fund_application.call
    for name, value in (("min_age", 18), ("no_city_employment_months", 6), ("exclude_last_year_winners", True)):
        with pytest.raises(DomainError) as refused:
            services.call_update(call=call, by=people["director"], expected_version=call.version, **{name: value})
        assert refused.value.field == name
    # Unchanged values are not changes.
    services.call_update(call=call, by=people["director"], expected_version=call.version, min_age=None, title="Ny")


def test_call_update_freezes_blind_review_with_assignments_and_the_scale_with_scores(people, jurors, with_jury):
    call, director = with_jury.call, people["director"]
    with pytest.raises(DomainError) as refused:
        services.call_update(call=call, by=director, expected_version=1, blind_review=True)
    assert refused.value.field == "blind_review"
    call = services.call_update(call=call, by=director, expected_version=1, scale_max=7)
    draft_scores(with_jury, jurors["expert"])
    with pytest.raises(DomainError) as refused:
        services.call_update(call=call, by=director, expected_version=call.version, scale_max=10)
    assert refused.value.field == "scale_min"


def test_call_update_moves_a_published_deadline_only_forward_of_now(people, fund):
    director, now = people["director"], datetime(2026, 4, 20, 12, tzinfo=STHLM)
    with pytest.raises(DomainError) as refused:
        services.call_update(
            call=fund, by=director, expected_version=1, closes_at=datetime(2026, 4, 19, tzinfo=STHLM), now=now
        )
    assert refused.value.field == "closes_at"
    moved = services.call_update(
        call=fund, by=director, expected_version=1, closes_at=datetime(2026, 5, 15, tzinfo=STHLM), now=now
    )
    assert moved.closes_at == datetime(2026, 5, 15, tzinfo=STHLM)


def test_call_update_keeps_an_opened_call_open(people, fund):
    director, now = people["director"], DURING
    with pytest.raises(DomainError) as refused:
        services.call_update(
            call=fund, by=director, expected_version=1, opens_at=datetime(2026, 4, 2, 9, tzinfo=STHLM), now=now
        )
    assert refused.value.field == "opens_at"
    earlier = services.call_update(
        call=fund, by=director, expected_version=1, opens_at=datetime(2026, 2, 1, 9, tzinfo=STHLM), now=now
    )
    assert earlier.opens_at == datetime(2026, 2, 1, 9, tzinfo=STHLM)


def test_call_update_changes_only_the_texts_once_the_results_are_published(people, fund):
    director = people["director"]
    Call.objects.filter(pk=fund.pk).update(results_published_at=CLOSES + timedelta(days=30))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.call_update(call=fund, by=director, expected_version=1, budget=Decimal(5_000_000))
    assert refused.value.field == "budget"
    assert "only the title, the summary and the description" in refused.value.message
    renamed = services.call_update(call=fund, by=director, expected_version=1, title="Innovationsfonden 2026 (vår)")
    assert renamed.title == "Innovationsfonden 2026 (vår)"
    assert renamed.budget == Decimal(2_000_000)


def test_once_the_results_are_published_the_form_changes_only_the_texts(office, fund):
    Call.objects.filter(pk=fund.pk).update(results_published_at=CLOSES + timedelta(days=30))
    page = office.get(edit_url(fund)).content.decode()
    assert "The results are published, so only the title, the summary and the description can change." in page
    response = office.post(edit_url(fund), edit_data(fund, title="Innovationsfonden 2026 – beslutad"))
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.title == "Innovationsfonden 2026 – beslutad"
    assert fund.closes_at == CLOSES
