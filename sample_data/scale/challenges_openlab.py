"""City-scale OpenLab: four universities with their teachers, researchers and students, and 150 collaborations (at
city scale) over ten years — assignments of needs routed to OpenLab, most with one or two projects, older ones
completed, newer ones under way or waiting for a proposal — whose overview page is in the benchmarks.

Needs routed to OpenLab come from the needs part when it has written them; the rest are written here, routed."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress

from challenges.models import (
    AcademicRole,
    Affiliation,
    Assignment,
    AssignmentStatus,
    Milestone,
    Need,
    NeedDecision,
    NeedDecisionKind,
    NeedOrigin,
    NeedStatus,
    Project,
    ProjectKind,
    ProjectStatus,
    Route,
    University,
)
from challenges.needs.services import need_stems
from organisation.models import PersonKind, User
from sample_data.demo import ideas_texts as names
from sample_data.scale import BATCH, CITY, DAY, YEARS, ScaleBuilder, timestamps_as_given

UNIVERSITIES = (
    ("KTH Kungliga Tekniska högskolan", "KTH", "kth"),
    ("Karolinska Institutet", "KI", "ki"),
    ("Stockholms universitet", "SU", "su"),
    ("Södertörns högskola", "SH", "sh"),
)
COLLABORATIONS = 150
#: People of each university: (role, how many).
PEOPLE = ((AcademicRole.TEACHER, 8), (AcademicRole.RESEARCHER, 6), (AcademicRole.STUDENT, 40))
TOPICS = (
    "ensamhet bland äldre",
    "skolnärvaro",
    "matsvinn i skolmåltider",
    "trygghet i parker",
    "väntetider för bygglov",
    "energianvändning i lokaler",
    "språkstöd för nyanlända",
    "digital delaktighet",
    "cykelparkering vid stationer",
    "unga och fritid",
)

#: Why a need the city-scale data writes for OpenLab went there.
OPENLAB_RATIONALE = "Forskningen vid universiteten kan ge underlag som staden saknar."


def build(builder: ScaleBuilder) -> None:
    rng, people = builder.rng, builder.people
    offices = list(people.office.items())  # (org id, office person)
    if not offices or not people.employees:
        return
    factor = builder.sizes.comments / CITY.comments
    total = max(12, round(COLLABORATIONS * factor))
    start, end = builder.reference - timedelta(days=round(YEARS * 365.25)), builder.reference
    span = int((end - start).total_seconds())
    password = User.objects.only("password").get(pk=people.director).password

    with timestamps_as_given(University, Affiliation, Need, NeedDecision, Assignment, Project, Milestone):
        universities = University.objects.bulk_create(
            [
                University(name=name, short_name=short, created_at=start, updated_at=start)
                for name, short, _domain in UNIVERSITIES
            ]
        )
        staff: dict[int, dict[str, list[int]]] = {}
        for university, (_name, _short, domain) in zip(universities, UNIVERSITIES, strict=True):
            accounts = [
                (
                    role,
                    User(
                        email=f"{role}{n}@{domain}.example.se",
                        name=f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}",
                        kind=PersonKind.UNIVERSITY,
                        password=password,
                        date_joined=start,
                    ),
                )
                for role, count in PEOPLE
                for n in range(count)
            ]
            created = User.objects.bulk_create([u for _r, u in accounts])
            EmailAddress.objects.bulk_create(
                [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in created]
            )
            Affiliation.objects.bulk_create(
                [
                    Affiliation(user_id=u.pk, university=university, role=role, created_at=start, updated_at=start)
                    for (role, _u), u in zip(accounts, created, strict=True)
                ]
            )
            staff[university.pk] = {}
            for (role, _u), u in zip(accounts, created, strict=True):
                staff[university.pk].setdefault(role, []).append(u.pk)

        existing = list(
            Need.objects.filter(status=NeedStatus.ROUTED, route=Route.OPENLAB).values_list("pk", "created_at")
        )
        missing = max(0, total - len(existing))
        written, moments = [], []
        for _i in range(missing):
            org, office = rng.choice(offices)
            at = start + timedelta(seconds=rng.randint(0, span - 120 * DAY))
            topic = rng.choice(TOPICS)
            moments.append(at)
            written.append(
                Need(
                    title=f"Behov: {topic}",
                    unit_id=org,
                    who_has_it="Invånare och medarbetare i förvaltningen.",
                    how_it_shows=f"Brukarundersökningen och klagomål visar problem med {topic}.",
                    good_outcome="Mätbart bättre resultat inom två år.",
                    origin=rng.choice([o for o in NeedOrigin.values if o != NeedOrigin.IDEA]),
                    status=NeedStatus.ROUTED,
                    route=Route.OPENLAB,
                    created_by_id=office,
                    submitted_at=at,
                    decided_at=at + timedelta(days=14),
                    created_at=at,
                    updated_at=at + timedelta(days=14),
                    version=4,  # written, sent, validated and routed, as the services leave it
                )
            )
            written[-1].search_stems = need_stems(written[-1])
        written = Need.objects.bulk_create(written, batch_size=BATCH)
        # Each need as the services leave one routed: sent, validated and routed, each a decision with who and when.
        NeedDecision.objects.bulk_create(
            [
                NeedDecision(
                    need=n,
                    kind=kind,
                    route=Route.OPENLAB if kind == NeedDecisionKind.ROUTED else "",
                    rationale=OPENLAB_RATIONALE if kind == NeedDecisionKind.ROUTED else "",
                    decided_by_id=n.created_by_id,
                    created_at=when,
                    updated_at=when,
                )
                for n, at in zip(written, moments, strict=True)
                for kind, when in (
                    (NeedDecisionKind.SUBMITTED, at),
                    (NeedDecisionKind.VALIDATED, at + timedelta(days=14)),
                    (NeedDecisionKind.ROUTED, at + timedelta(days=14)),
                )
            ],
            batch_size=BATCH,
        )
        needs = existing[:total] + [(n.pk, n.created_at) for n in written]

        assignments = []
        for index, (need_pk, need_at) in enumerate(needs):
            university = universities[index % len(universities)]
            at = need_at + timedelta(days=rng.randint(20, 60))
            age = (end - at).days
            status = (
                AssignmentStatus.COMPLETED
                if age > 400
                else AssignmentStatus.UNDER_WAY
                if age > 60
                else AssignmentStatus.OPEN
            )
            contact = rng.choice(people.employees)
            assignments.append(
                Assignment(
                    need_id=need_pk,
                    university=university,
                    title=f"Uppdrag {index + 1}: {rng.choice(TOPICS)}",
                    brief="Hur kan problemet lösas, och vad säger forskningen?",
                    contact_id=contact,
                    university_contact_id=staff[university.pk][AcademicRole.TEACHER][0],
                    agreement_starts_on=at.date(),
                    agreement_ends_on=(at + timedelta(days=365)).date(),
                    agreement_reference=f"Dnr {at.year}/{index + 1000}",
                    status=status,
                    created_by_id=contact,
                    created_at=at,
                    updated_at=at,
                )
            )
        assignments = Assignment.objects.bulk_create(assignments, batch_size=BATCH)

        projects, memberships = [], []
        for assignment in assignments:
            if assignment.status == AssignmentStatus.OPEN:
                continue
            for _n in range(rng.choice((1, 1, 2))):
                research = rng.random() < 0.3
                role = AcademicRole.RESEARCHER if research else AcademicRole.TEACHER
                lead = rng.choice(staff[assignment.university_id][role])
                at = assignment.created_at + timedelta(days=rng.randint(5, 30))
                completed = assignment.status == AssignmentStatus.COMPLETED
                project = Project(
                    assignment=assignment,
                    kind=ProjectKind.RESEARCH_GROUP if research else ProjectKind.STUDENT_TEAM,
                    title=f"Projekt om {rng.choice(TOPICS)}",
                    scope="Intervjuer, en prototyp och en utvärdering.",
                    starts_on=at.date(),
                    ends_on=(at + timedelta(days=180)).date(),
                    deliverables="Rapport och prototyp.",
                    lead_id=lead,
                    status=ProjectStatus.COMPLETED if completed else ProjectStatus.ACCEPTED,
                    decided_by_id=assignment.contact_id,
                    decided_at=at + timedelta(days=7),
                    completed_at=at + timedelta(days=190) if completed else None,
                    created_at=at,
                    updated_at=at,
                )
                projects.append(project)
                members = rng.sample(staff[assignment.university_id][AcademicRole.STUDENT], 4) if not research else []
                memberships.append(members)
        projects = Project.objects.bulk_create(projects, batch_size=BATCH)
        Project.members.through.objects.bulk_create(
            [
                Project.members.through(project_id=p.pk, user_id=member)
                for p, members in zip(projects, memberships, strict=True)
                for member in members
            ],
            batch_size=BATCH,
        )
        milestones = []
        for project in projects:
            for n, days in enumerate((30, 90, 170)):
                due = project.starts_on + timedelta(days=days)
                done = project.created_at + timedelta(days=days)
                milestones.append(
                    Milestone(
                        project=project,
                        title=f"Delmål {n + 1}",
                        due_on=due,
                        done_at=done if done < end else None,
                        created_at=project.created_at,
                        updated_at=project.created_at,
                    )
                )
        Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    builder.say(
        f"OpenLab: {len(universities)} universities, {len(assignments)} collaborations, {len(projects)} projects"
    )


def counts() -> dict[str, int]:
    return {
        "universities": University.objects.count(),
        "OpenLab assignments": Assignment.objects.count(),
        "OpenLab projects": Project.objects.count(),
    }
