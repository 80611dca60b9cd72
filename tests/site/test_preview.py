"""The preview server answers a frozen build as a CDN would and hands the service's paths to the service."""

from __future__ import annotations

from werkzeug.test import Client
from werkzeug.wrappers import Response

from herald_site.build.built_site_server import site_with_service, static_site


def _service(environ, start_response):  # type: ignore[no-untyped-def]
    return Response("from the service", status=200)(environ, start_response)


def test_folders_answer_with_their_index_page(built_sample):
    client = Client(static_site(built_sample.root))
    home = client.get("/")
    assert home.status_code == 200
    assert home.data == (built_sample.root / "index.html").read_bytes()
    assert client.get("/about/").data == built_sample.file_for("/about/").read_bytes()


def test_feeds_are_xml_and_misses_get_the_404_page(built_sample):
    client = Client(static_site(built_sample.root))
    assert client.get("/feed.xml").mimetype == "application/xml"
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404
    assert missing.data == (built_sample.root / "404.html").read_bytes()


def test_paths_outside_the_build_are_not_served(built_sample):
    client = Client(static_site(built_sample.root))
    assert client.get("/../../etc/passwd").status_code == 404


def test_service_paths_go_to_the_service_and_the_rest_to_the_site(built_sample):
    client = Client(site_with_service(static_site(built_sample.root), _service))
    for path in ("/api/comments", "/healthz", "/admin/"):
        assert client.get(path).data == b"from the service"
    assert client.get("/").data == (built_sample.root / "index.html").read_bytes()
