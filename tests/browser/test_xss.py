"""Hostile visitor text in Chromium: every payload in tests/security/xss_payloads.py, posted through the API as
comment bodies, names and websites, board titles, names and posts, contact messages and button labels, runs
nowhere it is shown.

The places: the live comments (comments.js), the comments baked into a build made after they were posted, the
board page (board.js: thread list and every thread), the service's plain board pages, and the admin dashboard
(moderation queue, contact outbox, analytics labels and paths). A page fails when a dialog opens, when anything
calls the `__xss` sentinel (exposed in every frame), when template syntax was evaluated, or when the
visitor-content regions hold an element, attribute or URL the sanitizer must never let through (checked in the
page's own DOM, so the browser's parsing is what counts). Content-Security-Policy refusals in the console are
counted, not failed: the CSP is a second wall, and these tests check the first. The service's own pages run no
script under their CSP, so most of its hundreds of thread pages are fetched and parsed by Chromium rather than
visited one by one.
Each place prints an "XSS <place>: ..." line (even under capture) with the payloads and elements it checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from herald_site.build.built_site_server import static_site
from herald_site.build.pipeline import build_site
from service.board.validation import AUTHOR_MAX as BOARD_AUTHOR_MAX
from service.board.validation import PER_PAGE_MAX, TITLE_MAX
from service.comments.models import AUTHOR_MAX as COMMENT_AUTHOR_MAX
from service.contact.validation import NAME_MAX, SUBJECT_MAX
from service.events.models import LABEL_LENGTH
from herald_site.visitor_html import ALLOWED_TAGS, ALLOWED_URL_SCHEMES
from tests.browser.conftest import ADMIN_TOKEN, DESKTOP_USER_AGENT, HeraldStack, serving, start_stack
from tests.conftest import SAMPLE_CONTENT, free_port
from tests.security.xss_payloads import DANGEROUS_URLS, PAYLOADS, TEMPLATE_RESULT, WEBSITES, fit, one_line

POST = "/2026/03/14/why-we-started/"
BATCH = 100  # the dashboard lists the newest 100 of each kind
LATE_HANDLERS_MS = 500
SAFE_SCHEMES = sorted(f"{scheme}:" for scheme in ALLOWED_URL_SCHEMES)

# Every problem with the visitor-content regions of a parsed document, as text a person can read.
INSPECTION = """function inspect(doc, base, [regionSelectors, renderedSelectors, allowedTags, safeSchemes]) {
  const FORBIDDEN = "script, iframe, frame, frameset, object, embed, applet, form, input, textarea, select, img, " +
    "image, picture, video, audio, source, track, svg, math, style, link, meta, base, template, noscript, " +
    "marquee, portal, xmp, noembed";
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "data", "poster", "background", "srcset",
    "xlink:href", "ping", "cite", "longdesc", "lowsrc", "dynsrc"];
  const problems = [], unparsable = [], show = (element) => element.outerHTML.slice(0, 200);
  const regions = regionSelectors.flatMap((selector) => Array.from(doc.querySelectorAll(selector)));
  let elements = 0;
  for (const region of regions) {
    for (const element of [region, ...region.querySelectorAll("*")]) {
      elements += 1;
      if (element !== region && element.matches(FORBIDDEN)) problems.push("forbidden element: " + show(element));
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || name === "style" || name === "srcdoc") {
          problems.push("forbidden attribute " + name + ": " + show(element));
        }
        if (URL_ATTRIBUTES.includes(name)) {
          let scheme = null;
          try {
            scheme = new URL(attribute.value, base).protocol;
          } catch (error) {
            unparsable.push(show(element));
          }
          if (scheme !== null && !safeSchemes.includes(scheme)) {
            problems.push("unsafe " + name + " (" + scheme + "): " + show(element));
          }
        }
      }
    }
  }
  for (const selector of renderedSelectors) {
    for (const element of doc.querySelectorAll(selector + " *")) {
      if (!allowedTags.includes(element.localName)) problems.push("tag the sanitizer never allows: " + show(element));
    }
  }
  return {regions: regions.length, elements, problems, unparsable, text: doc.body.innerText};
}"""
# The page the tab shows.
INSPECT = "(settings) => { " + INSPECTION + " return inspect(document, document.baseURI, settings); }"
# Pages fetched by the tab and parsed by Chromium's HTML parser, without a navigation each: for the service's
# own pages, whose Content-Security-Policy runs no script anyway, so only what the markup holds matters.
INSPECT_FETCHED = "async ([urls, settings]) => { " + INSPECTION + """
  const found = [];
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    found.push({url, ...inspect(new DOMParser().parseFromString(html, "text/html"), url, settings)});
  }
  return found;
}"""


@dataclass
class Watch:
    """What one tab's hostile content did: sentinel calls, dialogs, and CSP refusals (information only)."""

    calls: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    csp_refusals: list[str] = field(default_factory=list)
    dead_links: set[str] = field(default_factory=set)  # URLs Chromium cannot parse go nowhere: reported only
    elements: int = 0
    views: int = 0

    def attach(self, tab: Page) -> Page:
        tab.expose_function("__xss", lambda *args: self.calls.append(tab.url))
        tab.on("dialog", self._dialog)
        tab.on("console", self._console)
        return tab

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type} {dialog.message!r} on {dialog.page.url if dialog.page else '?'}")
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_refusals.append(message.text)

    def check(self, tab: Page, regions: list[str], rendered: list[str]) -> None:
        """Fail on anything that ran or could run in the regions now shown (late handlers: see `report`)."""
        self._record(tab.url, tab.evaluate(INSPECT, [regions, rendered, sorted(ALLOWED_TAGS), SAFE_SCHEMES]), regions)

    def check_fetched(self, tab: Page, urls: list[str], regions: list[str], rendered: list[str]) -> None:
        """Fail on anything that could run in the regions of the pages at `urls` (see INSPECT_FETCHED)."""
        settings = [regions, rendered, sorted(ALLOWED_TAGS), SAFE_SCHEMES]
        for found in tab.evaluate(INSPECT_FETCHED, [urls, settings]):
            self._record(found["url"], found, regions)

    def _record(self, url: str, found: dict, regions: list[str]) -> None:
        assert found["regions"], f"none of {regions} is on {url}"
        assert found["problems"] == [], f"{url}:\n" + "\n".join(found["problems"][:20])
        self._nothing_ran()
        assert TEMPLATE_RESULT not in found["text"], f"template syntax was evaluated on {url}"
        self.dead_links.update(found["unparsable"])
        self.elements += found["elements"]
        self.views += 1

    def _nothing_ran(self) -> None:
        assert self.calls == [], f"the __xss sentinel ran on {self.calls}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"

    def report(self, tab: Page, capsys: pytest.CaptureFixture[str], place: str, shown: str) -> None:
        """After a pause for handlers that fire late (a failed image load), fail on any run, else print the tally."""
        tab.wait_for_timeout(LATE_HANDLERS_MS)
        self._nothing_ran()
        with capsys.disabled():
            print(f"\nXSS {place}: {len(PAYLOADS)} payloads ({shown}); {self.views} views, {self.elements} elements "
                  f"checked; 0 ran; {len(self.csp_refusals)} CSP refusals; links Chromium cannot parse: "
                  f"{sorted(self.dead_links) or 'none'}")


