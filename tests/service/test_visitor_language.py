"""The service answers a visitor in the language of the page they came from, else their browser's (issue 15,
items 4 and 6): the page's `lang` field or its path's language folder, then `Accept-Language` among the
shipped catalogues, then English. Only the words change: the error's code and field names stay. Messages with
figures write them as the language does, counts taking its plural forms; the board's own pages and their
notices speak the visitor's language too."""

from __future__ import annotations

import lxml.html
import pytest

from herald_site.i18n import N_
from herald_site.page_shell import slot
from service.config import ConfigError
from service.http.phrases import Phrase, translated

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
        "Commentaire\u00a0: Écrivez votre commentaire."]  # the form's label, joined as French writes it
    assert section.xpath(".//a[@class='button']")[0].text == "Retour à la page"


def test_an_arabic_visitor_gets_the_error_page_right_to_left(client):
    response = client.post("/api/board/threads", data={"title": "", "author": "Ann", "body": "Hi"},
                           headers={"Accept-Language": "ar"})
    [section] = lxml.html.fromstring(response.text).xpath("//section[@class='error-page']")
    assert (section.get("lang"), section.get("dir")) == ("ar", "rtl")
    assert section.findtext("h1") == "راجع ما أرسلته"
    assert section.xpath(".//ul[@class='field-problems']//strong")[0].text == "العنوان"
    assert section.xpath(".//ul[@class='field-problems']/li")[0].text_content().startswith("العنوان: ")


def test_an_error_page_names_each_field_as_its_form_labels_it(client):
    response = client.post("/api/contact", data={"name": "", "email": "ada@example.org", "message": "Hi"},
                           headers={"Accept-Language": "en"})
    [item] = lxml.html.fromstring(response.text).xpath("//ul[@class='field-problems']/li")
    assert item.findtext("strong") == "Your name" and item.text_content().startswith("Your name: ")


def board_page(client, path="/board/threads/", **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.text)


def test_the_boards_own_pages_follow_the_browser(client):
    response, page = board_page(client, **{"Accept-Language": "fr"})
    [article] = page.xpath("//article[@class='page']")
    assert (article.get("lang"), article.get("dir")) == ("fr", "ltr") and response.headers["Content-Language"] == "fr"
    assert article.findtext("h1") == "Forum"
    assert page.xpath("//form[@id='thread-form']//button")[0].text == "Lancer la discussion"
    assert page.xpath("//form[@id='thread-form']//input[@name='lang']/@value") == ["fr"]  # its errors in French too
    assert "Start thread" not in response.text


def test_a_lang_in_the_address_names_the_board_page_language(client):
    _, page = board_page(client, "/board/threads/?lang=es", **{"Accept-Language": "fr"})
    assert page.xpath("//article/@lang") == ["es"] and page.findtext(".//h2[@id='board-title']") == "Temas"


def test_the_board_s_pages_keep_the_language_their_address_names_in_every_link_and_form(client):
    """Without JavaScript a visitor from a French page reads the board at ?lang=fr: each link between its pages
    and each form keeps it, so the next page is French too, whatever the browser's language."""
    ids = [client.post("/api/board/threads", json={"title": f"Air {n}", "author": "Ann", "body": "Hi"}).json["id"]
           for n in range(2)]
    _, page = board_page(client, "/board/threads/?lang=fr&per_page=1", **{"Accept-Language": "en"})
    [listed] = page.xpath("//ol[@class='thread-list']//h3/a/@href")
    assert listed == f"/board/threads/{ids[1]}/?lang=fr"
    [older] = page.xpath("//nav[@class='pagination']/a[@rel='next']/@href")
    assert "lang=fr" in older and page.xpath("//form[@id='thread-form']/@action") == ["/api/board/threads?lang=fr"]
    _, thread = board_page(client, listed, **{"Accept-Language": "en"})
    assert thread.xpath("//article/p/a/@href") == ["/board/threads/?lang=fr"]
    assert thread.xpath("//form[@id='reply-form']/@action") == [f"/api/board/threads/{ids[1]}/posts?lang=fr"]
    assert thread.xpath("//article/@lang") == ["fr"]
    reply = client.post(f"/api/board/threads/{ids[1]}/posts?lang=fr", data={"body": "Oui", "author": "Ann"},
                        headers={"Referer": f"http://localhost{listed}"})
    assert reply.status_code == 303 and reply.location.startswith(f"http://localhost{listed}&herald=")


