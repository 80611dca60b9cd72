"""site.yml's `social:`, the organisation's accounts: one list that the footer's `rel="me"` links, the JSON-LD
`sameAs` and the `fediverse:creator` tag are all made from. Each account is a network with a handle (its profile
URL derived by the network's rule) or a URL; a handle no rule can read is a ContentError at its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

from herald_site.content.frontmatter import YamlPath, yaml_line
from herald_site.content.model import ContentError

SOCIAL_KEY = "social"
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", re.I)
_USER = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+$")


@dataclass(frozen=True)
class SocialAccount:
    """One account: `url` is where its profile lives; `handle` the name people write (@name@server for Mastodon),
    when it has one."""

    network: str  # the network's key in NETWORKS
    url: str
    handle: str | None = None
    label: str = ""  # what the footer's link says in place of the network's name (`label:` in site.yml)

    @property
    def name(self) -> str:
        """What the footer's link says: the account's `label`, else its network's name."""
        return self.label or NETWORKS[self.network].name

    @property
    def is_profile(self) -> bool:
        """Whether the account is a profile page, which the JSON-LD lists in `sameAs` (an address is not)."""
        return self.network != "email"


@dataclass(frozen=True)
class Network:
    """How a network's handles read: `url_of` makes the profile URL of a handle, or raises ValueError saying
    what a handle looks like there."""

    name: str
    url_of: Callable[[str], str]


def _mastodon(handle: str) -> str:
    name, _, server = handle.removeprefix("@").partition("@")
    if not _USER.match(name) or not server:
        raise ValueError("a Mastodon handle names its server too, like @cleanairnow@mastodon.social")
    if not _DOMAIN.match(server):
        raise ValueError(f"the server {server!r} of a Mastodon handle should be a host name like mastodon.social")
    return f"https://{server.lower()}/@{name}"


def _bluesky(handle: str) -> str:
    handle = handle.removeprefix("@")
    if not _DOMAIN.match(handle):
        raise ValueError("a Bluesky handle is a domain name, like cleanairnow.bsky.social")
    return f"https://bsky.app/profile/{handle.lower()}"


def _email(address: str) -> str:
    if not _EMAIL.match(address):
        raise ValueError("an email account is an address, like hello@example.org")
    return f"mailto:{quote(address, safe='@+')}"


def _user_at(address: str, *, at: bool = False) -> Callable[[str], str]:
    """The rule of a network whose profile is its address followed by the user's name (after an @ if `at`)."""
    def url_of(handle: str) -> str:
        name = handle.removeprefix("@")
        if not _USER.match(name):
            raise ValueError("a handle is a user name of letters, digits, dots, dashes and underscores")
        return address.format(("@" if at else "") + name)
    return url_of


NETWORKS: dict[str, Network] = {
    "mastodon": Network("Mastodon", _mastodon),
    "bluesky": Network("Bluesky", _bluesky),
    "youtube": Network("YouTube", _user_at("https://www.youtube.com/{}", at=True)),
    "instagram": Network("Instagram", _user_at("https://www.instagram.com/{}/")),
    "facebook": Network("Facebook", _user_at("https://www.facebook.com/{}")),
    "linkedin": Network("LinkedIn", _user_at("https://www.linkedin.com/company/{}/")),
    "x": Network("X", _user_at("https://x.com/{}")),
    "twitter": Network("Twitter", _user_at("https://x.com/{}")),
    "threads": Network("Threads", _user_at("https://www.threads.net/{}", at=True)),
    "tiktok": Network("TikTok", _user_at("https://www.tiktok.com/{}", at=True)),
    "github": Network("GitHub", _user_at("https://github.com/{}")),
    "pixelfed": Network("Pixelfed", _mastodon),
    "peertube": Network("PeerTube", _mastodon),
    "email": Network("Email", _email),
}
SHAPE = "`- {network: mastodon, handle: \"@name@server\"}` or `- {network: youtube, url: https://...}`"


