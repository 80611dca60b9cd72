"""A video's files: each one missing from content/media/ is an error at the document's line, and a caption
file that is not WebVTT an error at its own line."""

from __future__ import annotations

import pytest

from herald_site.content import check_site
from herald_site.content.webvtt import MAX_PROBLEMS, check_webvtt

GOOD_VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello.\n\nintro\n00:02.500 --> 01:00:00.000 line:90%\nBye.\n"
VIDEO = '![video: The gate](/media/gate.webm){: sources="mp4" captions="en" }\n'


def errors(content) -> list[str]:
    return [str(problem) for problem in check_site(content.root) if problem.is_error]


def add_files(content, *names: str, vtt: str = GOOD_VTT) -> None:
    for name in names:
        content.media(name, vtt.encode() if name.endswith(".vtt") else b"bytes")


def test_a_video_with_all_its_files_is_fine(content):
    content.post("2024-05-03-film.md", "title: Film", "Intro.\n\n" + VIDEO)
    add_files(content, "gate.webm", "gate.mp4", "gate.jpg", "gate.en.vtt")
    assert errors(content) == []


@pytest.mark.parametrize(("missing", "what"), [
    ("gate.mp4", "file"), ("gate.en.vtt", "captions"), ("gate.jpg", "poster"), ("gate.webm", "file"),
])
def test_each_missing_file_is_an_error_at_the_video_line(content, missing, what):
    post = content.post("2024-05-03-film.md", "title: Film", "Intro.\n\n" + VIDEO)
    add_files(content, *(name for name in ("gate.webm", "gate.mp4", "gate.jpg", "gate.en.vtt") if name != missing))
    assert errors(content) == [
        f"{post}:6: video 'The gate': its {what} /media/{missing} is missing; add {content.root / 'media' / missing}"
    ]


def test_a_hosted_video_needs_only_a_poster_it_names(content):
    body = '![video: Ours](https://youtu.be/aqz-KE-bpKQ)\n\n![video: Named](https://vimeo.com/1){: poster="n.jpg" }\n'
    post = content.post("2024-05-03-film.md", "title: Film", body)
    [problem] = errors(content)
    assert problem.startswith(f"{post}:6: video 'Named': its poster /media/n.jpg is missing")


def test_a_caption_file_that_is_not_webvtt_is_an_error_at_its_line(content):
    content.post("2024-05-03-film.md", "title: Film", VIDEO)
    add_files(content, "gate.webm", "gate.mp4", "gate.jpg")
    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 -> 00:00:04.000\nbad\n"
    captions = content.media("gate.en.vtt", vtt)
    assert errors(content) == [
        f"{captions}:6: not valid WebVTT: malformed cue timing '00:00:03.000 -> 00:00:04.000'; "
        "write hh:mm:ss.ttt --> hh:mm:ss.ttt"
    ]


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD_VTT, []),
    ("\ufeffWEBVTT - a title\n\n00:01.000 --> 00:02.000\nx\n", []),
    ("WEBVTT\nKind: captions\nLanguage: fr\n\n00:01.000 --> 00:02.000\nx\n", []),
    ("WEBVTT\n\nNOTE a comment\nover lines\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:02.000\nx\n", []),
    ("1\n00:00:01,000 --> 00:00:02,000\nan SRT file\n", [(1, "a WebVTT file starts with the line WEBVTT")]),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx\n",
     [(3, "malformed cue timing '00:00:01,000 --> 00:00:02,000'; write hh:mm:ss.ttt --> hh:mm:ss.ttt")]),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx\n", [(3, "a cue ends after it starts")]),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nx\n\n00:00:01.000 --> 00:00:02.000\ny\n",
     [(6, "cues are in order of their start time")]),
    ("WEBVTT\n\n00:61.000 --> 01:02.000\nx\n", [(3, "minutes and seconds in a cue timing run from 00 to 59")]),
    ("WEBVTT\n\njust some text\n", [(3, "a cue needs a timing line such as 00:00:01.000 --> 00:00:04.000")]),
])
def test_webvtt_checks(text, expected):
    assert check_webvtt(text) == expected


def test_a_file_of_many_mistakes_reports_a_bounded_number():
    text = "WEBVTT\n\n" + "00:00:01 --> 00:00:02\nx\n\n" * 1000
    assert len(check_webvtt(text)) == MAX_PROBLEMS


@pytest.mark.parametrize(("value", "message"), [
    ("https://example.org/film", "`video` must be a YouTube or Vimeo address or a video under /media/"),
    ("/media/gone.webm", "`video` names /media/gone.webm, which content/media/ lacks"),
])
def test_a_featured_video_that_is_none_is_an_error_at_its_line(content, value, message):
    post = content.post("2024-05-03-film.md", f"title: Film\nvideo: {value}")
    assert errors(content) == [f"{post}:3: {message}"]


def test_a_featured_video_of_the_site_is_fine(content):
    content.post("2024-05-03-film.md", "title: Film\nvideo: /media/gate.webm")
    add_files(content, "gate.webm")
    assert errors(content) == []
