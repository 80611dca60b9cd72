"""A caption file is checked before a page points a `<track>` at it: a browser silently shows nothing for a
WebVTT file it cannot parse, so the mistake is the build's to report, at its line.

What is checked is what breaks captions in practice (W3C WebVTT, sections 4.1 and 6.1): the `WEBVTT` header,
each cue's timing line `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]` with minutes and seconds under 60, an end
after its start, and cues in order of their start. NOTE, STYLE and REGION blocks are skipped. Bounded: a file
over MAX_BYTES is refused unread, and at most MAX_PROBLEMS are reported.
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 2_000_000
MAX_PROBLEMS = 20
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIME = r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


def webvtt_problems(path: Path) -> list[tuple[int | None, str]]:
    """The mistakes of the caption file at `path`, each with its line (None for the file as a whole)."""
    if path.stat().st_size > MAX_BYTES:
        return [(None, f"a caption file of over {MAX_BYTES // 1_000_000} MB; split the video or its captions")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [(None, f"WebVTT is UTF-8, but byte {error.start} is not; save the file as UTF-8")]
    return check_webvtt(text)


def check_webvtt(text: str) -> list[tuple[int | None, str]]:
    """The mistakes of WebVTT `text`, each with its line number."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER.match(lines[0]):
        return [(1, "a WebVTT file starts with the line WEBVTT")]
    problems: list[tuple[int | None, str]] = []
    previous_start = -1.0
    for first, block in _blocks(lines):
        if len(problems) >= MAX_PROBLEMS:
            break
        timing_at = next((number for number, line in enumerate(block[:2]) if "->" in line), None)
        if timing_at is None:
            if not block[0].startswith(_SKIPPED_BLOCKS):
                problems.append((first, "a cue needs a timing line such as 00:00:01.000 --> 00:00:04.000"))
            continue
        line_number = first + timing_at
        found = _TIMING.match(block[timing_at])
        if found is None:
            message = f"malformed cue timing {block[timing_at]!r}; write hh:mm:ss.ttt --> hh:mm:ss.ttt"
            problems.append((line_number, message))
            continue
        start, end = _seconds(found.groups()[:4]), _seconds(found.groups()[4:])
        if None in (start, end):
            problems.append((line_number, "minutes and seconds in a cue timing run from 00 to 59"))
        elif end <= start:  # type: ignore[operator]
            problems.append((line_number, "a cue ends after it starts"))
        elif start < previous_start:  # type: ignore[operator]
            problems.append((line_number, "cues are in order of their start time"))
        else:
            previous_start = start  # type: ignore[assignment]
    return problems


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The blocks after the header, separated by blank lines, each with the number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(lines[1:], 2):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        else:
            current = []
    return [(first, block) for first, block in blocks if block][1:] if _header_block(lines) else blocks


def _header_block(lines: list[str]) -> bool:
    """Whether the header runs on past its first line (metadata lines), making the first block part of it."""
    return len(lines) > 1 and bool(lines[1].strip())


def _seconds(parts: tuple[str | None, ...]) -> float | None:
    hours, minutes, seconds, thousandths = parts
    if int(minutes or 0) > 59 or int(seconds or 0) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0) + int(thousandths or 0) / 1000
