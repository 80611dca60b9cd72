"""The Settings form's site.yml edits (service/cms/site_settings.py): only what the form changes changes, and the
site's own settings reader judges the result."""

from __future__ import annotations

import difflib

import pytest

from service.cms import site_settings
from service.http.errors import ValidationError
from tests.conftest import SAMPLE_CONTENT

SAMPLE = (SAMPLE_CONTENT / "site.yml").read_text(encoding="utf-8")


def form_of(values: site_settings.SettingsValues) -> dict[str, str]:
    """The form a browser posts back for `values`, unchanged."""
    form = {"title": values.title, "description": values.description}
    for key, rows in values.rows.items():
        for index, row in enumerate(rows):
            form.update({f"{key}-{index}-{name}": value for name, value in row.items()})
    return form


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_the_form_shows_the_sample_settings() -> None:
    values = site_settings.current_values(SAMPLE)
    assert values.title == "Clean Air Now"
    assert values.rows["nav"][1] == {"title": "About", "url": "/about/"}
    assert values.rows["social"][0] == {"network": "mastodon", "account": "@cleanairnow@mastodon.example.org",
                                        "label": ""}
    assert values.rows["contact_topics"][1] == {"key": "press", "label": "Press and media",
                                                "address": "press@cleanair.example.org"}


def test_an_unchanged_form_changes_nothing() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    assert site_settings.changed_text(SAMPLE, form) == SAMPLE


def test_one_change_changes_one_line_and_keeps_comments_order_and_other_keys() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    form["title"] = "Clean Air Now!"
    form["nav-1-title"] = "About us"
    form["contact_topics-1-label"] = "Press"
    after = site_settings.changed_text(SAMPLE, form)
    assert changed_lines(SAMPLE, after) == [
        "-title: Clean Air Now", "+title: Clean Air Now!",
        "-  - {title: About, url: /about/}", "+  - {title: About us, url: /about/}",
        "-  - {key: press, label: Press and media, address: press@cleanair.example.org, "
        "labels: {fr: Presse et médias}}",
        "+  - {key: press, label: Press, address: press@cleanair.example.org, labels: {fr: Presse et médias}}",
    ]


def test_rows_are_added_and_removed() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    form.update({"nav-4-title": "Donate", "nav-4-url": "https://donate.example.org/"})
    form.update({"social-2-network": "", "social-2-account": "", "social-2-label": ""})  # YouTube's row emptied
    form.update({"social-5-network": "mastodon", "social-5-account": "https://mastodon.example.org/@press",
                 "social-5-label": "Press office"})
    after = site_settings.changed_text(SAMPLE, form)
    values = site_settings.current_values(after)
    assert values.rows["nav"][-1] == {"title": "Donate", "url": "https://donate.example.org/"}
    assert [row["network"] for row in values.rows["social"]] == ["mastodon", "bluesky", "instagram", "email",
                                                                  "mastodon"]
    assert "  - {network: mastodon, url: https://mastodon.example.org/@press, label: Press office}" in after
    assert "# The campaign's accounts, in the order the footer lists them." in after


def test_the_sites_reader_refuses_a_bad_value_at_its_field() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    form["social-0-account"] = "cleanairnow"  # a Mastodon handle without its server
    with pytest.raises(ValidationError) as caught:
        site_settings.changed_text(SAMPLE, form)
    assert set(caught.value.fields) == {"social"}
    assert "names its server too" in caught.value.fields["social"]
    assert "line" in caught.value.fields["social"]


def test_a_row_missing_a_value_is_refused_at_its_list() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    form["contact_topics-0-address"] = ""
    with pytest.raises(ValidationError) as caught:
        site_settings.changed_text(SAMPLE, form)
    assert caught.value.fields == {"contact_topics": "Each topic needs a key, a label and an address."}


def test_the_title_is_required() -> None:
    form = form_of(site_settings.current_values(SAMPLE))
    form["title"] = " "
    with pytest.raises(ValidationError) as caught:
        site_settings.changed_text(SAMPLE, form)
    assert "needs a title" in caught.value.fields["title"]


def test_a_new_file_gets_the_keys_it_lacked() -> None:
    after = site_settings.changed_text("url: https://example.org  # where the site lives\n",
                                       {"title": "A new site", "nav-0-title": "Home", "nav-0-url": "/"})
    assert after == ("url: https://example.org  # where the site lives\ntitle: A new site\n"
                     "nav:\n  - {title: Home, url: /}\n")


def test_overlong_values_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        site_settings.values_from_form({"title": "x" * 501, "nav-0-title": "y" * 501, "description": "fine"})
    assert set(caught.value.fields) == {"title", "nav"}


def test_yaml_that_does_not_parse_is_reported_not_raised() -> None:
    with pytest.raises(ValidationError) as caught:
        site_settings.current_values("title: [unclosed\n")
    assert "cannot be read as YAML" in caught.value.fields["title"]
