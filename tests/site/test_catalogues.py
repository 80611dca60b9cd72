"""The theme's words in each shipped language (issue 15, items 3 and 6): every word the templates say is in
messages.pot and translated in every catalogue, plural forms and all; pages speak their own language, dates
and reading times included; a language without a catalogue reads English, with a warning."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from herald_site.build.pipeline import build_site
from herald_site.content import check_site
from herald_site.i18n import catalogue_locale, catalogue_path, shipped_locales, translations
from herald_site.reader_dates import reader_date
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

REPO = Path(__file__).resolve().parents[2]
POT = REPO / "site" / "locales" / "messages.pot"
SHIPPED = ["ar", "en", "es", "fr"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted_messages() -> set[str | tuple[str, str]]:
    """What the templates say, extracted now as `pybabel extract -F babel.cfg` does."""
    with (REPO / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {message if isinstance(message, str) else tuple(message)
            for _, _, message, _, _ in extract_from_dir(REPO, method_map, options_map)}


def catalogue_messages(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def test_herald_ships_english_french_spanish_and_arabic() -> None:
    assert shipped_locales() == SHIPPED


def test_messages_pot_holds_what_the_templates_say_now() -> None:
    """Run `pybabel extract` (docs/architecture.md, Languages) when this fails."""
    in_pot = {message.id if isinstance(message.id, str) else tuple(message.id)
              for message in catalogue_messages(POT) if message.id}
    assert in_pot == extracted_messages()


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_word_is_translated_in_every_form(locale: str) -> None:
    """A missing, empty or fuzzy string, a missing plural form or a stale entry fails: run `pybabel update` and
    translate what it adds."""
    catalogue = catalogue_messages(catalogue_path(locale), locale)
    messages = {message.id if isinstance(message.id, str) else tuple(message.id): message
                for message in catalogue if message.id}
    assert set(messages) == extracted_messages()
    assert not catalogue.obsolete
    for msgid, message in messages.items():
        assert not message.fuzzy, msgid
        forms = [message.string] if isinstance(msgid, str) else list(message.string)
        assert len(forms) == (1 if isinstance(msgid, str) else catalogue.num_plurals), msgid
        assert all(form.strip() for form in forms), msgid
        # a translation may leave a number out (Arabic writes "one minute" in words), never name another one
        allowed = set(PLACEHOLDER.findall(" ".join([msgid] if isinstance(msgid, str) else msgid)))
        assert all(set(PLACEHOLDER.findall(form)) <= allowed for form in forms), msgid


def test_arabic_has_six_plural_forms() -> None:
    minutes = translations("ar")
    read = [minutes.ngettext("%(count)s min read", "%(count)s min read", n) % {"count": n}
            for n in (1, 2, 3, 11, 100)]
    assert read == ["تُقرأ في دقيقة واحدة", "تُقرأ في دقيقتين", "تُقرأ في 3 دقائق", "تُقرأ في 11 دقيقة",
                    "تُقرأ في 100 دقيقة"]


@pytest.mark.parametrize(("code", "locale"), [("fr", "fr"), ("fr-CA", "fr"), ("ES", None), ("es", "es"),
                                              ("ar-EG", "ar"), ("pt-BR", None), ("nl", None)])
def test_a_code_takes_its_own_catalogue_or_its_language_s(code: str, locale: str | None) -> None:
    assert catalogue_locale(code) == locale


@pytest.mark.parametrize(("code", "written"), [
    ("en", "3 May 2024"),  # as Herald always wrote it
    ("fr", "3 mai 2024"),
    ("es", "3 de mayo de 2024"),
    ("ar", "3 مايو 2024"),
    ("en-US", "May 3, 2024"),  # a site saying American English reads American dates
    ("nl", "3 mei 2024"),  # no catalogue of words, but CLDR knows its dates
    ("xx", "3 May 2024"),
])
def test_dates_read_as_the_language_writes_them(code: str, written: str) -> None:
    assert reader_date(date(2024, 5, 3), code) == written


SITE_YML = MINIMAL_SITE_YML + """\
languages:
  - {code: en, name: English, default: true}
  - {code: fr, name: Français}
  - {code: es, name: Español}
  - {code: ar, name: العربية}
  - {code: nl, name: Nederlands}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalogues")
    content = ContentFolder(root / "content")
    content.site_yml(SITE_YML)
    for suffix, title in (("", "One"), (".fr", "Un"), (".es", "Uno"), (".ar", "واحد"), (".nl", "Een")):
        content.post(f"2024-05-03-one{suffix}.md", f"title: {title}\ntags: [air]")
    build_site(content.root, root / "out")
    return root / "out"