def post(api: requests.Session, stack: HeraldStack, path: str, fields: dict[str, str]) -> requests.Response:
    return api.post(stack.url(path), json=fields, timeout=10)


def created(answer: requests.Response) -> dict:
    assert answer.status_code == 201, answer.text
    return answer.json()


@dataclass
class Hostile:
    """What the hostile content became on one stack: counts to compare with what the pages show."""

    comments: int
    websites_kept: dict[str, int]
    thread_ids: list[int]
    reply_thread: int


def post_comments(api: requests.Session, stack: HeraldStack, payloads: list[str]) -> list[int]:
    """One comment per payload, the payload as its body and (cut to fit) its author's name."""
    return [created(post(api, stack, "/api/comments",
                         {"page": POST, "author": fit(payload, COMMENT_AUTHOR_MAX), "body": payload}))["id"]
            for payload in payloads]


def post_websites(api: requests.Session, stack: HeraldStack) -> dict[str, int]:
    """A comment per hostile website; the service refuses the non-http(s) ones: the ids of the kept ones."""
    kept = {}
    for number, website in enumerate(WEBSITES):
        answer = post(api, stack, "/api/comments",
                      {"page": POST, "author": f"Website {number}", "body": "A link to me.", "website": website})
        if answer.status_code == 400:
            assert set(answer.json()["error"]["fields"]) == {"website"}, answer.text
        else:
            kept[website] = created(answer)["id"]
    assert not set(kept) & set(DANGEROUS_URLS), "a website with a script scheme was accepted"
    return kept


