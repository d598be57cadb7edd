"""The DCAT-AP-SE catalogue: valid JSON-LD with the profile's mandatory properties and absolute IRIs."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from opendata.datasets import DATASETS
from tests.opendata.test_views import personal_data

SITE = "https://sprang.example.se"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@pytest.fixture
def catalogue(client, computed, settings):
    settings.SPRANG_SITE_URL = SITE
    settings.SPRANG_OPENDATA_CONTACT_EMAIL = "oppnadata@teststaden.se"
    response = client.get(reverse("opendata:catalog"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(response.content)
    return {"document": document, "nodes": {n["@id"]: n for n in document["@graph"]}, "text": response.content}


def of_type(catalogue, rdf_type):
    return [n for n in catalogue["nodes"].values() if n["@type"] == rdf_type]


def ids(values):
    return [v["@id"] for v in (values if isinstance(values, list) else [values])]


def walk(value):
    """Every JSON object in the document."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def test_the_context_declares_every_prefix_used(catalogue):
    context = catalogue["document"]["@context"]
    prefixes = {k for k, v in context.items() if isinstance(v, str)}
    assert {"dcat", "dct", "foaf", "vcard", "xsd"} <= prefixes
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    for node in walk(catalogue["document"]["@graph"]):
        if "@id" not in node and "@type" not in node:
            continue  # a language map
        for key in node:
            assert key.startswith("@") or key.split(":")[0] in prefixes, key
        if "@type" in node:
            assert node["@type"].split(":")[0] in prefixes


def test_every_iri_is_absolute(catalogue):
    for node in walk(catalogue["document"]["@graph"]):
        if "@id" in node:
            assert node["@id"].startswith(("http://", "https://", "mailto:")), node["@id"]


def test_the_catalogue_has_the_mandatory_properties(catalogue):
    (catalog,) = of_type(catalogue, "dcat:Catalog")
    assert catalog["@id"] == f"{SITE}/opendata/catalog.jsonld"
    assert set(catalog["dct:title"]) == {"sv", "en"} and all(catalog["dct:title"].values())
    assert set(catalog["dct:description"]) == {"sv", "en"}
    assert ids(catalog["dct:license"]) == [CC0]
    (publisher,) = of_type(catalogue, "foaf:Agent")
    assert ids(catalog["dct:publisher"]) == [publisher["@id"]]
    assert publisher["foaf:name"] == "Teststaden"
    assert len(ids(catalog["dcat:dataset"])) == len(DATASETS)
    assert set(ids(catalog["dcat:dataset"])) == {d["@id"] for d in of_type(catalogue, "dcat:Dataset")}


def test_every_dataset_has_the_mandatory_and_recommended_properties(catalogue):
    (contact,) = of_type(catalogue, "vcard:Organization")
    assert ids(contact["vcard:hasEmail"]) == ["mailto:oppnadata@teststaden.se"]
    assert contact["@id"] != of_type(catalogue, "foaf:Agent")[0]["@id"]
    datasets = of_type(catalogue, "dcat:Dataset")
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        assert set(dataset["dct:title"]) == {"sv", "en"}
        assert set(dataset["dct:description"]) == {"sv", "en"}
        assert dataset["dct:identifier"]
        assert dataset["dcat:keyword"]["sv"] and dataset["dcat:keyword"]["en"]
        assert ids(dataset["dcat:theme"]) == ["http://publications.europa.eu/resource/authority/data-theme/GOVE"]
        assert ids(dataset["dct:accrualPeriodicity"])[0].startswith(
            "http://publications.europa.eu/resource/authority/frequency/"
        )
        assert ids(dataset["dcat:contactPoint"]) == [contact["@id"]]
        assert ids(dataset["dct:publisher"]) == ids(of_type(catalogue, "dcat:Catalog")[0]["dct:publisher"])
        assert ids(dataset["dct:license"]) == [CC0]
        if DATASETS[dataset["@id"].rsplit("#", 1)[1]].periodic:
            assert dataset["dct:temporal"]["dcat:startDate"] == {"@value": "2025-01-01", "@type": "xsd:date"}
        assert len(dataset["dcat:distribution"]) == 2


