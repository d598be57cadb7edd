"""The demo city's OpenLab: the four universities and OpenLab itself, a teacher and two students at KTH and a
researcher at Karolinska Institutet (each with a login printed by the demo command), two needs routed to OpenLab —
one from the user survey, answered by a KTH student team whose project is completed with milestones, a final
report and an idea in the lock, and one from complaints, a research collaboration with Karolinska Institutet under
way — and a third need waiting at Stockholms universitet for a project proposal.

Written through ``challenges.needs.services`` and ``challenges.openlab.services`` only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.models import AcademicRole, NeedOrigin, ProjectKind, Route
from challenges.needs import services as needs
from challenges.openlab import services
from sample_data.demo import DEMO_PASSWORD

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

UNIVERSITIES = (
    ("KTH Kungliga Tekniska högskolan", "KTH", "https://www.kth.se"),
    ("Karolinska Institutet", "KI", "https://ki.se"),
    ("Stockholms universitet", "SU", "https://www.su.se"),
    ("Södertörns högskola", "SH", "https://www.sh.se"),
    ("OpenLab", "OpenLab", "https://openlabsthlm.se"),
)

#: The university people who sign in with the demo password: (email, name, university's short name, role, what
#: the demo command prints about them).
LOGINS = (
    (
        "karin.lind@kth.example.se",
        "Karin Lind",
        "KTH",
        AcademicRole.TEACHER,
        "Lärare vid KTH, leder en studentgrupp i OpenLab",
    ),
    ("ali.hassan@kth.example.se", "Ali Hassan", "KTH", AcademicRole.STUDENT, "Student vid KTH i studentgruppen"),
    (
        "elin.sjostrom@kth.example.se",
        "Elin Sjöström",
        "KTH",
        AcademicRole.STUDENT,
        "Student vid KTH, ännu inte i något projekt",
    ),
    (
        "jonas.berg@ki.example.se",
        "Jonas Berg",
        "KI",
        AcademicRole.RESEARCHER,
        "Forskare vid Karolinska Institutet, forskningssamarbete",
    ),
)

#: A small PDF standing in for the reports.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _need(demo: DemoBuilder, manager, office, *, title: str, origin: str, texts: dict[str, str]):
    need = needs.need_create(
        by=manager,
        unit=manager.unit,
        title=title,
        origin=origin,
        who_has_it=texts["who_has_it"],
        how_it_shows=texts["how_it_shows"],
        good_outcome=texts["good_outcome"],
        cost_today=texts.get("cost_today", ""),
        constraints=texts.get("constraints", ""),
        now=demo.now - timedelta(days=260),
    )
    needs.need_submit(need=need, by=manager, expected_version=need.version, now=demo.now - timedelta(days=258))
    return needs.need_route(
        need=need,
        by=office,
        expected_version=need.version,
        now=demo.now - timedelta(days=250),
        route=Route.OPENLAB,
        rationale="Frågan behöver kunskap och tid som en studentgrupp eller forskargrupp kan ge.",
    )


def build(demo: DemoBuilder) -> None:
    cast = demo.cast
    office = cast.executive_office
    pair = next(((m, cast.offices[org]) for org, m in cast.managers.items() if org in cast.offices), None)
    if office is None or pair is None or not cast.employees:
        return
    manager, unit_office = pair
    today = timezone.localdate(demo.now)

    universities = {
        short: services.university_create(by=office, name=name, short_name=short, website=site)
        for name, short, site in UNIVERSITIES
    }
    people = {}
    for email, name, short, role, _about in LOGINS:
        _invitation, token = services.university_invite(
            by=office, university=universities[short], email=email, role=role, now=demo.now - timedelta(days=200)
        )
        people[email] = services.university_invitation_accept_new_account(
            token=token, name=name, password=DEMO_PASSWORD, now=demo.now - timedelta(days=199)
        )
    teacher, student, _student2, researcher = (people[login[0]] for login in LOGINS)
    contact = manager

    survey = _need(
        demo,
        manager,
        unit_office,
        title="Äldre i hemtjänsten känner sig ensamma",
        origin=NeedOrigin.USER_SURVEY,
        texts={
            "who_has_it": "Äldre som bor hemma med hemtjänst, särskilt de som bor ensamma.",
            "how_it_shows": "I brukarundersökningen svarar 38 procent att de ofta känner sig ensamma, mot 24 "
            "procent i staden som helhet.",
            "good_outcome": "Färre som ofta känner sig ensamma i nästa brukarundersökning.",
            "cost_today": "Svårt att räkna, men ensamhet ökar risken för fall och psykisk ohälsa.",
            "constraints": "Sekretess och samtycke för kontakter mellan brukare.",
        },
    )
    complaints = _need(
        demo,
        manager,
        unit_office,
        title="Många klagomål på måltiderna i särskilt boende",
        origin=NeedOrigin.COMPLAINTS,
        texts={
            "who_has_it": "Boende i särskilt boende och deras anhöriga.",
            "how_it_shows": "87 klagomål på mat och måltidsmiljö förra året; mycket mat slängs.",
            "good_outcome": "Nöjdare boende, bättre näring och mindre matsvinn.",
        },
    )
    waiting = _need(
        demo,
        manager,
        unit_office,
        title="Unga hittar inte till fritidsverksamheten",
        origin=NeedOrigin.OWN_WORK,
        texts={
            "who_has_it": "Unga mellan 13 och 17 år i stadsdelen.",
            "how_it_shows": "Besöken på fritidsgårdarna har minskat med en tredjedel på fem år.",
            "good_outcome": "Fler unga som känner till och använder verksamheten.",
        },
    )

    # A KTH student team: accepted, milestones done, final report in, completed, an idea started from it.
    kth = services.assignment_create(
        by=unit_office,
        need=survey,
        university=universities["KTH"],
        title="Digitala mötesplatser mot ensamhet",
        brief="Hur kan äldre med hemtjänst få fler kontakter med andra, på sina egna villkor?",
        contact=contact,
        university_contact=teacher,
        agreement_starts_on=today - timedelta(days=180),
        agreement_ends_on=today + timedelta(days=30),
        agreement_reference="Dnr 2026/1142",
    )
    team = services.project_propose(
        by=teacher,
        assignment=kth,
        kind=ProjectKind.STUDENT_TEAM,
        title="Fikaträffar via surfplatta",
        scope="Studentgruppen intervjuar tio äldre och deras hemtjänstpersonal och provar en enkel tjänst för "
        "gemensamma fikaträffar via surfplatta. Tekniska system i hemtjänsten ingår inte.",
        starts_on=today - timedelta(days=170),
        ends_on=today - timedelta(days=10),
        deliverables="Intervjusammanställning, prototyp och slutrapport.",
        members=[student],
    )
    services.project_decide(
        by=contact,
        project=team,
        expected_version=team.version,
        accept=True,
        comment="Bra avgränsat. Hör av er till enhetschefen i Hökarängen för intervjuerna.",
    )
    for days, title in ((140, "Intervjuer klara"), (90, "Prototyp provad i två hem"), (20, "Slutrapport")):
        milestone = services.milestone_add(by=student, project=team, title=title, due_on=today - timedelta(days=days))
        services.milestone_done(by=student, milestone=milestone, now=demo.now - timedelta(days=days))
    services.deliverable_add(
        by=student,
        project=team,
        title="Intervjusammanställning",
        upload=SimpleUploadedFile("intervjuer.pdf", PDF, content_type="application/pdf"),
    )
    services.deliverable_add(
        by=teacher,
        project=team,
        title="Slutrapport: fikaträffar via surfplatta",
        upload=SimpleUploadedFile("slutrapport-fikatraffar.pdf", PDF, content_type="application/pdf"),
        is_final_report=True,
    )
    services.project_complete(by=teacher, project=team, expected_version=team.version)
    services.project_idea_start(
        by=contact,
        project=team,
        title="Fikaträffar via surfplatta i hemtjänsten",
        problem="Många äldre med hemtjänst känner sig ensamma (brukarundersökningen).",
        audience="Äldre med hemtjänst som vill träffa andra.",
        proposal="Hemtjänsten erbjuder veckovisa fikaträffar via surfplatta, som studentgruppen från KTH provade.",
        expected_value="Färre som ofta känner sig ensamma; mäts i nästa brukarundersökning.",
        kind="service",
        values=["social"],
        now=demo.now - timedelta(days=5),
    )

    # A research collaboration with Karolinska Institutet, under way.
    ki = services.assignment_create(
        by=unit_office,
        need=complaints,
        university=universities["KI"],
        title="Måltiden som hälsofaktor i särskilt boende",
        brief="Vad gör måltiden bättre för boende i särskilt boende, och hur minskar matsvinnet?",
        contact=contact,
        university_contact=researcher,
        agreement_starts_on=today - timedelta(days=60),
        agreement_ends_on=today + timedelta(days=300),
        agreement_reference="Dnr 2026/1388",
    )
    research = services.project_propose(
        by=researcher,
        assignment=ki,
        kind=ProjectKind.RESEARCH_GROUP,
        title="Måltidsmiljö och näringsintag – en interventionsstudie",
        scope="Forskargruppen jämför två boenden före och efter ändrad måltidsmiljö.",
        starts_on=today - timedelta(days=45),
        ends_on=today + timedelta(days=280),
        deliverables="Mätningar av näringsintag och svinn, en vetenskaplig rapport och en sammanfattning för staden.",
    )
    services.project_decide(by=contact, project=research, expected_version=research.version, accept=True)
    first = services.milestone_add(
        by=researcher, project=research, title="Mätningar före", due_on=today - timedelta(days=10)
    )
    services.milestone_done(by=researcher, milestone=first, now=demo.now - timedelta(days=12))
    services.milestone_add(
        by=researcher, project=research, title="Ny måltidsmiljö på plats", due_on=today + timedelta(days=60)
    )
    services.milestone_add(by=researcher, project=research, title="Mätningar efter", due_on=today + timedelta(days=200))

    # A need waiting at Stockholms universitet for a teacher's proposal.
    services.assignment_create(
        by=unit_office,
        need=waiting,
        university=universities["SU"],
        title="Ungas vägar till fritidsverksamheten",
        brief="Hur får unga veta vad fritidsgårdarna erbjuder, och vad får dem att komma?",
        contact=contact,
        agreement_starts_on=today,
        agreement_ends_on=today + timedelta(days=365),
    )
    demo.out(f"{len(UNIVERSITIES)} universities, {len(LOGINS)} university people, 3 OpenLab assignments")
