"""Calling a repository host's REST API: timeouts on every call, and its failures sorted into what to retry
(network, 5xx, 429: BackendUnavailable) and what to fix (401, 403: AccessRefused). The token travels in a header
only and never appears in a message or a log line."""

from __future__ import annotations

from typing import Any

import requests

from ..changes import AccessRefused, BackendUnavailable

USER_AGENT = "Herald content manager"


class ApiAnswer(Exception):
    """An answer the caller may expect and handle (404, 409, 422, 400), with its status and text."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"HTTP {status}: {text[:300]}")
        self.status = status
        self.text = text


class RestApi:
    """One host's API at `base`, with the headers every call carries."""

    def __init__(self, host: str, base: str, headers: dict[str, str], timeout: float) -> None:
        self.host = host
        self.base = base
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, **headers})

    def call(self, method: str, path: str, **options: Any) -> requests.Response:
        """The answer to `method path` when it is a success; ApiAnswer for another 4xx."""
        url = path if path.startswith(("http://", "https://")) else f"{self.base}{path}"
        try:
            response = self.session.request(method, url, timeout=self.timeout, **options)
        except requests.RequestException as error:
            raise BackendUnavailable(f"{self.host} cannot be reached ({type(error).__name__})") from error
        if response.status_code in (401, 403) and not _rate_limited(response):
            raise AccessRefused(f"{self.host} refused the service's token (HTTP {response.status_code}): check that "
                                "it is set, not expired, and allowed to write to the repository")
        if response.status_code == 429 or response.status_code >= 500 or _rate_limited(response):
            raise BackendUnavailable(f"{self.host} is unavailable (HTTP {response.status_code}); trying again later")
        if response.status_code >= 400:
            raise ApiAnswer(response.status_code, response.text)
        return response

    def json(self, method: str, path: str, **options: Any) -> Any:
        response = self.call(method, path, **options)
        try:
            return response.json()
        except ValueError as error:
            raise BackendUnavailable(f"{self.host} answered {method} {path} with something else than JSON") from error


def _rate_limited(response: requests.Response) -> bool:
    """GitHub answers an exhausted rate limit with 403 and X-RateLimit-Remaining: 0; that is worth waiting for."""
    return response.status_code == 403 and response.headers.get("X-RateLimit-Remaining") == "0"
