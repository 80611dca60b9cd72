"""Static folders (`static:` in site.yml): their files published as they are, links into them checked like links
to /media/, the folders confined to the content folder, and rebuilds that copy and remove what changed."""

from __future__ import annotations

import os

import pytest

from herald_site import create_app
from herald_site.build.pipeline import build_site
from herald_site.content import check_site
from tests.site.conftest import MINIMAL_SITE_YML
from tests.site.test_incremental import Builds

PNG = b"\x89PNG\r\n\x1a\n not really"


@pytest.fixture
def site(content):
    content.site_yml(MINIMAL_SITE_YML + "static: [img, files]\n")
    content.raw("img/logo.png", "")
    (content.root / "img/logo.png").write_bytes(PNG)
    content.raw("img/icons/star.svg", "<svg/>")
    content.raw("img/.draft.png", "hidden")
    content.raw("files/report.pdf", "%PDF")
    content.raw("notes/private.txt", "not named in static:")
    content.post("a.md", "title: A\ndate: 2024-05-03", "![Logo](/img/logo.png) [Report](/files/report.pdf)\n")
    return content


def problems_of(content) -> list[tuple[str, int | None, str, str]]:
    return [(str(problem.path.relative_to(content.root)), problem.line, problem.severity, problem.message)
            for problem in check_site(content.root)]


def test_the_files_are_published_as_they_are(site, tmp_path):
    build_site(site.root, tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "img/logo.png").read_bytes() == PNG
    assert (out / "img/icons/star.svg").read_text() == "<svg/>"
    assert (out / "files/report.pdf").read_text() == "%PDF"
    assert not (out / "img/.draft.png").exists()  # hidden files stay home
    assert not (out / "notes").exists()  # only the folders named


def test_links_and_images_into_them_are_checked(site):
    assert problems_of(site) == []
    site.post("a.md", "title: A\ndate: 2024-05-03",
              "One.\n\n![Gone](/img/gone.png) ![Unpublished](/notes/map.png)\n\n"
              "[Gone](/files/gone.pdf) [Hidden](/img/.draft.png) [no](/notes/private.txt) [Nowhere](/nowhere/x/)\n")
    unpublished = "the folder notes of the content folder is not published: add it to `static:` in site.yml, like " \
                  "`static: [img, files, notes]`"
    assert problems_of(site) == [
        ("posts/a.md", 7, "warning", "image /img/gone.png not found: there is no file /img/gone.png in the static "
                                     "folder img"),
        ("posts/a.md", 7, "warning", f"image /notes/map.png not found: {unpublished}"),
        ("posts/a.md", 9, "error", "link to /files/gone.pdf, but there is no file /files/gone.pdf in the static "
                                   "folder files"),
        ("posts/a.md", 9, "error", "link to /img/.draft.png, but there is no file /img/.draft.png in the static "
                                   "folder img (hidden files are not published)"),
        ("posts/a.md", 9, "error", f"link to /notes/private.txt, but {unpublished}"),
        ("posts/a.md", 9, "error", "link to /nowhere/x/, but the site has no page /nowhere/x/; fix the link or add "
                                   "the page"),
    ]


@pytest.mark.parametrize(("value", "message"), [
    ("img", "`static` should be a list of folder names, like [img, assets]"),
    ("[img/icons]", "`static` names 'img/icons': name a folder at the top of the content folder"),
    ("[.git]", "`static` names '.git': name a folder at the top of the content folder"),
    ("[_includes]", "`static` names '_includes': name a folder at the top of the content folder"),
    ("[media]", "`static` names 'media': name a folder at the top of the content folder"),
    ("[tags]", "`static` names 'tags', but Herald generates every page under /tags/; rename the folder"),
    ("[static]", "`static` names 'static', but Herald generates every page under /static/; rename the folder"),
    ("[archive]", "`static` names 'archive', but Herald generates every page under /archive/; rename the folder"),
    ("[feed.xml]", "`static` names 'feed.xml', but its file would lie inside /feed.xml, a file Herald generates"),
    ("[downloads]", "`static` names 'downloads', but there is no folder "),
])
def test_a_bad_setting_is_an_error_at_its_line(site, value, message):
    for folder in ("tags", "static", "archive", "feed.xml"):
        (site.root / folder).mkdir(exist_ok=True)
    site.site_yml(MINIMAL_SITE_YML + f"static: {value}\n")
    site.post("a.md", "title: A\ndate: 2024-05-03")  # links into a folder that is not static fail too
    [(path, line, severity, found)] = problems_of(site)
    assert (path, line, severity) == ("site.yml", 5, "error")
    assert found.startswith(message), found


