"""The DCAT-AP-SE catalogue of the open datasets, as JSON-LD, for dataportal.se to harvest.

DCAT-AP-SE (https://docs.dataportal.se/dcat/) is the Swedish profile of DCAT-AP. The
catalogue gives every mandatory property of the profile and the recommended ones that
apply: the catalogue's title, description, publisher, licence (CC0, as the profile
requires), languages, homepage and theme taxonomy; each dataset's title, description,
publisher, contact point, keywords, theme, access rights, licence, periodicity, time
period and distributions (the CSV file and the API); and the API as a data service.
Every IRI is absolute, under ``SPRANG_SITE_URL``, and nothing is a blank node except
time periods, as the harvester expects. Titles and descriptions are given in Swedish and
English.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from governance.models import period_bounds
from opendata.datasets import LICENCE_URI, THEME_GOVERNMENT, Dataset, published
from organisation.models import Unit

LANGUAGES = ("sv", "en")
EU = "http://publications.europa.eu/resource/authority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:title": {"@container": "@language"},
    "dct:description": {"@container": "@language"},
    "dcat:keyword": {"@container": "@language"},
}
#: dcterms:type of the publisher (ADMS publisher types).
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"


def absolute(path: str) -> str:
    return settings.SPRANG_SITE_URL.rstrip("/") + path


def organisation_number() -> str | None:
    """The publisher's organisation number as ten digits, or None when it is not set or not one."""
    digits = "".join(c for c in settings.SPRANG_PUBLISHER_ORGANISATION_NUMBER if c not in "- ")
    return digits if len(digits) == 10 and digits.isdigit() else None


def publisher_iri(page: str) -> str:
    """The publisher as dataportal.se names organisations (from the organisation number), else on this site."""
    number = organisation_number()
    return f"http://dataportal.se/organisation/SE{number}" if number else f"{page}#publisher"


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _date(value: date) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _in_languages(message: Promise | str, params: dict[str, str] | None = None) -> dict[str, str]:
    """A language map: the message in Swedish and in English."""
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            text = str(message)
            values[language] = text % params if params else text
    return values


def _keywords(keywords: tuple[Promise, ...]) -> dict[str, list[str]]:
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = [str(k) for k in keywords]
    return values


def _licence() -> dict[str, str]:
    return _iri(LICENCE_URI)


def _temporal(periods: list[tuple[int, str]]) -> dict[str, Any]:
    first_year = periods[0][0]
    last_end = period_bounds(*periods[-1])[1]
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": _date(date(first_year, 1, 1)),
        "dcat:endDate": _date(timezone.localtime(last_end, CITY_TIME_ZONE).date() - timedelta(days=1)),
    }


def _distributions(dataset: Dataset, service_id: str) -> list[dict[str, Any]]:
    page = absolute(reverse("opendata:index"))
    csv_url = absolute(reverse("opendata:csv", args=[dataset.key]))
    api_url = absolute(dataset.api_url)
    if dataset.periodic:
        csv_description = _("Comma-separated, UTF-8, one header row. Filter with ?year= and ?period=.")
        api_description = dataset.api_description or _(
            "The same rows as JSON, in pages (limit and offset), filtered by year and period."
        )
    else:
        csv_description = _("Comma-separated, UTF-8, one header row.")
        api_description = dataset.api_description or _("The same rows as JSON, in pages (limit and offset).")
    return [
        {
            "@id": f"{page}#{dataset.key}-csv",
            "@type": "dcat:Distribution",
            "dct:title": _in_languages(_("CSV file")),
            "dct:description": _in_languages(csv_description),
            "dcat:accessURL": _iri(csv_url),
            "dcat:downloadURL": _iri(csv_url),
            "dct:format": _iri(f"{EU}/file-type/CSV"),
            "dcat:mediaType": _iri("https://www.iana.org/assignments/media-types/text/csv"),
            "dct:license": _licence(),
        },
        {
            "@id": f"{page}#{dataset.key}-api",
            "@type": "dcat:Distribution",
            "dct:title": _in_languages(_("API (JSON)")),
            "dct:description": _in_languages(api_description),
            "dcat:accessURL": _iri(api_url),
            "dcat:accessService": _iri(service_id),
            "dct:format": _iri(f"{EU}/file-type/JSON"),
            "dcat:mediaType": _iri("https://www.iana.org/assignments/media-types/application/json"),
            "dct:license": _licence(),
        },
    ]


