"""The content manager's settings: unset means no content manager; a backend chosen without what it needs, or
with a value that cannot be right, stops the start with a message naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cms.backends import backend_for
from service.cms.settings import load_settings
from service.config import ConfigError, resolve_settings


def settings(**overrides: object) -> dict[str, object]:
    return resolve_settings(overrides, environ={})


def test_no_backend_means_no_content_manager():
    assert backend_for(settings()) is None


@pytest.mark.parametrize(("overrides", "named"), [
    ({"HERALD_CMS_BACKEND": "svn"}, "HERALD_CMS_BACKEND='svn'"),
    ({"HERALD_CMS_BACKEND": "local"}, "HERALD_CMS_REPOSITORY"),
    ({"HERALD_CMS_BACKEND": "github", "HERALD_GITHUB_REPOSITORY": "cleanair/site"}, "HERALD_GITHUB_TOKEN"),
    ({"HERALD_CMS_BACKEND": "github", "HERALD_GITHUB_REPOSITORY": "not a repository", "HERALD_GITHUB_TOKEN": "t"},
     "HERALD_GITHUB_REPOSITORY"),
    ({"HERALD_CMS_BACKEND": "gitlab", "HERALD_GITLAB_PROJECT": "cleanair/site"}, "HERALD_GITLAB_TOKEN"),
    ({"HERALD_CMS_BACKEND": "gitlab", "HERALD_GITLAB_PROJECT": "7", "HERALD_GITLAB_TOKEN": "t",
      "HERALD_GITLAB_API": "gitlab.example.org"}, "HERALD_GITLAB_API"),
    ({"HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": "/x", "HERALD_CMS_BRANCH": "../main"},
     "HERALD_CMS_BRANCH"),
    ({"HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": "/x", "HERALD_CMS_CONTENT_PATH": "../content"},
     "HERALD_CMS_CONTENT_PATH"),
    ({"HERALD_CMS_BACKEND": "local", "HERALD_CMS_REPOSITORY": "/x", "HERALD_CMS_COMMITTER": "Herald"},
     "HERALD_CMS_COMMITTER"),
])
def test_a_wrong_or_missing_setting_is_named(overrides, named, tmp_path):
    with pytest.raises(ConfigError, match=named.replace("(", r"\(")):
        load_settings(settings(**overrides), tmp_path)


def test_a_local_backend_needs_a_working_clone(tmp_path: Path):
    with pytest.raises(ConfigError, match="HERALD_CMS_REPOSITORY=.*not a working clone"):
        backend_for(settings(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(tmp_path)))


def test_the_defaults(tmp_path: Path):
    parsed = load_settings(settings(HERALD_CMS_BACKEND="gitlab", HERALD_GITLAB_PROJECT="group/site",
                                    HERALD_GITLAB_TOKEN="t", HERALD_CMS_CONTENT_PATH="site/content/"), tmp_path)
    assert parsed is not None
    assert (parsed.branch, parsed.content_path, parsed.api, parsed.mirror) == (
        "main", "site/content", "https://gitlab.com/api/v4", tmp_path / "cms-mirror")
    assert (parsed.committer.name, parsed.committer.email) == ("Herald", "herald@localhost")
    assert parsed.repository_path("posts/x.md") == "site/content/posts/x.md"
