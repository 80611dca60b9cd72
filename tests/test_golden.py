"""The sample site's build compared with the expected output kept in tests/golden/ (see its docstring)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden import SHAPES, build_shape, expected, normalised

REFRESH = "refresh it with `.venv/bin/python -m tests.golden` and review the diff"


@pytest.mark.parametrize("shape", SHAPES)
def test_the_sample_builds_exactly_as_expected(shape: str, tmp_path: Path) -> None:
    build_shape(shape, tmp_path / "out")
    built, wanted = normalised(tmp_path / "out"), expected(shape)

    missing, extra = sorted(wanted.keys() - built.keys()), sorted(built.keys() - wanted.keys())
    assert not missing and not extra, f"files missing: {missing}; files not expected: {extra}; if intended, {REFRESH}"
    changed = [name for name in sorted(wanted) if wanted[name] != built[name]]
    diffs = "".join(
        "".join(difflib.unified_diff(wanted[name].splitlines(True), built[name].splitlines(True),
                                     f"expected/{name}", f"built/{name}", n=2))[:3000]
        for name in changed[:3]
    )
    assert not changed, f"{len(changed)} files differ ({', '.join(changed[:10])}); if intended, {REFRESH}\n{diffs}"
