"""Figures the browser tests measure (page weight, third-party requests), printed and kept for the closing note.

Each test module writes its own section of test-artifacts/quality-figures.txt, leaving the others' sections.
"""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT

FIGURES = REPO_ROOT / "test-artifacts" / "quality-figures.txt"


def record_section(title: str, lines: list[str]) -> None:
    """Print `lines` under `title` and put them in the figures file in place of that section's last copy."""
    section = "\n".join([f"## {title}", *lines]) + "\n"
    print("\n" + section)
    kept = FIGURES.read_text(encoding="utf-8") if FIGURES.exists() else ""
    kept = re.sub(rf"(?ms)^## {re.escape(title)}\n.*?(?=^## |\Z)", "", kept)
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text((kept.rstrip("\n") + "\n\n" if kept.strip() else "") + section, encoding="utf-8")