def test_the_csv_distribution_links_to_the_file(catalogue, client):
    for key in DATASETS:
        dataset = catalogue["nodes"][f"{SITE}/opendata/#{key}"]
        (csv_file,) = [d for d in dataset["dcat:distribution"] if "dcat:downloadURL" in d]
        assert csv_file["@type"] == "dcat:Distribution"
        assert ids(csv_file["dcat:downloadURL"]) == [f"{SITE}/opendata/{key}.csv"]
        assert ids(csv_file["dcat:accessURL"]) == [f"{SITE}/opendata/{key}.csv"]
        assert ids(csv_file["dcat:mediaType"])[0].endswith("/text/csv")
        assert ids(csv_file["dct:format"])[0].endswith("/file-type/CSV")
        assert ids(csv_file["dct:license"]) == [CC0]
        assert client.get(ids(csv_file["dcat:downloadURL"])[0].removeprefix(SITE)).status_code == 200


def test_the_api_is_described_as_a_data_service(catalogue, client):
    (service,) = of_type(catalogue, "dcat:DataService")
    assert ids(service["dcat:endpointDescription"]) == [f"{SITE}/api/v1/openapi.json"]
    assert set(ids(service["dcat:servesDataset"])) == {d["@id"] for d in of_type(catalogue, "dcat:Dataset")}
    for dataset in of_type(catalogue, "dcat:Dataset"):
        (api,) = [d for d in dataset["dcat:distribution"] if "dcat:accessService" in d]
        assert ids(api["dcat:accessService"]) == [service["@id"]]
        assert client.get(ids(api["dcat:accessURL"])[0].removeprefix(SITE)).status_code == 200


def test_no_personal_data_in_the_catalogue(catalogue):
    text = catalogue["text"].decode("utf-8")
    assert not [s for s in personal_data() if s in text]


def test_an_empty_catalogue_is_still_valid(client, db):
    response = client.get(reverse("opendata:catalog"))
    document = json.loads(response.content)
    datasets = [n for n in document["@graph"] if n["@type"] == "dcat:Dataset"]
    assert len(datasets) == len(DATASETS)
    assert all("dct:temporal" not in d for d in datasets)


def test_the_catalogue_takes_a_fixed_number_of_queries(client, computed, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("opendata:catalog"))


def test_the_catalogue_as_rdf_xml_says_the_same_as_the_json_ld(client, computed, settings):
    """dataportal.se harvests RDF/XML: the same graph, written by rdflib."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    settings.SPRANG_SITE_URL = SITE
    response = client.get(reverse("opendata:catalog_rdf"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    from_xml = Graph().parse(data=response.content, format="xml")
    from_json = Graph().parse(data=client.get(reverse("opendata:catalog")).content, format="json-ld")
    assert len(from_xml) == len(from_json) > 0
    catalogues = list(from_xml.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = set(from_xml.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == len(DATASETS)
    for dataset in datasets:
        assert (dataset, DCTERMS.license, URIRef(CC0)) in from_xml or any(
            (dist, DCTERMS.license, URIRef(CC0)) in from_xml for dist in from_xml.objects(dataset, DCAT.distribution)
        )


def test_the_publisher_is_named_as_dataportal_se_names_organisations(client, computed, settings):
    from opendata.apps import check_organisation_number

    settings.SPRANG_PUBLISHER_ORGANISATION_NUMBER = "212000-0142"
    document = json.loads(client.get(reverse("opendata:catalog")).content)
    nodes = {n["@id"]: n for n in document["@graph"]}
    (publisher,) = of_type({"nodes": nodes}, "foaf:Agent")
    assert publisher["@id"] == "http://dataportal.se/organisation/SE2120000142"
    assert all(ids(n["dct:publisher"]) == [publisher["@id"]] for n in nodes.values() if "dct:publisher" in n)
    assert check_organisation_number() == []
    settings.SPRANG_PUBLISHER_ORGANISATION_NUMBER = "21200-0142"
    [error] = check_organisation_number()
    assert error.id == "opendata.E001"
