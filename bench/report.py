"""Shared pieces of the benchmark reports: the machine they ran on, medians, aligned tables, JSON files."""

from __future__ import annotations

import json
import os
import platform
import statistics
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any



def machine() -> dict[str, Any]:
    """What the numbers depend on: cores, memory, CPU, Python, and the Herald commit measured."""
    with open("/proc/meminfo") as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory_gb": round(total_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_average": [round(load, 2) for load in os.getloadavg()],  # other work on the machine skews times
    }


def describe_machine(info: dict[str, Any]) -> str:
    return (f"{info['date']}, {info['nproc']} cores ({info['cpu']}), {info['memory_gb']} GB, "
            f"Python {info['python']}, load average at the end "
            f"{' '.join(map(str, info.get('load_average', [])))}")


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table padded to line up in a terminal too."""
    widths = [max(len(str(row[column])) for row in [headers, *rows]) for column in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(headers), "| " + " | ".join("-" * width for width in widths) + " |",
                      *(line(row) for row in rows)])


def number(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def write_json(results_dir: Path, name: str, data: dict[str, Any]) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{datetime.now(timezone.utc):%Y-%m-%d}-{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path
