"""A seeded, realistic corpus of N blog posts, written as a Herald, a Pelican and a Hugo site.

Every tool gets the same posts (same words, dates, tags, categories, links, images and code blocks), the same
URLs (/YYYY/MM/DD/slug/, /tags/slug/), ten posts per listing page and feeds of twenty, so each is asked for
the same work as far as their features allow. Run `python -m bench.corpus OUT --posts 1000`.
"""

from __future__ import annotations

import argparse
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench import trees

DEFAULT_SEED = 2024
POSTS_PER_PAGE = 10
FEED_SIZE = 20
FIRST_DATE = datetime(2014, 1, 6, 8, 0)
LAST_DATE = datetime(2025, 12, 20, 18, 0)

TAGS = (
    "air-quality", "cycling", "schools", "walking", "buses", "trains", "trees", "parks", "noise", "heat",
    "flooding", "energy", "housing", "health", "children", "elderly", "data", "sensors", "council", "budget",
    "petition", "volunteers", "events", "press", "research", "law", "transport", "climate", "food", "water",
)
CATEGORIES = ("News", "Campaign", "Research", "Events", "Opinion")
LANGUAGES = ("python", "javascript", "bash", "yaml", "json", "sql", "html", "go")
IMAGE_NAMES = ("street.png", "sensor.png", "chart.png", "march.png", "park.png")
WORDS = (
    "air street school council city children cough traffic queue morning winter summer neighbour volunteer "
    "sensor reading number hour week month year report measure count map window sill bus train bicycle "
    "lane crossing pavement tree park river bridge market square library hospital clinic doctor nurse parent "
    "teacher pupil playground gate road junction corner shop bakery cafe kitchen stove fire chimney smoke "
    "dust particle gas engine idling petrol diesel electric battery charge meeting minutes motion vote budget "
    "plan policy law right health lung heart asthma study paper data chart trend change rise fall limit "
    "threshold target promise letter petition signature campaign march banner poster leaflet newsletter "
    "press radio story question answer reason evidence result method sample average peak median spring "
    "autumn rain wind heat cold clean fresh open quiet busy narrow wide safe slow fast early late together "
    "local public shared simple careful honest small large long short new old good better best first last"
).split()
EXTERNAL_SITES = ("https://www.who.int/health-topics/air-pollution", "https://en.wikipedia.org/wiki/Air_pollution",
                  "https://example.org/reports/annual", "https://data.example.net/air/", "https://news.example.com/city")


@dataclass(frozen=True)
class BenchPost:
    """One post as every tool sees it: the same fields and the same Markdown body."""

    slug: str
    title: str
    date: datetime
    tags: tuple[str, ...]
    category: str
    body: str

    @property
    def url_path(self) -> str:
        return f"/{self.date:%Y/%m/%d}/{self.slug}/"


@dataclass(frozen=True)
class CorpusPaths:
    """The three trees of one corpus, and the post each benchmark run edits."""

    herald: Path
    pelican: Path
    hugo: Path
    edited: BenchPost


def generate_posts(count: int, seed: int = DEFAULT_SEED) -> list[BenchPost]:
    """`count` posts, oldest first, the same for the same seed on every machine."""
    rng = random.Random(seed)
    span = (LAST_DATE - FIRST_DATE).total_seconds()
    seconds = sorted(rng.uniform(0, span) for _ in range(count))
    posts: list[BenchPost] = []
    for number, offset in enumerate(seconds):
        title = _sentence(rng, rng.randint(3, 7)).rstrip(".")
        slug = f"{'-'.join(title.lower().split()[:5])}-{number}"
        date = (FIRST_DATE + timedelta(seconds=offset)).replace(microsecond=0)
        tags = tuple(rng.sample(TAGS, rng.randint(1, 4)))
        body = _body(rng, number, posts)
        posts.append(BenchPost(slug, title, date, tags, rng.choice(CATEGORIES), body))
    return posts


def _sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int, earlier: list[BenchPost]) -> str:
    sentences, written = [], 0
    while written < words:
        length = max(3, min(rng.randint(6, 18), words - written))
        sentence = _sentence(rng, length)
        roll = rng.random()
        if roll < 0.08 and earlier:
            target = rng.choice(earlier)
            sentence += f" See [{target.title.lower()}]({target.url_path})."
        elif roll < 0.12:
            sentence += f" Read [the source]({rng.choice(EXTERNAL_SITES)})."
        elif roll < 0.18:
            parts = sentence.split(" ")
            place = rng.randrange(1, len(parts) - 1)
            parts[place] = f"**{parts[place]}**" if roll < 0.15 else f"*{parts[place]}*"
            sentence = " ".join(parts)
        sentences.append(sentence)
        written += length
    return " ".join(sentences)


