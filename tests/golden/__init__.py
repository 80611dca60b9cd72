"""The golden test's expected output: the sample site as `build.py build` writes it, kept in the repository.

Every build test elsewhere compares Herald with itself; this one compares a build with bytes a person has
looked at, as Pelican's `tests/output/basic` does, so any change in what a visitor receives shows up as a
diff in review. Two shapes are kept: the sample as committed (no service) and the same content built for a
service (`--service-url`, one that does not answer, so no comments are baked and the output stays fixed).

Text files are kept as they are, except the cache-busting hashes of the theme's assets (`?v=1a2b3c4d5e6f`),
which change with every stylesheet edit and would otherwise touch every page; the files themselves are kept,
so an edit still shows. Binary files, and the files a build copies as they are (the theme's `static/` and the
editors' `media/`, whose sources are in the repository already), are kept as SHA-256 digests in
`binary-files.sha256`.

After an intended change, refresh the expected output and review the diff:

    .venv/bin/python -m tests.golden
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner

from build import main
from tests.conftest import SAMPLE_CONTENT

GOLDEN_ROOT = Path(__file__).resolve().parent
UNANSWERED_SERVICE = "http://127.0.0.1:9"  # the discard port: nothing listens, the build warns and goes on
SHAPES: Mapping[str, tuple[str, ...]] = {
    "sample": (),
    "sample-with-service": ("--service-url", UNANSWERED_SERVICE),
}
BINARY_LIST = "binary-files.sha256"
# Each kept text file is named with this ending after its own, so tools that read the tree as code (linters,
# duplicate finders) leave the generated pages alone.
KEPT_SUFFIX = ".golden"
TEXT_SUFFIXES = {".html", ".xml", ".css", ".js", ".txt", ".svg", ".webmanifest", ".json"}
COPIED_FOLDERS = ("static/", "media/")
_ASSET_HASH = re.compile(r"\?v=[0-9a-f]{8,64}\b")


def build_shape(shape: str, out: Path) -> None:
    """Build the sample into `out` through the command line, as an editor or CI would."""
    result = CliRunner().invoke(
        main, ["build", "--content", str(SAMPLE_CONTENT), "--out", str(out), "--no-cache", *SHAPES[shape]]
    )
    if result.exit_code != 0:
        raise AssertionError(f"building the {shape} shape failed:\n{result.output}")


def normalised(out: Path) -> dict[str, str]:
    """What the golden copy keeps of a build: each text file normalised, each binary file's digest."""
    kept: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(out).as_posix()
        if path.suffix in TEXT_SUFFIXES and not relative.startswith(COPIED_FOLDERS):
            kept[relative] = _ASSET_HASH.sub("?v=HASH", path.read_text(encoding="utf-8"))
        else:
            kept[f"{BINARY_LIST}:{relative}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return kept


def expected(shape: str) -> dict[str, str]:
    """The golden copy of one shape, in the form `normalised` gives."""
    root = GOLDEN_ROOT / shape
    kept = {
        path.relative_to(root).as_posix().removesuffix(KEPT_SUFFIX): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob(f"*{KEPT_SUFFIX}"))
    }
    listing = root / BINARY_LIST
    for line in listing.read_text(encoding="utf-8").splitlines() if listing.exists() else ():
        digest, relative = line.split("  ", 1)
        kept[f"{BINARY_LIST}:{relative}"] = digest
    return kept


def write_expected(shape: str, build: Mapping[str, str]) -> None:
    """Replace the golden copy of `shape` with `build` (what `normalised` gave)."""
    root = GOLDEN_ROOT / shape
    shutil.rmtree(root, ignore_errors=True)
    digests = []
    for relative, text in build.items():
        if relative.startswith(f"{BINARY_LIST}:"):
            digests.append(f"{text}  {relative.split(':', 1)[1]}")
            continue
        path = root / f"{relative}{KEPT_SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / BINARY_LIST).write_text("".join(f"{line}\n" for line in digests), encoding="utf-8")