class _EntryProblem(Exception):
    """What is wrong with one entry of `social:`: the field (`network`, `handle`, ...) and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def _mastodon_handle(url: str) -> str | None:
    """@name@server of a Mastodon profile URL (https://server/@name), for `fediverse:creator`."""
    parts = urlsplit(url)
    match = re.fullmatch(r"/@([A-Za-z0-9_][A-Za-z0-9._-]*)/?", parts.path)
    return f"@{match.group(1)}@{parts.hostname}" if match and parts.hostname else None


def _account(network_key: object, given: dict[str, Any]) -> SocialAccount:
    """One account from its entry; _EntryProblem when something in it cannot be read."""
    network = NETWORKS.get(str(network_key).strip().lower()) if isinstance(network_key, str) else None
    if network is None:
        raise _EntryProblem("network", f"unknown network {network_key!r}; Herald knows {', '.join(NETWORKS)}")
    key = str(network_key).strip().lower()
    label = given.get("label") or ""
    if not isinstance(label, str):
        raise _EntryProblem("label", f"an account's `label` should be text, got {label!r}")
    handle, url = given.get("handle"), given.get("url")
    if (handle is None) == (url is None):
        raise _EntryProblem("handle", f"a {network.name} account needs either `handle` or `url` (one of them)")
    if url is not None:
        parts = urlsplit(str(url))
        allowed = ("mailto",) if key == "email" else ("http", "https")
        if not isinstance(url, str) or parts.scheme not in allowed or not (parts.netloc or parts.path):
            raise _EntryProblem("url", f"the {network.name} account's `url` should be an absolute URL, got {url!r}")
        found = _mastodon_handle(url) if key == "mastodon" else None
        return SocialAccount(key, url.strip(), found, label.strip())
    if not isinstance(handle, str) or not handle.strip():
        raise _EntryProblem("handle", f"the {network.name} account's `handle` should be text, got {handle!r}")
    try:
        profile = network.url_of(handle.strip())
    except ValueError as error:
        raise _EntryProblem("handle", f"the {network.name} handle {handle!r} cannot be read: {error}") from error
    shown = handle.strip() if key != "mastodon" else "@" + handle.strip().removeprefix("@")
    return SocialAccount(key, profile, shown, label.strip())


def _entries(value: object) -> list[tuple[YamlPath, object, dict[str, Any]]]:
    """(where in site.yml, network, the rest) of each entry, in either shape: a list of `{network, handle|url}`,
    or the older mapping of a network to its handle or URL."""
    if isinstance(value, dict):
        return [((SOCIAL_KEY, key), key, {"url" if re.match(r"[a-z]+://|mailto:", str(given)) else "handle": given})
                for key, given in value.items()]
    if not isinstance(value, list):
        raise _EntryProblem("", f"`{SOCIAL_KEY}` should be a list of accounts like {SHAPE}")
    entries = []
    for number, item in enumerate(value):
        if not isinstance(item, dict) or not set(item) <= {"network", "handle", "url", "label"}:
            raise _EntryProblem(str(number), f"entry {number + 1} of `{SOCIAL_KEY}` should look like {SHAPE}")
        entries.append(((SOCIAL_KEY, number), item.get("network"), item))
    return entries


def read_social_accounts(path: Path, text: str, value: object) -> tuple[SocialAccount, ...]:
    """site.yml's `social:` accounts, in its order; raises ContentError at the line of the first bad one."""
    if value is None:
        return ()
    try:
        entries = _entries(value)
    except _EntryProblem as problem:
        where = (SOCIAL_KEY, int(problem.field)) if problem.field else (SOCIAL_KEY,)
        raise ContentError(path, yaml_line(text, where), problem.message, SOCIAL_KEY) from problem
    accounts = []
    for where, network, given in entries:
        try:
            accounts.append(_account(network, given))
        except _EntryProblem as problem:
            inside = () if isinstance(where[-1], str) else (problem.field,)
            raise ContentError(path, yaml_line(text, (*where, *inside)), problem.message,
                               f"{SOCIAL_KEY}.{problem.field}") from problem
    return tuple(accounts)


def mastodon_creator(accounts: tuple[SocialAccount, ...]) -> str | None:
    """The handle `<meta name="fediverse:creator">` names: the first Mastodon account's."""
    return next((account.handle for account in accounts if account.network == "mastodon" and account.handle), None)