def post_threads(api: requests.Session, stack: HeraldStack, payloads: list[str]) -> list[dict]:
    """One thread per payload: the payload as its title, its author's name and its opening post."""
    return [created(post(api, stack, "/api/board/threads", {
        "title": fit(payload, TITLE_MAX), "author": fit(payload, BOARD_AUTHOR_MAX), "body": payload}))
        for payload in payloads]


@pytest.fixture(scope="module")
def hostile(stack: HeraldStack) -> Hostile:
    """Every payload posted once to the module's stack (moderation off: everything is published at once)."""
    with requests.Session() as api:
        comments = post_comments(api, stack, PAYLOADS)
        websites_kept = post_websites(api, stack)
        thread_ids = [thread["id"] for thread in post_threads(api, stack, PAYLOADS)]
        replies = created(post(api, stack, "/api/board/threads",
                               {"title": "Every payload as a reply", "author": "Ivo", "body": "Replies below."}))
        for payload in PAYLOADS:
            created(post(api, stack, f"/api/board/threads/{replies['id']}/posts",
                         {"author": fit(payload, BOARD_AUTHOR_MAX), "body": payload}))
    return Hostile(len(comments) + len(websites_kept), websites_kept, thread_ids, replies["id"])


COMMENT_REGIONS = ["[data-comment-list]"]
COMMENT_BODIES = [".comment-body"]


def test_live_comments_run_no_payload(stack, hostile, page, capsys):
    watch = Watch()
    tab = watch.attach(page)
    tab.goto(stack.url(POST))
    expect(tab.locator("[data-comment-list] > .comment")).to_have_count(hostile.comments)
    watch.check(tab, COMMENT_REGIONS, COMMENT_BODIES)
    watch.report(tab, capsys, "live comments", f"bodies and names, {len(WEBSITES)} websites of which "
                                          f"{len(hostile.websites_kept)} accepted")


