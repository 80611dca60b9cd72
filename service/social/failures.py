"""Why a copy was not posted, in words an admin can act on. A failure is stored as one short line naming its
class (the server could not be reached, refused the credentials, rejected the post, failed itself), then the
network's raw answer, which the dashboard keeps folded away."""

from __future__ import annotations

UNREACHABLE = "Cannot reach the server."
UNEXPECTED = "Could not post (an unexpected error; see the details)."


def http_summary(status: int, message: str | None) -> str:
    """The short line for a network's HTTP error answer (`message`: the error it gave, if any)."""
    if status in (401, 403):
        return f"The server refused the credentials ({status}); set them again."
    if status >= 500:
        return f"The server had an error ({status}); it is tried again later."
    said = f": {message}" if message else ""
    return f"The server rejected the post ({status}){said}."


def stored(summary: str, detail: str) -> str:
    """The text kept on the copy: the short line, then the raw detail."""
    return f"{summary}\n{detail}"


def split(last_error: str) -> tuple[str, str]:
    """A stored failure's short line and raw detail (an error stored before short lines existed is all detail)."""
    summary, newline, detail = last_error.partition("\n")
    return (summary, detail) if newline else (UNEXPECTED, last_error)