def _list(rng: random.Random) -> str:
    marker = rng.choice(("-", "1."))
    return "\n".join(f"{marker} {_sentence(rng, rng.randint(4, 10))}" for _ in range(rng.randint(3, 6)))


def _code_block(rng: random.Random) -> str:
    language = rng.choice(LANGUAGES)
    name = rng.choice(WORDS)
    lines = {
        "python": [f"def average_{name}(readings):", "    total = sum(r.value for r in readings)",
                   "    return total / max(len(readings), 1)", "", f"print(average_{name}([]))"],
        "javascript": [f"const {name} = readings.filter((r) => r.value > 40);",
                       f"console.log(`${{{name}.length}} readings over the limit`);"],
        "bash": [f"curl -s https://data.example.net/air/{name}.csv > {name}.csv", f"wc -l {name}.csv"],
        "yaml": ["sensor:", f"  name: {name}", "  interval: 60", "  units: ug/m3"],
        "json": ["{", f'  "sensor": "{name}",', '  "values": [12, 40, 33],', '  "ok": true', "}"],
        "sql": [f"SELECT day, avg(value) AS {name}", "FROM readings", "WHERE value > 40", "GROUP BY day;"],
        "html": [f'<figure class="{name}">', '  <img src="/media/chart.png" alt="">', "</figure>"],
        "go": ["func average(values []float64) float64 {", "\tvar total float64",
               "\tfor _, v := range values {", "\t\ttotal += v", "\t}", "\treturn total / float64(len(values))", "}"],
    }[language]
    return f"```{language}\n" + "\n".join(lines) + "\n```"


def _body(rng: random.Random, number: int, earlier: list[BenchPost]) -> str:
    """300 to 1,500 words: paragraphs under headings, with lists, links, images and code now and then."""
    target_words = rng.randint(300, 1500)
    heading_count = rng.choice((0, 1, 2, 3, 3, 4, 5))
    section_words = target_words // (heading_count + 1)
    blocks: list[str] = []
    has_code = number % 3 == 0
    for section in range(heading_count + 1):
        if section:
            level = "##" if section == 1 or rng.random() < 0.7 else "###"
            blocks.append(f"{level} {_sentence(rng, rng.randint(2, 5)).rstrip('.')}")
        written = 0
        while written < section_words:
            roll = rng.random()
            if roll < 0.1 and written:
                block = _list(rng)
            elif roll < 0.14 and written:
                block = f"> {_sentence(rng, rng.randint(8, 16))}"
            else:
                block = _paragraph(rng, min(rng.randint(40, 120), section_words - written), earlier)
            blocks.append(block)
            written += len(block.split())
    if rng.random() < 0.3:
        image = rng.choice(IMAGE_NAMES)
        blocks.insert(rng.randint(1, len(blocks)), f"![{_sentence(rng, 4).rstrip('.')}](/media/{image})")
    if has_code:
        blocks.insert(rng.randint(1, len(blocks)), _code_block(rng))
    return "\n\n".join(blocks) + "\n"


def png_bytes(width: int, height: int, seed: int) -> bytes:
    """A small, valid RGB PNG with a seeded pattern, so the media files are real images without shipping any."""
    rng = random.Random(seed)
    colours = [bytes(rng.randrange(256) for _ in range(3)) for _ in range(4)]
    rows = b"".join(b"\x00" + b"".join(colours[(x // 8 + y // 8) % 4] for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def media_files() -> dict[str, bytes]:
    return {name: png_bytes(96, 64, number) for number, name in enumerate(IMAGE_NAMES)}


def write_corpus(root: Path, count: int, seed: int = DEFAULT_SEED) -> CorpusPaths:
    """Write the three trees under root/{herald,pelican,hugo}; an existing corpus of the same shape is rewritten."""
    posts = generate_posts(count, seed)
    media = media_files()
    paths = CorpusPaths(root / "herald", root / "pelican", root / "hugo", posts[len(posts) // 2])
    trees.write_herald(paths.herald, posts, media)
    trees.write_pelican(paths.pelican, posts, media)
    trees.write_hugo(paths.hugo, posts, media)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder that receives herald/, pelican/ and hugo/")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    options = parser.parse_args()
    paths = write_corpus(options.out, options.posts, options.seed)
    print(f"Wrote {options.posts} posts into {paths.herald}, {paths.pelican} and {paths.hugo}")


if __name__ == "__main__":
    main()
