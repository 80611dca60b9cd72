"""Where the benchmark keeps its work: everything generated lives under bench/work/ (ignored by git)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / "work"
RESULTS_DIR = BENCH_DIR / "results"
PEERS_VENV = WORK_DIR / "venv"
HERALD_PYTHON = Path(sys.executable)  # the interpreter that runs the bench has Herald installed
BUILD_SCRIPT = REPO_ROOT / "build.py"


def peer_bin(name: str) -> Path:
    """A program installed in the peers' virtual environment."""
    return PEERS_VENV / "bin" / name