def page(built: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((built / path / "index.html").read_bytes())


@pytest.mark.parametrize(("folder", "words"), [
    ("", ["Skip to content", "Latest posts", "3 May 2024 · 1 min read", "Archive"]),
    ("fr/", ["Aller au contenu", "Derniers articles", "3 mai 2024 · 1 min de lecture", "Archives"]),
    ("es/", ["Saltar al contenido", "Últimos artículos", "3 de mayo de 2024 · 1 min de lectura", "Archivo"]),
    ("ar/", ["انتقل إلى المحتوى", "أحدث المقالات", "3 مايو 2024 · تُقرأ في دقيقة واحدة", "الأرشيف"]),
    ("nl/", ["Skip to content", "Latest posts", "3 mei 2024 · 1 min read", "Archive"]),
])
def test_each_home_speaks_its_language(built: Path, folder: str, words: list[str]) -> None:
    text = " ".join(page(built, folder).text_content().split())
    assert all(word in text for word in words), text


def test_a_page_s_labels_and_plurals_are_its_language_s(built: Path) -> None:
    tag = page(built, "ar/tags/air")
    assert tag.findtext(".//h1") == "الوسم: air"
    assert " ".join(tag.find_class("meta")[0].text_content().split()).startswith("مقال واحد")
    assert page(built, "fr/2024/05/03/one").xpath("//nav[@class='languages']/@aria-label") == ["Langues"]


def test_a_language_without_a_catalogue_is_a_warning_at_its_line(tmp_path: Path) -> None:
    content = ContentFolder(tmp_path)
    content.site_yml(SITE_YML)
    (problem,) = check_site(content.root)
    assert (problem.severity, problem.line, problem.field) == ("warning", 10, "languages")
    assert "no translation into nl" in problem.message and "English" in problem.message
    content.site_yml(MINIMAL_SITE_YML + "language: nl\n")
    (problem,) = check_site(content.root)
    assert (problem.line, problem.field) == (5, "language")
    content.site_yml(MINIMAL_SITE_YML + "language: fr\n")
    assert check_site(content.root) == []


def test_the_contact_form_speaks_its_pages_language(tmp_path: Path) -> None:
    """The form's choices read each topic's `labels` (issue 15, item 4), their values the keys the service takes."""
    content = ContentFolder(tmp_path / "content")
    content.site_yml("title: T\nurl: https://t.example.org\nservice_url: https://service.t.example.org\n"
                     "languages: [{code: en, name: English, default: true}, {code: fr, name: Français}]\n"
                     "contact_topics:\n  - {key: press, label: Press, address: p@t.org, labels: {fr: Presse}}\n"
                     "  - {key: other, label: Other, address: o@t.org}\n")
    content.page("contact.md", "title: Contact\ntemplate: contact")
    content.page("contact.fr.md", "title: Contact\ntemplate: contact")
    build_site(content.root, tmp_path / "out")

    def choices(path: str) -> list[tuple[str | None, str]]:
        options = page(tmp_path / "out", path).xpath("//select[@name='topic']/option")
        return [(option.get("value"), option.text) for option in options]

    assert choices("fr/contact") == [("press", "Presse"), ("other", "Other")]
    assert choices("contact") == [("press", "Press"), ("other", "Other")]
    # the form says its page's language, which the service answers in (tests/service/test_visitor_language.py)
    posted_language = "//form[@id='contact-form']//input[@name='lang']/@value"
    assert page(tmp_path / "out", "fr/contact").xpath(posted_language) == ["fr"]
    assert page(tmp_path / "out", "contact").xpath(posted_language) == ["en"]
