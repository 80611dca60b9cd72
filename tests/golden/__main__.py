"""`python -m tests.golden`: build the sample in every shape and make that the expected output."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.golden import SHAPES, build_shape, normalised, write_expected

if __name__ == "__main__":
    for shape in SHAPES:
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "out"
            build_shape(shape, out)
            write_expected(shape, normalised(out))
        print(f"tests/golden/{shape}: refreshed; review it with `git diff --stat tests/golden`")
