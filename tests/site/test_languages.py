"""Languages: site.yml's `language`/`languages`, a document's language from its file name or `lang:`, the
translation groups, and every error each rule can give, at its file, line and field (issue 15, item 1)."""

from __future__ import annotations

from datetime import datetime, timezone

import shutil
from pathlib import Path

import pytest

from herald_site.content import ContentError, Language, Problem, check_site, load_config, load_site
from herald_site.content.languages import canonical_code, default_direction
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import MINIMAL_SITE_YML
from tests.site.test_incremental import Builds, replace_in

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
LANGUAGES = """\
languages:
  - {code: en, name: English, default: true}
  - {code: fr, name: Français}
  - {code: ar, name: العربية}
"""
POST = "title: A post\ndate: 2024-05-03"
MULTILINGUAL_SITE_YML = MINIMAL_SITE_YML + LANGUAGES


@pytest.fixture
def multilingual(content):
    content.site_yml(MULTILINGUAL_SITE_YML)
    return content


def problems_of(content) -> list[tuple[str, int | None, str | None, str]]:
    """(file relative to content/, line, field, message) of every problem."""
    return [(p.path.relative_to(content.root).as_posix(), p.line, p.field, p.message) for p in check_site(content.root)]


def only_problem(content) -> Problem:
    problems = check_site(content.root)
    assert len(problems) == 1, problems
    return problems[0]


def config_error(content, text: str) -> ContentError:
    content.site_yml(MINIMAL_SITE_YML + text)
    with pytest.raises(ContentError) as caught:
        load_config(content.root)
    return caught.value


# --- site.yml ---