@pytest.fixture(scope="module")
def baked_origin(stack: HeraldStack, hostile: Hostile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built after the payloads were posted, so they are baked into the post page."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    out = tmp_path_factory.mktemp("baked") / "build"
    _summary, problems = build_site(SAMPLE_CONTENT, out, base_url=origin, service_url=stack.origin)
    assert not [problem for problem in problems if "comments" in str(problem)], problems
    with serving(static_site(out), port):
        yield origin


def test_baked_comments_run_no_payload(baked_origin, hostile, page, capsys):
    watch = Watch()
    tab = watch.attach(page)
    tab.route("**/api/comments?*", lambda route: route.abort())  # only what the build baked
    tab.goto(baked_origin + POST)
    expect(tab.locator("[data-comment-list] > .comment")).to_have_count(hostile.comments)
    watch.check(tab, COMMENT_REGIONS, COMMENT_BODIES)
    watch.report(tab, capsys, "baked comments", "bodies, names and accepted websites in the built HTML")


BOARD_JS_PER_PAGE = 10  # PER_PAGE in site/web/static/board.js
BOARD_LIST = ["[data-thread-list]"]
BOARD_THREAD = ["[data-thread-title]", "[data-thread-meta]", "[data-thread-posts]"]
BOARD_POSTS = ["[data-thread-posts] .comment-body"]


def open_board_thread(tab: Page, thread_id: int) -> None:
    """Open a thread on the board page the way a link does (board.js routes on the #thread-<id> hash)."""
    tab.evaluate("id => { location.hash = 'thread-' + id; }", thread_id)
    tab.wait_for_function("id => document.querySelector('[data-board-reply]').action.endsWith('/' + id + '/posts')"
                          " && !document.querySelector('[data-board-thread]').hidden", arg=thread_id)


def test_the_board_page_runs_no_payload(stack, hostile, page, capsys):
    watch = Watch()
    tab = watch.attach(page)
    tab.goto(stack.url("/board/"))
    pages = -(-(len(hostile.thread_ids) + 1) // BOARD_JS_PER_PAGE)
    for number in range(1, pages + 1):
        expect(tab.locator("[data-board-page-label]")).to_have_text(f"Page {number} of {pages}")
        watch.check(tab, BOARD_LIST, [])
        if number < pages:
            tab.get_by_role("button", name="Older threads →").click()
    for thread_id in [*hostile.thread_ids, hostile.reply_thread]:
        open_board_thread(tab, thread_id)
        watch.check(tab, BOARD_THREAD, BOARD_POSTS)
    expect(tab.locator("[data-thread-posts] > .board-post")).to_have_count(len(PAYLOADS) + 1)
    watch.report(tab, capsys, "board page (board.js)", f"{pages} list pages, {len(hostile.thread_ids) + 1} threads: "
                                                  "titles, names, posts and replies")


NO_JS_LIST = [".thread-list", "head > title"]
NO_JS_THREAD = ["main h1", ".board-posts", "head > title"]
NO_JS_POSTS = [".board-posts .comment-body"]


def test_the_plain_board_pages_run_no_payload(stack, hostile, page, capsys):
    watch = Watch()
    tab = watch.attach(page)
    threads = len(hostile.thread_ids) + 1
    pages = -(-threads // PER_PAGE_MAX)
    for number in range(1, pages + 1):
        tab.goto(stack.url(f"/board/threads/?per_page={PER_PAGE_MAX}&page={number}"))
        watch.check(tab, NO_JS_LIST, [])
    expect(tab.locator(".thread-list > li")).to_have_count(threads - PER_PAGE_MAX * (pages - 1))
    tab.goto(stack.url(f"/board/threads/{hostile.reply_thread}/"))  # every payload as a post, in one page
    expect(tab.locator(".board-posts > li")).to_have_count(len(PAYLOADS) + 1)
    watch.check(tab, NO_JS_THREAD, NO_JS_POSTS)
    watch.check_fetched(tab, [stack.url(f"/board/threads/{thread_id}/") for thread_id in hostile.thread_ids],
                        NO_JS_THREAD, NO_JS_POSTS)
    watch.report(tab, capsys, "plain board pages (service)", f"{pages} list pages, {threads} thread pages")


def test_the_watch_sees_a_payload_that_runs(page):
    """The detector itself: a page that does run hostile markup fails every check these tests rely on."""
    watch = Watch()
    tab = watch.attach(page)
    tab.set_content('<div id="visitor"><img src="x:x" onerror="__xss()"><a href="javascript:alert(1)">x</a>'
                    '<svg onload="alert(1)"></svg><p>{{41*1013}} = 41533</p></div>')
    tab.wait_for_timeout(150)
    found = tab.evaluate(INSPECT, [["#visitor"], ["#visitor"], sorted(ALLOWED_TAGS), SAFE_SCHEMES])
    assert watch.calls and watch.dialogs
    assert any("forbidden element: <img" in problem for problem in found["problems"])
    assert any("forbidden attribute onerror" in problem for problem in found["problems"])
    assert any("unsafe href (javascript:)" in problem for problem in found["problems"])
    assert any("tag the sanitizer never allows: <svg" in problem for problem in found["problems"])
    assert TEMPLATE_RESULT in found["text"]


@pytest.fixture(scope="module")
def moderated_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeraldStack]:
    """A second stack whose comments and board posts wait for the admin, so the queue shows every payload."""
    yield from start_stack(tmp_path_factory.mktemp("moderated"), HERALD_MODERATION="queue")


def sign_in(stack: HeraldStack, tab: Page) -> None:
    tab.goto(stack.url("/admin/"))
    tab.get_by_label("Admin token").fill(ADMIN_TOKEN)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(stack.url("/admin/"))


def batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def post_contact_messages(api: requests.Session, stack: HeraldStack, payloads: list[str]) -> list[int]:
    """One message per payload: as the name and subject (on one line, cut to fit) and as the message."""
    ids = []
    for payload in payloads:
        answer = post(api, stack, "/api/contact", {"name": one_line(fit(payload, NAME_MAX)), "email": "x@example.org",
                                                   "subject": one_line(fit(payload, SUBJECT_MAX)), "message": payload})
        assert answer.status_code == 202, answer.text
        ids.append(answer.json()["id"])
    return ids


QUEUE_REGIONS = [".queue-item .meta", ".queue-item .who", ".queue-item .rendered", ".queue-item .source",
                 ".queue-item .subject", ".queue-item .notice", "head > title"]
QUEUE_RENDERED = [".queue-item .rendered"]


def expect_listed(tab: Page, prefix: str, ids: list[int]) -> None:
    listed = set(tab.eval_on_selector_all(f"[id^='{prefix}-']", "items => items.map(item => item.id)"))
    assert {f"{prefix}-{id_}" for id_ in ids} <= listed, f"not every {prefix} of the batch is on {tab.url}"


def test_the_dashboard_runs_no_payload(moderated_stack, page, capsys):
    stack, watch = moderated_stack, Watch()
    tab = watch.attach(page)
    sign_in(stack, tab)
    with requests.Session() as api:
        for batch in batches(PAYLOADS, BATCH):  # the dashboard shows the newest 100 of each kind
            comments = post_comments(api, stack, batch)
            openings = [thread["posts"][0]["id"] for thread in post_threads(api, stack, batch)]
            messages = post_contact_messages(api, stack, batch)
            tab.goto(stack.url("/admin/"))
            expect_listed(tab, "comment", comments)
            expect_listed(tab, "board-post", openings)
            watch.check(tab, QUEUE_REGIONS, QUEUE_RENDERED)
            tab.goto(stack.url("/admin/outbox"))
            expect_listed(tab, "message", messages)
            watch.check(tab, QUEUE_REGIONS, [])
        kept = post_websites(api, stack)
        labels_shown = post_hostile_beacons(api, stack)
    tab.goto(stack.url("/admin/"))
    expect_listed(tab, "comment", list(kept.values()))
    watch.check(tab, QUEUE_REGIONS, QUEUE_RENDERED)
    tab.goto(stack.url("/admin/analytics"))
    expect(tab.locator("svg#chart-buttons .chart-label")).to_have_count(10)
    expect(tab.locator(".chart-data td", has_text=HOSTILE_PATHS[0])).to_have_count(1)
    watch.check(tab, ANALYTICS_REGIONS, [])
    watch.report(tab, capsys, "admin dashboard", f"queue: comments and board posts; outbox: contact names, subjects "
                                                 f"and messages; {len(kept)} accepted websites; analytics: every "
                                                 f"payload as a button label ({labels_shown} listed), "
                                                 f"{len(HOSTILE_PATHS)} hostile page paths")


# Page paths are checked against the characters a URL path may hold; these are hostile ones that pass.
HOSTILE_PATHS = ["/javascript:__xss()", "/'onmouseover='__xss()'", "/&lt;script&gt;__xss()&lt;/script&gt;",
                 "/%3Cscript%3E__xss()%3C/script%3E", "/data:text/html;base64,PHNjcmlwdD4=", "/$%7B41*1013%7D"]
ANALYTICS_REGIONS = ["svg.chart title", "svg.chart desc", "svg.chart text", ".chart-data td"]


def post_hostile_beacons(api: requests.Session, stack: HeraldStack) -> int:
    """Every payload as a pressed button's label, and the hostile paths as page views; how many labels the
    analytics page lists (its busiest 50: with one press each, the first 50 in order of their text)."""
    headers = {"User-Agent": DESKTOP_USER_AGENT}
    for payload in PAYLOADS:
        beacon = {"type": "click", "path": "/", "label": one_line(fit(payload, LABEL_LENGTH))}
        assert api.post(stack.url("/api/events"), json=beacon, headers=headers, timeout=10).status_code == 204
    for path in HOSTILE_PATHS:
        beacon = {"type": "pageview", "path": path}
        assert api.post(stack.url("/api/events"), json=beacon, headers=headers, timeout=10).status_code == 204
    listed = api.get(stack.url("/api/analytics/button_press"), headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    return len(listed.json()["by_label"])
