"""One small city, built once per module through the services: something behind every form page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls import services as calls
from calls.models import Programme
from governance import services as governance
from governance.models import Period
from ideas import services as ideas
from ideas.lock import Stage
from organisation.models import PersonKind, Role
from tests import factories


def _submitted(call, applicant, **fields):
    """An application written and sent by ``applicant``."""
    draft = calls.application_start(call=call, applicant=applicant)
    draft = calls.application_save(application=draft, by=applicant, expected_version=draft.version, **fields)
    return calls.application_submit(application=draft, by=applicant, expected_version=draft.version)


def _call(director, programme: str, title: str, now, **extra):
    call = calls.call_create(
        by=director,
        programme=programme,
        title=title,
        summary="Pengar till den som vill pröva något nytt.",
        description="Läs villkoren innan du ansöker.",
        year=now.year,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=30),
        **extra,
    )
    calls.criterion_add(call=call, by=director, name="Nytta för stockholmarna", weight="2")
    calls.criterion_add(call=call, by=director, name="Genomförbarhet", weight="1")
    return call


def _spread(p: dict, tree: dict, now) -> dict:
    """Something behind every id in the spread app's paths, built through its services: a good example with a
    file and an adoption, a public fair with a stand, registrations and a lead, two networks (one with a post, a
    file and an invitation) and a request for advice."""
    import re

    from django.core import mail
    from django.test import TestCase

    from spread.adoptions import services as adoptions
    from spread.advice import services as advice
    from spread.events import services as events
    from spread.examples import services as examples
    from spread.models import EventKind, NetworkKind
    from spread.networks import services as networks

    in_practice = factories.idea(author=p["employee"], title="Elcyklar i hemtjänsten")
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        in_practice = factories.move(in_practice, by=p["office"], to=stage).idea
    ideas.assessment_record(
        idea=in_practice,
        assessed_by=p["office"],
        novelty="city",
        value_evidence="Mätt under sex månader: färre bilresor.",
        value_figures="30 % färre bilmil",
        in_use=True,
        used_by="Hemtjänsten Norra",
    )
    example = examples.example_publish_from_idea(
        idea=in_practice,
        by=p["office"],
        title="Lånecyklar för hemtjänsten",
        problem="Personalen tar bil även korta sträckor.",
        what_was_done="Tio elcyklar som personalen lånar mellan besöken.",
        effect="Körsträckan med bil minskade med 30 procent.",
        kind="process",
        values=["economic", "environmental"],
        attachments=[SimpleUploadedFile("cykelschema.txt", "Vem har cykeln när.".encode(), content_type="text/plain")],
    )
    adoption = adoptions.adoption_start(
        example=example, unit=tree["SDF-S"], by=p["south_manager"], start_date=now.date(), changes="Färre cyklar."
    )
    starts = now + timedelta(days=30)
    fair = events.event_create(
        by=p["office"],
        kind=EventKind.FAIR,
        title="Goda exempelmässan",
        description="Enheter visar vad som fungerar.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        capacity=50,
        place="Stadshuset",
        is_public=True,
    )
    stand = events.exhibitor_apply(event=fair, example=example, by=p["employee"], message="Vi tar med en cykel.")
    stand = events.exhibitor_decide(exhibitor=stand, by=p["office"], accept=True)
    registration = events.registration_create(event=fair, by=p["colleague"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail.outbox = []
        visitor = events.registration_create(event=fair, by=None, name="Vera Besökare", email="vera@example.se")
    cancel_token = re.search(r"/cancel/([^/\s]+)/", mail.outbox[-1].body)[1]
    lead = events.lead_create(exhibitor=stand, by=p["colleague"], note="Hur började ni?")
    school = networks.network_create(
        by=p["office"], name="Skolnätverket", kind=NetworkKind.SECTOR, description="För skolan.", sector="skola"
    )
    networks.network_join(network=school, person=p["employee"])
    post = networks.post_add(network=school, author=p["employee"], body="Hur ordnar ni idéverkstäder?")
    network_file = networks.file_add(
        network=school,
        uploaded_by=p["employee"],
        upload=SimpleUploadedFile("anteckningar.txt", b"Anteckningar.", content_type="text/plain"),
    )
    region = networks.network_create(
        by=p["office"], name="Regionens nätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    _invitation, invitation_token = networks.invitation_send(network=region, by=p["office"], email="eva@uppsala.se")
    request = advice.advice_ask(asked_by=p["employee"], subject="Hur kom ni igång?", question="Vi vill pröva lås.")
    return {
        "example": example,
        "example_file": example.files.get(),
        "adoption": adoption,
        "fair": fair,
        "stand": stand,
        "registration": registration,
        "visitor_registration": visitor,
        "cancel_token": cancel_token,
        "lead": lead,
        "school": school,
        "post": post,
        "network_file": network_file,
        "region": region,
        "invitation_token": invitation_token,
        "advice_request": request,
    }


def build() -> dict:
    now = timezone.now()
    tree = factories.build_tree()
    north, unit = tree["SDF-N"], tree["SDF-N-ALD-1"]
    p = {
        "employee": factories.person(unit=unit, name="Anna Anställd"),
        "colleague": factories.person(unit=tree["SDF-S-SKO"], name="Kalle Kollega"),
        "manager": factories.person(unit=north, role=Role.MANAGER, name="Maria Chef"),
        "south_manager": factories.person(unit=tree["SDF-S"], role=Role.MANAGER, name="Sara Södra"),
        "slk_manager": factories.person(unit=tree["SLK"], role=Role.MANAGER, name="Lars Ledning"),
        "coach": factories.person(unit=north, role=Role.COACH, name="Cecilia Coach"),
        "office": factories.person(unit=north, role=Role.OFFICE, name="Olle Kontor"),
        "director": factories.person(unit=tree["SLK"], role=Role.DIRECTOR, name="Diana Direktör"),
        "executive": factories.person(
            unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stadsledningskontoret"
        ),
        "resident": factories.person(kind=PersonKind.RESIDENT, name="Rut Invånare"),
        "supplier": factories.person(kind=PersonKind.SUPPLIER, name="Sam Leverantör"),
        "expert": factories.person(unit=tree["SLK"], name="Erik Expert"),
        "chair": factories.person(unit=tree["SDF-S-SKO"], name="Carl Chair"),
    }
    director = p["director"]

    # Ideas: one new in the triage queue, one in pre-study, one in implementation, one public.
    idea = factories.idea(author=p["employee"], title="Digitala lås i hemtjänsten")
    prestudy = factories.idea(author=p["employee"], title="Matsvinn i skolköket")
    factories.move(prestudy, by=p["office"], to=Stage.PRESTUDY)
    implemented = factories.idea(author=p["employee"], title="Robotdammsugare i korridoren")
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        implemented = factories.move(implemented, by=p["office"], to=stage).idea
    asked = factories.idea(author=p["employee"], title="Lånecyklar för personalen")
    ideas.publication_ask(idea=asked, by=p["office"], message="Får vi visa idén för alla?")

    # Calls: the fund (with a submitted application screened and with the jury), the stipend, the awards.
    fund = _call(director, Programme.FUND, "Innovationsfonden", now, budget=Decimal(2_000_000))
    calls.call_publish(call=fund, by=director)
    calls.juror_add(call=fund, by=director, user=p["expert"])
    calls.juror_add(call=fund, by=director, user=p["chair"], is_chair=True)
    submitted = _submitted(
        fund,
        p["employee"],
        title="Pilot med digitala lås",
        summary="Vi vill pröva digitala lås i två hemtjänstgrupper.",
        description="Piloten pågår i sex månader och utvärderas av brukarna.",
        idea=prestudy,
        requested_amount=Decimal(150_000),
        co_financing=Decimal(50_000),
        budget_lines=[("Lås och installation", Decimal(120_000)), ("Utvärdering", Decimal(30_000))],
    )
    with_jury = _submitted(
        fund,
        p["manager"],
        title="Trygghetskameror i trapphus",
        summary="Färre inbrott.",
        description="Vi provar i tre hus.",
        idea=implemented,
        requested_amount=Decimal(100_000),
        co_financing=Decimal(0),
        budget_lines=[("Kameror", Decimal(100_000))],
    )
    calls.application_screen(application=with_jury, by=director, eligible=True)
    for juror in (p["expert"], p["chair"]):
        calls.assignment_add(application=with_jury, juror=juror, by=director)
    with_jury.refresh_from_db()
    granted = _submitted(
        fund,
        p["coach"],
        title="Språkcaféer på biblioteket",
        summary="Samtal på svenska varje vecka.",
        description="Volontärer leder samtalen.",
        idea=prestudy,
        requested_amount=Decimal(80_000),
        co_financing=Decimal(0),
        budget_lines=[("Fika och material", Decimal(80_000))],
    )
    calls.application_screen(application=granted, by=director, eligible=True)
    calls.assignment_add(application=granted, juror=p["chair"], by=director)
    calls.decision_record(
        application=granted, by=p["chair"], granted=True, justification="Stor nytta.", amount=Decimal(80_000)
    )
    granted.refresh_from_db()
    stipend = _call(director, Programme.STIPEND, "Innovationsstipendiet", now, min_age=18)
    calls.call_publish(call=stipend, by=director)
    quality = _call(director, Programme.QUALITY_AWARD, "Kvalitetsutmärkelsen", now)
    calls.call_publish(call=quality, by=director)
    opendata = _call(director, Programme.OPEN_DATA_AWARD, "Öppna data-priset", now)
    calls.call_publish(call=opendata, by=director)
    drafts = {
        "stipend": calls.application_start(call=stipend, applicant=p["resident"]),
        "quality": calls.application_start(call=quality, applicant=p["manager"]),
        "opendata": calls.application_start(call=opendata, applicant=p["supplier"]),
    }
    unpublished = _call(director, Programme.FUND, "Innovationsfonden, höstens utlysning", now, budget=Decimal(500_000))

    # Governance: a city goal, an open T1 with Norra's report started and Södra's submitted.
    governance.indicators_sync()
    city_goal = governance.goal_create(
        by=director, year=now.year, unit=tree["CITY"], title="Fler idéer blir verklighet"
    )
    period = governance.reporting_period_open(
        by=director, year=now.year, period=Period.T1, deadline=now.date() + timedelta(days=30)
    )
    report = governance.report_start(by=p["manager"], reporting_period=period, unit=north)
    south = governance.report_start(by=p["south_manager"], reporting_period=period, unit=tree["SDF-S"])
    south = governance.report_save(
        report=south,
        by=p["south_manager"],
        expected_version=south.version,
        narrative="Vi har prövat två nya idéer.",
        assessments={city_goal.pk: ("met", "")},
    )
    south = governance.report_submit(report=south, by=p["south_manager"], expected_version=south.version)
    attachment_upload = SimpleUploadedFile("plan.txt", b"En plan.", content_type="text/plain")
    attachment = ideas.attachment_add(idea=idea, uploaded_by=p["employee"], upload=attachment_upload)
    comment = ideas.comment_add(idea=idea, author=p["colleague"], body="Bra idé!")
    draft = calls.application_start(call=fund, applicant=p["colleague"])
    file = calls.application_file_add(
        application=draft,
        by=p["colleague"],
        upload=SimpleUploadedFile("budget.txt", b"Budget.", content_type="text/plain"),
    )
    activity = governance.activity_add(
        goal=city_goal,
        by=director,
        title="Idéverkstad",
        owner=director,
        starts_on=now.date(),
        ends_on=now.date() + timedelta(days=90),
        status="planned",
    )
    spread = _spread(p, tree, now)
    return {
        "spread": spread,
        "now": now,
        "tree": tree,
        "people": p,
        "idea": idea,
        "prestudy": prestudy,
        "implemented": implemented,
        "asked": asked,
        "fund": fund,
        "stipend": stipend,
        "quality": quality,
        "opendata": opendata,
        "unpublished": unpublished,
        "submitted": submitted,
        "with_jury": with_jury,
        "city_goal": city_goal,
        "period": period,
        "report": report,
        "south_report": south,
        "granted": granted,
        "drafts": drafts,
        "attachment": attachment,
        "comment": comment,
        "draft": draft,
        "file": file,
        "activity": activity,
    }