class TestSettings:
    def test_without_either_key_the_site_has_one_language_english(self, content):
        config = load_config(content.root)
        assert (config.language, config.languages, config.is_multilingual) == (
            "en", (Language("en", "en", "ltr", True),), False)

    @pytest.mark.parametrize(("written", "code", "direction"),
                             [("de", "de", "ltr"), ("ar", "ar", "rtl"), ("pt-br", "pt-BR", "ltr")])
    def test_language_alone_is_a_site_of_one_language(self, content, written, code, direction):
        content.site_yml(MINIMAL_SITE_YML + f"language: {written}\n")
        config = load_config(content.root)
        assert (config.language, config.languages) == (code, (Language(code, code, direction, True),))

    def test_a_list_of_languages(self, content):
        content.site_yml(MINIMAL_SITE_YML + (
            "languages:\n"
            "  - {code: fr, name: Français}\n"
            "  - {code: EN-gb, name: English, default: true}\n"
            "  - {code: fa, name: فارسی}\n"
            "  - {code: ur, name: اردو, direction: ltr}\n"
        ))
        config = load_config(content.root)
        assert config.languages == (
            Language("fr", "Français", "ltr", False),
            Language("en-GB", "English", "ltr", True),
            Language("fa", "فارسی", "rtl", False),
            Language("ur", "اردو", "ltr", False),  # a direction written wins over the table
        )
        assert (config.language, config.is_multilingual) == ("en-GB", True)

    def test_one_listed_language_is_the_default_without_saying_so(self, content):
        content.site_yml(MINIMAL_SITE_YML + "languages:\n  - {code: he, name: עברית}\n")
        assert load_config(content.root).languages == (Language("he", "עברית", "rtl", True),)

    @pytest.mark.parametrize(("code", "canonical"), [
        ("en", "en"), ("FR", "fr"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"),
        ("ast", "ast"), ("english", None), ("pt_BR", None), ("e", None), ("en-", None), ("fr-FR-x", None),
    ])
    def test_codes_are_bcp_47_in_its_usual_case(self, code, canonical):
        assert canonical_code(code) == canonical

    @pytest.mark.parametrize(("code", "direction"), [
        ("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl"), ("en", "ltr"),
        ("az-Arab", "rtl"), ("az-Latn", "ltr"), ("pa-Arab-PK", "rtl"), ("fr", "ltr"),
    ])
    def test_the_direction_comes_from_the_script_else_the_language(self, code, direction):
        assert default_direction(code) == direction

    @pytest.mark.parametrize(("text", "line", "needle"), [
        ("language: english\n", 5, "`language` 'english' is not a language code; write a language, then"),
        ("language: en_US\n", 5, "`language` 'en_US' is not a language code; write en-US"),
        ("languages: fr\n", 5, "`languages` should be a list of entries like `- {code: fr, name: Français}`"),
        ("languages: []\n", 5, "`languages` should be a list"),
        ("languages:\n  - fr\n", 6, "each entry of `languages` should be like"),
        ("languages:\n  - code: fr\n    name: Français\n    dir: rtl\n", 8,
         "unknown field `dir` in a `languages` entry; use code, name, direction, default"),
        ("languages:\n  - {name: Français}\n", 6, "a `languages` entry without `code`"),
        ("languages:\n  - {code: en, name: English}\n  - code: french\n    name: Français\n", 7,
         "`code` 'french' is not a language code"),
        ("languages:\n  - {code: no, name: Norsk}\n", 6,
         "`code` should be a language code such as en, fr or pt-BR, got False (quote it, like 'no'"),
        ("languages:\n  - {code: en, name: English}\n  - code: fr\n", 7, "the language fr needs a `name`"),
        ("languages:\n  - {code: en, name: English}\n  - code: fr\n    name: '  '\n", 8, "the language fr needs a"),
        ("languages:\n  - {code: en, name: English}\n  - code: ar\n    name: Arabic\n    direction: right\n", 9,
         "`direction` of ar should be ltr (left to right) or rtl (right to left), got 'right'"),
        ("languages:\n  - {code: en, name: English, default: yes please}\n", 6,
         "`default` of en should be true or false, got 'yes please'"),
        ("languages:\n  - {code: fr, name: Français}\n  - {code: en, name: English}\n", 5,
         "none of the `languages` is the default; add `default: true`"),
        ("languages:\n  - {code: fr, name: Français, default: true}\n  - code: en\n    name: English\n"
         "    default: true\n", 9, "fr and en are both marked `default: true`; the site has one default language"),
        ("languages:\n  - {code: fr, name: Français, default: true}\n  - {code: en, name: English}\n"
         "  - {code: FR, name: Français}\n", 8, "the language fr is listed twice (first at line 6)"),
    ])
    def test_a_bad_language_setting_names_its_line_and_field(self, content, text, line, needle):
        error = config_error(content, text)
        assert (error.line, error.field) == (line, "languages" if "languages" in text else "language")
        assert needle in error.message

    def test_language_and_languages_together(self, content):
        error = config_error(content, "language: en\n" + LANGUAGES)
        assert (error.line, error.field) == (6, "languages")
        assert error.message.startswith("both `language` (line 5) and `languages` are set; keep `languages`")


# --- a document's language ---


def test_a_suffix_of_one_of_the_languages_gives_the_language_and_leaves_the_slug(multilingual):
    multilingual.post("2024-05-03-why-we-started.fr.md", "title: Pourquoi")
    multilingual.post("2024-05-03-why-we-started.md", "title: Why")
    multilingual.page("about.AR.md", "title: عن")
    multilingual.page("about.en.md", "title: About")
    index = load_site(multilingual.root, now=NOW)
    french = index.find_by_url("/fr/2024/05/03/why-we-started/")
    assert (french.language, french.slug, french.date.day) == ("fr", "why-we-started", 3)
    assert index.find_by_url("/2024/05/03/why-we-started/").language == "en"
    assert [(page.language, page.slug, page.url_path) for page in index.pages] == [
        ("en", "about", "/about/"), ("ar", "about", "/ar/about/")]


@pytest.mark.parametrize(("name", "slug"), [("v1.2-release.md", "v1-2-release"), ("notes.de.md", "notes-de"),
                                            ("a.b.markdown", "a-b"), ("fr.md", "fr")])
def test_a_suffix_that_is_none_of_the_languages_stays_in_the_slug(multilingual, name, slug):
    multilingual.post(name, POST)
    (post,) = load_site(multilingual.root, now=NOW).posts
    assert (post.language, post.slug) == ("en", slug)


def test_a_site_of_one_language_reads_no_language_from_names(content):
    content.post("notes.en.md", POST)
    content.post("v1.2.md", POST)
    content.post("twice.md", POST)
    content.post("twice.markdown", "title: A post\ndate: 2024-05-04")  # one name, two posts: no translations
    content.page("about.md", "title: About\nlang: EN")
    index = load_site(content.root, now=NOW)
    assert sorted(post.url_path for post in index.posts) == [
        "/2024/05/03/notes-en/", "/2024/05/03/twice/", "/2024/05/03/v1-2/", "/2024/05/04/twice/"]
    assert [(page.language, page.url_path) for page in index.pages] == [("en", "/about/")]


def test_lang_in_the_frontmatter_gives_the_language(multilingual):
    multilingual.post("pourquoi.md", POST + "\nlang: FR")
    multilingual.post("same.fr.md", POST + "\nlang: fr")  # the name and `lang` agree
    index = load_site(multilingual.root, now=NOW)
    assert [(post.language, post.url_path) for post in index.listings["fr"].posts] == [
        ("fr", "/fr/2024/05/03/same/"), ("fr", "/fr/2024/05/03/pourquoi/")]
    assert index.posts == []


@pytest.mark.parametrize(("site", "document", "expected"), [
    pytest.param(MINIMAL_SITE_YML, ("post", "a.md", POST + "\nlang: fr"), (
        "posts/a.md", 4, "lang", "`lang` fr is not one of the site's languages (en); add it to `languages` in site.yml "
        "or correct the code"), id="one-language-lang-of-another"),
    pytest.param(MULTILINGUAL_SITE_YML, ("post", "a.md", POST + "\nlang: de"), (
        "posts/a.md", 4, "lang", "`lang` de is not one of the site's languages (en, fr, ar); add it to `languages` in "
        "site.yml or correct the code"), id="lang-not-of-the-site"),
    pytest.param(MULTILINGUAL_SITE_YML, ("post", "a.md", POST + "\nlang: french"), (
        "posts/a.md", 4, "lang", "`lang` 'french' is not a language code; write a language, then optionally a region, "
        "like en, fr or pt-BR"), id="lang-no-code"),
    pytest.param(MULTILINGUAL_SITE_YML, ("post", "a.md", POST + "\nlang: [fr]"), (
        "posts/a.md", 4, "lang", "`lang` should be a language code such as en, fr or pt-BR, got ['fr'] (quote it, like "
        "'no': YAML reads some bare words as true, false or numbers)"), id="lang-no-text"),
    pytest.param(MULTILINGUAL_SITE_YML, ("page", "about.fr.md", "title: À propos\nlang: ar"), (
        "pages/about.fr.md", 3, "lang", "the file name says fr (.fr.md) but `lang` says ar; remove `lang` or make the "
        "two agree"), id="name-and-lang-disagree"),
    pytest.param(MULTILINGUAL_SITE_YML, ("post", "a.md", POST + "\ntranslation_key: [a, b]"), (
        "posts/a.md", 4, "translation_key", "`translation_key` should be a word or a phrase, like why-we-started, got "
        "['a', 'b']"), id="translation-key-no-text"),
    # Each language but the default has its folder: its documents live there, and the others' do not.
    pytest.param(MULTILINGUAL_SITE_YML, ("page", "rues.fr.md", "title: Rues\npermalink: /rues/"), (
        "pages/rues.fr.md", 3, "permalink", "the Français (fr) pages live under /fr/; start the permalink with it, "
        "like /fr/rues/"), id="permalink-out-of-its-folder"),
    pytest.param(MULTILINGUAL_SITE_YML, ("page", "fr.md", "title: France"), (
        "pages/fr.md", 1, "permalink", "URL /fr/ lies under /fr/, where the Français (fr) pages live; choose another "
        "permalink or file name"), id="default-language-page-in-a-folder"),
    pytest.param(MULTILINGUAL_SITE_YML, ("post", "a.md", POST + "\npath: /ar/a/"), (
        "posts/a.md", 4, "path", "URL /ar/a/ lies under /ar/, where the العربية (ar) pages live; choose another "
        "permalink or file name"), id="default-language-path-in-a-folder"),
])
def test_a_document_s_language_problem_names_its_line_and_field(content, site, document, expected):
    content.site_yml(site)
    kind, name, frontmatter = document
    getattr(content, kind)(name, frontmatter)
    assert problems_of(content) == [expected]


def test_a_permalink_in_its_language_s_folder_is_fine(multilingual):
    multilingual.page("ecoles.fr.md", "title: Écoles\npermalink: /fr/ecoles/")
    assert load_site(multilingual.root, now=NOW).find_by_url("/fr/ecoles/").language == "fr"


@pytest.mark.parametrize(("name", "frontmatter"), [("tags.fr.md", ""), ("a.fr.md", "\npermalink: /fr/"),
                                                   ("b.fr.md", "\npermalink: /fr/feed.xml/x/")])
def test_a_language_folder_keeps_the_urls_of_herald_s_own_pages(multilingual, name, frontmatter):
    multilingual.page(name, "title: T" + frontmatter)
    problem = only_problem(multilingual)
    assert problem.field == "permalink"
    assert "/fr/ holds Herald's own pages in the Français (fr) too" in problem.message


# --- folders named like a language: Hugo's other convention ---


def test_a_folder_named_like_a_language_is_an_error_saying_how_to_name_files(multilingual):
    multilingual.raw("fr/posts/pourquoi.md", "---\ntitle: Pourquoi\n---\n")
    multilingual.post("AR/x.md", POST)
    multilingual.post("2024/y.md", POST)  # a folder of posts named otherwise is fine, and media may have any
    multilingual.media("fr/carte.svg")
    problems = problems_of(multilingual)
    assert [(path, line) for path, line, _, _ in problems] == [("fr", None), ("posts/AR", None)]
    assert problems[0][3] == (
        f"the folder {multilingual.root / 'fr'} is named like the language fr, but Herald reads a document's language "
        f"from its file name, not its folder: move its files into {multilingual.root / 'posts'} or "
        f"{multilingual.root / 'pages'}, named like why-we-started.fr.md (or give them `lang: fr`)"
    )
    assert "language ar" in problems[1][3]


def test_a_site_of_one_language_keeps_its_folders(content):
    content.post("fr/x.md", POST)
    assert [post.url_path for post in load_site(content.root, now=NOW).posts] == ["/2024/05/03/x/"]


# --- translations ---


def test_documents_of_one_name_translate_each_other(multilingual):
    multilingual.post("2024-05-03-why.md", "title: Why")
    multilingual.post("2024-05-03-why.ar.md", "title: لماذا")
    multilingual.post("2024-05-03-why.fr.md", "title: Pourquoi")
    multilingual.post("2024-05-04-alone.md", "title: Alone")
    index = load_site(multilingual.root, now=NOW)
    why = index.find_by_url("/2024/05/03/why/")
    versions = index.translations(why)
    assert [(code, document.title) for code, document in versions.items()] == [
        ("en", "Why"), ("fr", "Pourquoi"), ("ar", "لماذا")]  # in site.yml's order
    assert index.translations(versions["ar"]) == versions
    alone = index.find_by_url("/2024/05/04/alone/")
    assert index.translations(alone) == {"en": alone}


def test_a_translation_key_links_documents_of_any_name(multilingual):
    multilingual.page("schools.md", "title: Schools\ntranslation_key: schools")
    multilingual.page("ecoles.fr.md", "title: Écoles\ntranslation_key: schools")
    multilingual.page("madaris.md", "title: مدارس\nlang: ar\ntranslation_key: schools")
    multilingual.page("schools-old.fr.md", "title: Anciennes écoles")  # a name shared with nothing
    index = load_site(multilingual.root, now=NOW)
    schools = index.find_by_url("/schools/")
    assert {code: page.url_path for code, page in index.translations(schools).items()} == {
        "en": "/schools/", "fr": "/fr/ecoles/", "ar": "/ar/madaris/"}


def test_a_draft_translation_is_not_one_of_the_versions(multilingual):
    multilingual.post("why.md", POST)
    multilingual.post("why.fr.md", POST + "\ndraft: true")
    index = load_site(multilingual.root, now=NOW)
    assert list(index.translations(index.posts[0])) == ["en"]
    assert list(load_site(multilingual.root, now=NOW, drafts=True).translations(index.posts[0])) == ["en", "fr"]


@pytest.mark.parametrize(("documents", "expected"), [
    pytest.param(
        [("page", "a.fr.md", "title: A\ntranslation_key: k"), ("page", "b.md", "title: B\nlang: fr\ntranslation_key: k")],
        ("pages/b.md", 4, "translation_key", "pages/a.fr.md:3 and this file are both in fr and translate each other "
         "(translation_key 'k'); a document has one version per language: change the `lang` or the "
         "`translation_key` of one of them, or rename it"),
        id="one-language-twice"),
    pytest.param(
        [("post", "a.md", POST + "\ntranslation_key: k"), ("page", "b.fr.md", "title: B\ntranslation_key: k")],
        ("pages/b.fr.md", 3, "translation_key", "this page and the post posts/a.md:4 translate each other "
         "(translation_key 'k'); a post translates posts and a page pages: give one another `translation_key`"),
        id="a-post-and-a-page"),
    pytest.param(
        [("page", "why.md", "title: Why\ntranslation_key: why"), ("page", "why.fr.md", "title: Pourquoi"),
         ("page", "why.ar.md", "title: لماذا\ntranslation_key: other")],
        ("pages/why.ar.md", 3, "translation_key", "this file has translation_key 'other' but shares its name with "
         "pages/why.fr.md (none), pages/why.md (translation_key 'why'), which makes them translations of each "
         "other; give them all the same `translation_key`, or rename one"),
        id="one-name-two-keys"),
])
def test_a_broken_translation_group_names_both_files_and_lines(multilingual, documents, expected):
    for kind, name, frontmatter in documents:
        getattr(multilingual, kind)(name, frontmatter)
    assert problems_of(multilingual) == [expected]


def test_the_default_language_written_twice_by_name(multilingual):
    multilingual.page("about.md", "title: About")
    multilingual.page("about.en.md", "title: About again")
    problems = [(path, line, field) for path, line, field, message in problems_of(multilingual)
                if "translate each other" in message]
    assert problems == [("pages/about.md", 1, None)]  # about.en.md sorts first; the URL claim is reported too


# --- the index: each language's lists, every document at its URL ---


def test_each_language_lists_its_own_posts(multilingual):
    for day, name in [(1, "one"), (2, "two"), (3, "three")]:
        multilingual.post(f"2024-05-0{day}-{name}.md", f"title: {name}\ntags: [air]")
        multilingual.post(f"2024-05-0{day}-{name}.fr.md", f"title: {name} fr\ntags: [air]\ncategories: [Air pur]")
    index = load_site(multilingual.root, now=NOW)
    assert [post.title for post in index.posts] == ["three", "two", "one"]  # the default language's, at the root
    assert [post.title for post in index.years[2024]] == ["three", "two", "one"]
    assert [post.title for post in index.tags["air"].posts] == ["three", "two", "one"]
    assert index.categories == {}
    french = index.listings["fr"]
    assert [post.title for post in french.posts] == ["three fr", "two fr", "one fr"]
    assert [post.title for post in french.tags["air"].posts] == ["three fr", "two fr", "one fr"]
    assert [post.title for post in french.categories["air-pur"].posts] == ["three fr", "two fr", "one fr"]
    assert list(french.years) == [2024]
    assert (index.next_post(french.posts[1]), index.previous_post(french.posts[1])) == (french.posts[0],
                                                                                        french.posts[2])
    assert (index.listings["ar"].posts, index.listings["ar"].tags) == ([], {})
    assert list(index.listings) == ["en", "fr", "ar"]
    assert [document.url_path for document in index.documents] == [
        "/2024/05/03/three/", "/2024/05/02/two/", "/2024/05/01/one/",
        "/fr/2024/05/03/three/", "/fr/2024/05/02/two/", "/fr/2024/05/01/one/"]


def test_the_sample_is_in_three_languages_and_its_translations_share_their_names():
    """English, French for all but two posts, and one Arabic page (issue 15, item 5; the time-lapse, issue 17)."""
    index = load_site(SAMPLE_CONTENT, now=NOW)
    assert index.config.languages == (Language("en", "English", "ltr", True), Language("fr", "Français", "ltr", False),
                                      Language("ar", "العربية", "rtl", False))
    versions = {document.url_path: list(index.translations(document)) for document in index.documents}
    assert versions["/about/"] == versions["/fr/about/"] == versions["/ar/about/"] == ["en", "fr", "ar"]
    assert versions["/join-the-count/"] == versions["/fr/rejoignez-le-comptage/"] == ["en", "fr"]
    assert [url for url, codes in versions.items() if codes != ["en", "fr"]] == [
        "/2026/06/18/sensor-timelapse/", "/2026/04/02/reading-the-sensors/", "/about/", "/ar/about/", "/fr/about/"]
    assert all(index.translations(version) == index.translations(document)
               for document in index.documents for version in index.translations(document).values())


# --- the build cache: a document's language and group are part of what a rebuild checks ---

OZONE = "posts/2026-07-01-ozone.md"  # a post no other links to, so it may move from one language to another
OZONE_FR = "/fr/2026/07/01/ozone/"
ARABIC_ENTRY = r"^  - code: ar\n(?:    .*\n)*"  # its lines, down to the next key of site.yml


def test_rebuilds_follow_languages_names_and_lang_as_a_clean_build_does(tmp_path: Path) -> None:
    builds = Builds(tmp_path, Path(shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")))
    content = builds.content
    builds.rebuild_and_compare()
    edits = [
        lambda: (content / OZONE).write_text("---\ntitle: Ozone in summer\ntags: [data]\n---\nHot days.\n"),
        lambda: (content / OZONE).rename(content / OZONE.replace(".md", ".fr.md")),
        lambda: (content / OZONE).write_text("---\ntitle: Ozone\ntags: [data]\n---\nOn hot days.\n"),
        lambda: replace_in(content / "posts/letter-to-the-council.md", r"^title:", "lang: fr\ntitle:"),
        lambda: replace_in(content / "posts/letter-to-the-council.md", r"^lang: fr\n", "translation_key: letter\n"),
        lambda: (content / OZONE).unlink(),
        lambda: (content / OZONE.replace(".md", ".fr.md")).rename(content / OZONE),
        # Without Arabic among the languages, about.ar.md's suffix is only part of its name: an English page.
        lambda: replace_in(content / "site.yml", ARABIC_ENTRY, ""),
        lambda: (content / "pages/about.ar.md").unlink(),
    ]
    seen = []
    for edit in edits:
        edit()
        builds.rebuild_and_compare()
        seen.append(tuple((builds.out / url.lstrip("/") / "index.html").is_file()
                          for url in (OZONE_FR, "/ar/about/", "/about-ar/")))
    assert seen == [(False, True, False), *[(True, True, False)] * 5, (False, True, False), (False, False, True),
                    (False, False, False)]