def test_a_file_where_a_page_is_is_an_error(site):
    site.raw("img/index.html", "<p>gallery</p>")
    site.page("gallery.md", "title: Gallery\npermalink: /img/")
    assert problems_of(site) == [("img/index.html", None, "error", "the static file img/index.html would be written "
                                  "where the page of pages/gallery.md is; rename the file or give the page another "
                                  "permalink")]


def test_links_out_of_the_content_folder_are_not_followed(site, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text("SECRET")
    os.symlink(secret, site.root / "img" / "outside")
    os.symlink(site.root / "files" / "report.pdf", site.root / "img" / "report.pdf")  # inside: followed
    problems = problems_of(site)
    assert [(path, severity) for path, _, severity, _ in problems] == [("img/outside", "error")]
    assert "outside the content folder" in problems[0][3]
    os.unlink(site.root / "img" / "outside")
    build_site(site.root, tmp_path / "out")
    assert (tmp_path / "out/img/report.pdf").read_text() == "%PDF"
    assert not any("SECRET" in path.read_text(errors="ignore") for path in (tmp_path / "out").rglob("*")
                   if path.is_file())


def test_rebuilds_copy_and_remove_what_changed(site, tmp_path):
    builds = Builds(tmp_path, site.root)
    builds.rebuild_and_compare()
    (site.root / "img/logo.png").write_bytes(PNG + b" again")
    site.raw("files/new.txt", "new")
    (site.root / "img/icons/star.svg").unlink()
    summary = builds.rebuild_and_compare()
    assert (builds.out / "img/logo.png").read_bytes() == PNG + b" again"
    assert (builds.out / "files/new.txt").read_text() == "new"
    assert not (builds.out / "img/icons").exists()
    assert summary.kept > 0
    site.site_yml(MINIMAL_SITE_YML + "static: [img]\n")
    site.post("a.md", "title: A\ndate: 2024-05-03", "![Logo](/img/logo.png)\n")
    builds.rebuild_and_compare()
    assert not (builds.out / "files").exists()


def test_serve_serves_them_from_the_content_folder(site):
    client = create_app(site.root, watch=True).test_client()
    with client.get("/img/logo.png") as answer:
        assert answer.data == PNG
    with client.get("/files/report.pdf") as answer:
        assert answer.status_code == 200
    assert client.get("/img/.draft.png").status_code == 404
    assert client.get("/img/nothing.png").status_code == 404
    assert client.get("/2024/05/03/a/").status_code == 200


def test_a_folder_named_like_a_language_is_refused(site):
    site.site_yml(MINIMAL_SITE_YML + "languages:\n  - {code: en, name: English, default: true}\n"
                  "  - {code: fr, name: Français}\nstatic: [img, files, fr]\n")
    site.raw("fr/a.txt", "x")
    assert [(path, severity) for path, _, severity, _ in problems_of(site)] == [("fr", "error")]


def test_liquid_links_to_a_static_file_and_its_check(site):
    site.post("a.md", "title: A\ndate: 2024-05-03", "[Report]({% link files/report.pdf %})\n")
    assert problems_of(site) == []
    site.post("a.md", "title: A\ndate: 2024-05-03", "[Report]({% link files/gone.pdf %})\n")
    assert problems_of(site) == [("posts/a.md", 5, "error", "link to /files/gone.pdf, but there is no file "
                                  "/files/gone.pdf in the static folder files")]
