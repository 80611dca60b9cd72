"""The stack itself: the built site and the service answer on one origin in a real browser."""

from tests.browser.conftest import screenshot


def test_home_page_renders_and_the_service_answers_on_the_same_origin(stack, page):
    page.goto(stack.url("/"))
    assert page.title().startswith("Clean Air Now")
    assert page.locator("nav a", has_text="About").count() >= 1
    health = page.request.get(stack.url("/healthz"))
    assert health.status == 200 and health.json()["status"] == "ok"
    screenshot(page, "home")
