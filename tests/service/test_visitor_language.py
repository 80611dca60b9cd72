"""The service answers a visitor in the language of the page they came from, else their browser's (issue 15,
items 4 and 6): the page's `lang` field or its path's language folder, then `Accept-Language` among the
shipped catalogues, then English. Only the words change: the error's code and field names stay."""

from __future__ import annotations

import lxml.html
import pytest

FRENCH_PAGE = "/fr/2024/05/03/air-pur/"


def refused_comment(client, headers=None, **fields):
    """Post a comment with no name and no text, and return the JSON error and the response's language."""
    response = client.post("/api/comments", json={"author": "", "body": "", **fields}, headers=headers or {})
    assert response.status_code == 400
    return response.json["error"], response.headers["Content-Language"]


def test_a_comment_posted_from_a_french_page_gets_french_messages(client):
    error, language = refused_comment(client, page=FRENCH_PAGE)
    assert language == "fr"
    assert error == {"code": "invalid", "message": "Certains champs sont à revoir.",
                     "fields": {"author": "Écrivez le nom à afficher avec votre commentaire.",
                                "body": "Écrivez votre commentaire."}}


def test_the_page_outweighs_the_browser(client):
    error, language = refused_comment(client, {"Accept-Language": "ar"}, page=FRENCH_PAGE)
    assert language == "fr" and error["fields"]["body"] == "Écrivez votre commentaire."


def test_a_lang_field_names_the_page_language(client):
    error, language = refused_comment(client, {"Accept-Language": "fr"}, page="/about/", lang="es")
    assert language == "es" and error["fields"]["body"] == "Escriba su comentario."


@pytest.mark.parametrize(("accept", "language", "message"), [
    ("fr-CA,fr;q=0.9,en;q=0.5", "fr", "Certains champs sont à revoir."),
    ("ar", "ar", "بعض الحقول تحتاج إلى مراجعة."),
    ("de-DE,de;q=0.9", "en", "Some fields need attention."),  # no German catalogue: English
    (None, "en", "Some fields need attention."),
])
def test_without_a_page_language_the_browser_decides(client, accept, language, message):
    headers = {"Accept-Language": accept} if accept else {}
    error, answered_in = refused_comment(client, headers, page="/about/")
    assert (answered_in, error["message"]) == (language, message)


def test_a_page_folder_herald_has_no_catalogue_for_is_no_language(client):
    error, language = refused_comment(client, page="/de/ueber-uns/")
    assert language == "en" and error["fields"]["author"] == "Write the name to show with your comment."


def test_a_form_post_from_a_french_page_gets_its_error_page_in_french(client):
    response = client.post("/api/comments", data={"page": FRENCH_PAGE, "author": "Ada", "body": ""})
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = lxml.html.fromstring(response.text)
    [section] = page.xpath("//section[@class='error-page']")
    assert (section.get("lang"), section.get("dir")) == ("fr", "ltr")
    assert section.findtext("h1") == "Vérifiez ce que vous avez envoyé"
    assert [item.text_content() for item in section.xpath(".//ul[@class='field-problems']/li")] == [
        "Message: Écrivez votre commentaire."]
    assert section.xpath(".//a[@class='button']")[0].text == "Retour à la page"


def test_an_arabic_visitor_gets_the_error_page_right_to_left(client):
    response = client.post("/api/board/threads", data={"title": "", "author": "Ann", "body": "Hi"},
                           headers={"Accept-Language": "ar"})
    [section] = lxml.html.fromstring(response.text).xpath("//section[@class='error-page']")
    assert (section.get("lang"), section.get("dir")) == ("ar", "rtl")
    assert section.findtext("h1") == "راجع ما أرسلته"
    assert section.xpath(".//ul[@class='field-problems']//strong")[0].text == "العنوان:"


def test_the_boards_own_pages_stay_in_one_language_english(client):
    """Their own words are not translated yet: the site's form partials they show must not switch alone."""
    response = client.get("/board/threads/", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    assert "Start thread" in response.text and "Lancer la discussion" not in response.text


@pytest.mark.parametrize("lang", ["../../../etc", "/" + "a" * 500, "fr\x00"])
def test_a_language_is_matched_against_the_catalogues_never_looked_up_as_a_file(client, lang):
    error, language = refused_comment(client, page="/about/", lang=lang)
    assert language == "en" and error["message"] == "Some fields need attention."


def test_the_contact_form_answers_a_spanish_browser_in_spanish(client):
    response = client.post("/api/contact", json={"name": "", "email": "", "message": ""},
                           headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert response.status_code == 400
    assert response.json["error"]["fields"] == {"name": "Escriba su nombre.",
                                                "email": "Escriba su correo electrónico, para que podamos responderle.",
                                                "message": "Escriba un mensaje."}


def test_a_board_thread_from_an_arabic_browser_names_what_is_required_in_arabic(client):
    response = client.post("/api/board/threads", json={"title": "", "author": "Ann", "body": "Hi"},
                           headers={"Accept-Language": "ar"})
    assert response.json["error"]["fields"] == {"title": "مطلوب."}


def test_an_error_page_names_its_language_too(client):
    response = client.post("/api/comments", data={"page": FRENCH_PAGE, "author": "", "body": ""})
    assert response.mimetype == "text/html" and response.headers["Content-Language"] == "fr"
