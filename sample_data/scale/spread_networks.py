"""City-scale networks: the coaches' network, sector networks and networks with partners from other
municipalities and universities — 40 in all, with 20,000 posts (at city scale) over three years, most of them
in the coaches' network, whose discussion page is in the benchmarks."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress

from organisation.models import PersonKind, User
from sample_data.scale import BATCH, CITY, DAY, ScaleBuilder, timestamps_as_given
from spread.models import Membership, MembershipRole, Network, NetworkInvitation, NetworkKind, Post

NETWORKS = 40
#: Of them: one coaches' network, then sector networks, the rest with partners from outside the city.
SECTOR_NETWORKS = 30
#: Posts at city scale; a smaller set scales them like the comments.
POSTS = 20_000
#: The coaches' network's share of the posts (the busiest discussion).
COACHES_SHARE = 0.2
#: Partners from outside the city in each network that has them.
PARTNERS_EACH = 3
THREAD_SHARE = 0.4

SECTORS = (
    "skola",
    "förskola",
    "äldreomsorg",
    "socialtjänst",
    "stadsmiljö",
    "kultur",
    "idrott",
    "digitalisering",
    "miljö",
    "näringsliv",
)
PLACES = ("Uppsala", "Västerås", "Södertälje", "Nacka", "Solna", "Eskilstuna", "Örebro", "Huddinge", "Täby")
OPENINGS = (
    "Hur har ni löst",
    "Någon som provat",
    "Tips om",
    "Vi funderar på",
    "Erfarenheter av",
    "Fråga till er som arbetar med",
)
TOPICS = (
    "digitala lås i hemtjänsten",
    "invånardialog före upphandling",
    "att mäta nyttan av en förstudie",
    "schemaläggning med AI",
    "sensorer i äldreboenden",
    "läxhjälp på nätet",
    "återbruk av möbler",
    "delade lokaler mellan förvaltningar",
    "språkstöd för nyanlända",
    "tidsbokning för bygglov",
)
REPLIES = (
    "Vi gjorde så i fjol, hör av dig så berättar jag mer.",
    "Bra fråga! Vi har en mall som jag kan lägga upp under Filer.",
    "Prata med innovationskontoret i vår förvaltning, de har drivit något liknande.",
    "Det fungerade bäst när vi tog med medarbetarna från början.",
    "Vi har precis börjat, återkommer med erfarenheter efter sommaren.",
    "Samma utmaning här. Vore bra att ses och jämföra.",
)


def _text(rng) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)}? {rng.choice(REPLIES)}"


def build(builder: ScaleBuilder) -> None:
    rng, people = builder.rng, builder.people
    employees = people.employees
    offices = list(people.office.values())
    coaches = [pk for pks in people.coaches_by_org.values() for pk in pks]
    if not employees or not offices or not coaches:
        return
    factor = builder.sizes.comments / CITY.comments
    posts_total = max(200, round(POSTS * factor))
    start, end = builder.reference - timedelta(days=3 * 365), builder.reference
    span = int((end - start).total_seconds())
    password = User.objects.only("password").get(pk=people.director).password

    with timestamps_as_given(Network, Membership, Post, NetworkInvitation):
        specs = [("Coachnätverket", NetworkKind.COACHES, "", people.director)]
        for i in range(SECTOR_NETWORKS):
            sector = SECTORS[i % len(SECTORS)]
            specs.append(
                (f"Nätverket för {sector} {i // len(SECTORS) + 1}", NetworkKind.SECTOR, sector, rng.choice(offices))
            )
        for i in range(NETWORKS - 1 - SECTOR_NETWORKS):
            specs.append((f"Regionalt nätverk {PLACES[i % len(PLACES)]}", NetworkKind.OPEN, "", rng.choice(offices)))
        networks = Network.objects.bulk_create(
            [
                Network(
                    name=name,
                    kind=kind,
                    sector=sector,
                    owner_id=owner,
                    description=f"Ett nätverk för att dela erfarenheter: {name.lower()}.",
                    created_at=start,
                    updated_at=start,
                )
                for name, kind, sector, owner in specs
            ]
        )
        # Partners from outside the city, with their verified addresses (they sign in with the demo password).
        partners = User.objects.bulk_create(
            [
                User(
                    email=f"partner{n}@{PLACES[n % len(PLACES)].lower().replace('ö', 'o').replace('ä', 'a')}.example.se",
                    name=f"Åsa Öberg {n}, {PLACES[n % len(PLACES)]} kommun",
                    kind=PersonKind.PARTNER,
                    password=password,
                    date_joined=start,
                )
                for n in range(PARTNERS_EACH * (NETWORKS - 1 - SECTOR_NETWORKS))
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in partners]
        )
        members: dict[int, list[int]] = {}
        rows: list[Membership] = []
        open_index = 0
        for network in networks:
            chosen = {network.owner_id}
            if network.kind == NetworkKind.SECTOR:
                chosen |= set(rng.sample(employees, min(len(employees), rng.randint(20, 200))))
            elif network.kind == NetworkKind.OPEN:
                chosen |= set(rng.sample(employees, min(len(employees), 10)))
                chosen |= {p.pk for p in partners[open_index * PARTNERS_EACH : (open_index + 1) * PARTNERS_EACH]}
                open_index += 1
            for pk in chosen:
                role = MembershipRole.OWNER if pk == network.owner_id else MembershipRole.MEMBER
                rows.append(Membership(network=network, person_id=pk, role=role, created_at=start, updated_at=start))
            members[network.pk] = sorted(chosen | (set(coaches) if network.kind == NetworkKind.COACHES else set()))
        Membership.objects.bulk_create(rows, batch_size=BATCH)

        coaches_network = networks[0]
        shares = {coaches_network.pk: round(posts_total * COACHES_SHARE)}
        rest = posts_total - shares[coaches_network.pk]
        for network in networks[1:]:
            shares[network.pk] = rest // (len(networks) - 1)
        shares[networks[-1].pk] += posts_total - sum(shares.values())

        threads: list[Post] = []
        for network in networks:
            for _i in range(max(1, round(shares[network.pk] * THREAD_SHARE))):
                at = start + timedelta(seconds=rng.randint(0, span))
                threads.append(
                    Post(
                        network=network,
                        author_id=rng.choice(members[network.pk]),
                        body=_text(rng),
                        created_at=at,
                        updated_at=at,
                    )
                )
        threads = Post.objects.bulk_create(threads, batch_size=BATCH)
        by_network: dict[int, list[Post]] = {}
        for thread in threads:
            by_network.setdefault(thread.network_id, []).append(thread)
        replies: list[Post] = []
        for network in networks:
            own = by_network[network.pk]
            for _i in range(shares[network.pk] - len(own)):
                thread = rng.choice(own)
                at = min(end, thread.created_at + timedelta(seconds=rng.randint(600, 14 * DAY)))
                replies.append(
                    Post(
                        network=network,
                        parent=thread,
                        author_id=rng.choice(members[network.pk]),
                        body=rng.choice(REPLIES),
                        created_at=at,
                        updated_at=at,
                    )
                )
        Post.objects.bulk_create(replies, batch_size=BATCH)
    builder.say(f"networks: {len(networks)}, posts: {len(threads) + len(replies):,}")


def counts() -> dict[str, int]:
    return {
        "networks": Network.objects.count(),
        "network members": Membership.objects.count(),
        "network posts": Post.objects.count(),
    }