def test_an_arabic_thread_page_reads_right_to_left_with_its_plural_and_date(client):
    thread = client.post("/api/board/threads", json={"title": "هواء نقي", "author": "Ann", "body": "Hi"}).json
    _, page = board_page(client, f"/board/threads/{thread['id']}/", **{"Accept-Language": "ar"})
    [article] = page.xpath("//article[contains(@class, 'board-thread')]")
    assert (article.get("lang"), article.get("dir")) == ("ar", "rtl")
    meta = article.xpath("p[@class='meta']")[0].text_content()
    assert meta.startswith("بدأه Ann") and meta.endswith("مشاركة واحدة")
    assert page.xpath("//form[@id='reply-form']//h2")[0].text == "أضف ردًّا"


def test_the_notice_after_a_plain_form_post_is_in_the_visitor_language(client):
    _, page = board_page(client, "/board/threads/?herald=board-posted", **{"Accept-Language": "es"})
    assert page.xpath("//p[@id='herald-board-posted']")[0].text == "Gracias, tu mensaje ya está en el foro."


def test_a_message_with_figures_writes_them_as_the_language_does(client):
    error, language = refused_comment(client, page=FRENCH_PAGE, author="Ada", body="x" * 10_001)
    assert language == "fr"
    assert error["fields"] == {"body": "Tenez-vous-en à 10\u202f000 caractères (il y en a 10\u202f001)."}


def test_a_count_takes_the_arabic_plural_form(client):
    response = client.post("/api/board/threads", json={"title": "t" * 201, "author": "Ann", "body": "Hi"},
                           headers={"Accept-Language": "ar"})
    assert response.json["error"]["fields"] == {"title": "لا تتجاوز 200 حرف (في النص 201)."}


def test_an_edit_without_its_token_is_refused_in_spanish(client):
    comment = client.post("/api/comments", json={"page": "/es/", "author": "Ana", "body": "Hola"}).json
    response = client.patch(f"/api/comments/{comment['id']}", json={"body": "Adiós", "lang": "es"})
    assert response.status_code == 403 and response.json["error"]["code"] == "token_missing"
    assert response.json["error"]["message"] == \
        "Envíe el token de edición que recibió al publicar: 'Authorization: Bearer <token>'."


def test_a_malformed_body_is_refused_in_the_browser_language(client):
    response = client.post("/api/comments", data="{", content_type="application/json",
                           headers={"Accept-Language": "fr"})
    assert response.json["error"] == {"code": "malformed", "message": "Le corps de la requête n’est pas du JSON valide.",
                                      "fields": {}}


def test_too_much_at_once_names_the_limit_in_the_visitor_language(client):
    response = client.post("/api/contact", json={"message": "a" * 70_000}, headers={"Accept-Language": "fr"})
    assert response.status_code == 413
    assert response.json["error"]["message"] == "C’est plus que les 64 Ko que le service accepte en une fois."


def test_the_rate_limit_names_its_figures_in_the_visitor_language(make_app):
    client = make_app(RATELIMIT_ENABLED=True, HERALD_LIMIT_BOARD="1 per minute").test_client()
    fields = {"title": "Hi", "author": "Ann", "body": "Hello", "lang": "es"}
    assert client.post("/api/board/threads", json=fields).status_code == 201
    refused = client.post("/api/board/threads", json=fields)
    assert refused.status_code == 429
    assert refused.json["error"]["message"] == "Se superó el límite de 1 envío en 1 minuto."