def catalog(*, now: datetime | None = None) -> dict[str, Any]:
    """The whole catalogue as a JSON-LD document (a dict ready for ``json.dumps``)."""
    now = now or timezone.now()
    page = absolute(reverse("opendata:index"))
    root = Unit.objects.get_first_root_node()
    city = root.name if root is not None else "Språng"
    publisher_id, contact_id = publisher_iri(page), f"{page}#contact"
    publisher = {
        "@id": publisher_id,
        "@type": "foaf:Agent",
        "foaf:name": city,
        "dct:type": _iri(LOCAL_AUTHORITY),
    }
    contact = {
        "@id": contact_id,
        "@type": "vcard:Organization",
        "vcard:fn": _in_languages(_("Open data, %(city)s"), {"city": city})["sv"],
        "vcard:hasEmail": _iri(f"mailto:{settings.SPRANG_OPENDATA_CONTACT_EMAIL}"),
    }
    service_id = absolute(reverse("api:opendata_datasets"))
    datasets = []
    for dataset, periods in published(now=now):
        entry: dict[str, Any] = {
            "@id": f"{page}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{page}#{dataset.key}",
            "dct:title": _in_languages(dataset.title),
            "dct:description": _in_languages(dataset.description),
            "dcat:keyword": _keywords(dataset.keywords),
            "dcat:theme": _iri(THEME_GOVERNMENT),
            "dct:accrualPeriodicity": _iri(dataset.frequency),
            "dct:accessRights": _iri(f"{EU}/access-right/PUBLIC"),
            "dct:language": _iri(f"{EU}/language/SWE"),
            "dct:publisher": _iri(publisher_id),
            "dcat:contactPoint": _iri(contact_id),
            "dct:license": _licence(),
            "dcat:landingPage": _iri(f"{page}#{dataset.key}"),
            "dcat:distribution": _distributions(dataset, service_id),
        }
        if periods:
            entry["dct:temporal"] = _temporal(periods)
        datasets.append(entry)
    service = {
        "@id": service_id,
        "@type": "dcat:DataService",
        "dct:title": _in_languages(_("Språng open data API")),
        "dcat:endpointURL": _iri(service_id),
        "dcat:endpointDescription": _iri(absolute(reverse("api:openapi-json"))),
        "dcat:servesDataset": [_iri(d["@id"]) for d in datasets],
        "dct:accessRights": _iri(f"{EU}/access-right/PUBLIC"),
        "dct:license": _licence(),
        "dct:publisher": _iri(publisher_id),
        "dcat:contactPoint": _iri(contact_id),
    }
    return {
        "@context": CONTEXT,
        "@graph": [
            {
                "@id": absolute(reverse("opendata:catalog")),
                "@type": "dcat:Catalog",
                "dct:title": _in_languages(_("Open data from %(city)s's innovation work"), {"city": city}),
                "dct:description": _in_languages(
                    _(
                        "Aggregated figures on the ideas %(city)s receives and how they move from idea to spread, "
                        "per organisation and reporting period. No personal data."
                    ),
                    {"city": city},
                ),
                "dct:publisher": _iri(publisher_id),
                "dct:license": _licence(),
                "dct:language": [_iri(f"{EU}/language/SWE"), _iri(f"{EU}/language/ENG")],
                "foaf:homepage": _iri(page),
                "dcat:themeTaxonomy": _iri(f"{EU}/data-theme"),
                "dcat:dataset": [_iri(d["@id"]) for d in datasets],
                "dcat:service": [_iri(service_id)],
            },
            *datasets,
            service,
            publisher,
            contact,
        ],
    }


def catalog_rdf_xml(*, now: datetime | None = None) -> str:
    """The same catalogue as RDF/XML, the form dataportal.se harvests.

    Parsed from the JSON-LD above (its context is inline, so nothing is fetched) and written
    out by rdflib, so the two forms can never say different things.
    """
    import json

    from rdflib import Graph

    graph = Graph()
    graph.parse(data=json.dumps(catalog(now=now)), format="json-ld")
    for prefix, namespace in CONTEXT.items():
        if isinstance(namespace, str):
            graph.bind(prefix, namespace)
    return graph.serialize(format="pretty-xml")