@pytest.mark.parametrize(("language", "written"), [("en", "Use press, general or help."),
                                                    ("fr", "Indiquez press, general ou help."),
                                                    ("ar", "استخدم press أو general أو help.")])
def test_a_list_of_choices_is_joined_as_the_language_joins_them(language, written):
    assert translated(Phrase(N_("Use %(options)s."), options=["press", "general", "help"]), language) == written


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


@pytest.mark.parametrize(("page", "language"), [("/about/", "fr"), ("/", "fr"), ("/ar/about/", "ar"),
                                                ("/es/about/", "fr")])  # Spanish is no language of this site
def test_told_the_site_s_languages_a_page_at_the_root_speaks_the_default(make_app, page, language):
    client = make_app(HERALD_SITE_LANGUAGES="fr,en,ar").test_client()
    _, answered_in = refused_comment(client, {"Accept-Language": "es"}, page=page)
    assert answered_in == language


def test_a_site_language_herald_has_no_words_for_reads_english(make_app):
    client = make_app(HERALD_SITE_LANGUAGES="nl,fr").test_client()
    _, answered_in = refused_comment(client, {"Accept-Language": "fr"}, page="/over-ons/")
    assert answered_in == "en"


def test_the_site_s_languages_must_be_language_codes(make_app):
    with pytest.raises(ConfigError, match="HERALD_SITE_LANGUAGES: '../etc' is no language code"):
        make_app(HERALD_SITE_LANGUAGES="en,../etc")


def test_before_the_site_s_shell_was_read_the_plain_one_speaks_the_page_language(make_app, tmp_path):
    client = make_app(HERALD_SITE_SHELL=str(tmp_path / "no-shell-yet.html")).test_client()
    _, page = board_page(client, **{"Accept-Language": "ar"})
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    assert page.xpath("//a[@class='skip-link']")[0].text == "انتقل إلى المحتوى"
    _, page = board_page(client)
    assert page.get("lang") == "en" and page.xpath("//a[@class='skip-link']")[0].text == "Skip to content"


def write_shell(path, language: str, words: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!DOCTYPE html><html lang="{language}"><head><title>{slot("title")} · {words}</title>'
                    f'{slot("head")}</head><body><p class="shell-words">{words}</p><main>{slot("main")}</main>'
                    '</body></html>', encoding="utf-8")


def test_a_page_in_a_language_of_the_site_wears_that_language_s_shell(make_app, tmp_path):
    """The site writes a shell per language (/fr/_herald/shell.html); the service dresses a French page in the
    French one, and a page in a language the site has no shell for in the default's."""
    write_shell(tmp_path / "_herald/shell.html", "en", "Clean Air Now")
    write_shell(tmp_path / "fr/_herald/shell.html", "fr", "De l’air pur")
    client = make_app(HERALD_SITE_SHELL=str(tmp_path / "_herald/shell.html"),
                      HERALD_SITE_LANGUAGES="en,fr,ar").test_client()
    for address, language, words in (("/board/threads/?lang=fr", "fr", "De l’air pur"),
                                     ("/board/threads/", "en", "Clean Air Now"),
                                     ("/board/threads/?lang=ar", "en", "Clean Air Now")):  # no Arabic shell yet
        _, page = board_page(client, address)
        assert (page.get("lang"), page.findtext(".//p[@class='shell-words']")) == (language, words), address
        assert page.findtext(".//title").endswith(words)
    response = client.post("/api/comments", data={"page": FRENCH_PAGE, "author": "", "body": ""})
    assert lxml.html.fromstring(response.text).get("lang") == "fr"  # the error page after a French form post
    write_shell(tmp_path / "ar/_herald/shell.html", "ar", "كلين إير")
    _, page = board_page(client, "/board/threads/?lang=ar")
    assert page.get("lang") == "ar"  # read as soon as it is there, as the default's is
