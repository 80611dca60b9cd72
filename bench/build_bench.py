"""The build benchmark: Herald, Pelican and Hugo build the same corpus in one run, alternating run by run.

For each repetition, every tool does a cold full build (output and caches wiped), then a rebuild with no
change, then a rebuild after one post's body changed; the tools take turns within each phase so a passing
load on the machine hits them alike. The Markdown floor (bench.floor, one and two processes) runs in the
cold phase too. Medians of the repetitions make the table. Run `python -m bench.build_bench --posts 1000`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_SEED, BenchPost, CorpusPaths, write_corpus
from bench.measure import Measurement, measure
from bench.paths import HERALD_PYTHON, PEERS_VENV, REPO_ROOT, RESULTS_DIR, WORK_DIR, exclusive_run, peer_bin
from bench.peers import ensure_peers, peer_versions
from bench.report import describe_machine, format_table, machine, median, number, write_json
from bench.revision import HeraldSource, exported, working_tree
from bench.trees import post_file

PHASES = ("cold", "unchanged", "one_changed")
PEERS = ("pelican", "hugo")
# Each floor's processes and renderer: stock Python-Markdown (the floor), then Herald's own.
FLOOR_RUNS = {
    "floor_1_process": (1, "python-markdown"),
    "floor_2_processes": (2, "python-markdown"),
    "floor_herald_2_processes": (2, "herald"),
}
FLOORS = tuple(FLOOR_RUNS)


@dataclass(frozen=True)
class BuildTool:
    """How to build one tree with one tool, and what a cold build wipes first."""

    name: str
    command: tuple[str, ...]
    cwd: Path
    out: Path
    caches: tuple[Path, ...]
    edited_file: Path
    env: dict[str, str] | None = None

    def shows(self, post: BenchPost, text: str) -> bool:
        """Whether the built page of `post` contains `text` (all three tools write /Y/M/D/slug/index.html)."""
        page = self.out / post.url_path.strip("/") / "index.html"
        return page.is_file() and text in page.read_text(encoding="utf-8")


@dataclass
class BuildOptions:
    posts: int
    repetitions: int = 3
    peers: bool = True
    seed: int = DEFAULT_SEED
    herald_cache: Path | None = None  # a folder Herald keeps between builds, wiped for cold runs
    herald_build_args: tuple[str, ...] = ()  # extra options for `build.py build`, e.g. a cache switch
    herald_revision: str | None = None  # a commit to measure instead of the working tree
    keep_caches: bool = False  # cold runs keep every tool's cache (only the output is wiped)
    work_dir: Path = WORK_DIR
    results_dir: Path = RESULTS_DIR
    timeout: float = 3600.0
    report: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr, flush=True))


def hugo_binary() -> Path:
    """The Go binary the `hugo` package ships, called directly so no Python start-up is timed with it."""
    found = sorted(PEERS_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else peer_bin("hugo")


def make_tools(corpus: CorpusPaths, options: BuildOptions, herald: HeraldSource) -> list[BuildTool]:
    edited = corpus.edited
    builds = options.work_dir / f"builds-{options.posts}"
    herald_caches = (options.herald_cache,) if options.herald_cache else ()
    tools = [BuildTool(
        "herald",
        (str(HERALD_PYTHON), str(herald.root / "build.py"), "build", "--content", str(corpus.herald),
         "--out", str(builds / "herald"), *options.herald_build_args),
        herald.root, builds / "herald", herald_caches, post_file(corpus.herald, "herald", edited), herald.env,
    )]
    if options.peers:
        tools.append(BuildTool(
            "pelican",
            (str(peer_bin("pelican")), "content", "-s", "pelicanconf.py", "-o", str(builds / "pelican"),
             "--cache-path", str(builds / "pelican-cache"), "--quiet"),
            corpus.pelican, builds / "pelican", (builds / "pelican-cache",), post_file(corpus.pelican, "pelican", edited),
        ))
        tools.append(BuildTool(
            "hugo",
            (str(hugo_binary()), "--source", str(corpus.hugo), "--destination", str(builds / "hugo"),
             "--cacheDir", str(builds / "hugo-cache"), "--quiet"),
            corpus.hugo, builds / "hugo", (builds / "hugo-cache", corpus.hugo / "resources"),
            post_file(corpus.hugo, "hugo", edited),
        ))
    return tools


def floor_command(corpus: CorpusPaths, processes: int, renderer: str) -> tuple[str, ...]:
    return (str(HERALD_PYTHON), "-m", "bench.floor", str(corpus.herald), "--processes", str(processes),
            "--renderer", renderer)


def write_corpus_apart(root: Path, posts: int, seed: int) -> CorpusPaths:
    """The corpus, written by a child process, so that this one stays small.

    A program started from a process counts that process's peak memory as its own (the kernel's peak of the
    process begins at its starter's when it execs after a vfork, as subprocess does): posts generated here
    would show as every measured tool's peak memory, 110 MB at 5,000 posts whatever the tool really used.
    """
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(write_corpus, (root, posts, seed))


def _wipe(*folders: Path) -> None:
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder)


def _edit_sentence(repetition: int) -> str:
    return f"\n\nA correction from an editor, made in repetition {repetition} of the benchmark.\n"


def run_build_bench(options: BuildOptions) -> dict[str, Any]:
    """Measure every tool at one corpus size; returns the results (also written as JSON)."""
    with exclusive_run(options.work_dir):
        return _run_build_bench(options)


def _run_build_bench(options: BuildOptions) -> dict[str, Any]:
    if options.peers:
        options.report("Installing the peers into bench/work/venv if needed...")
        ensure_peers()
    corpus_root = options.work_dir / f"corpus-{options.posts}"
    options.report(f"Writing a corpus of {options.posts} posts into {corpus_root}...")
    corpus = write_corpus_apart(corpus_root, options.posts, options.seed)
    herald = exported(options.herald_revision, options.work_dir) if options.herald_revision else working_tree()
    options.report(f"Measuring Herald {herald.label}")
    tools = make_tools(corpus, options, herald)
    log = options.work_dir / f"build-bench-{options.posts}.log"
    runs: dict[str, dict[str, list[Measurement]]] = {tool.name: {phase: [] for phase in PHASES} for tool in tools}
    runs["herald"].update({floor: [] for floor in FLOORS})
    unseen_edits = {tool.name: 0 for tool in tools}  # rebuilds whose output missed the edit: a wrong build
    for tool in tools:
        _wipe(tool.out, *tool.caches)

    def timed(name: str, phase: str, command: Sequence[str], cwd: Path, env: dict[str, str] | None) -> None:
        result = measure(command, cwd=cwd, env=env, log=log, timeout=options.timeout)
        runs["herald" if phase in FLOORS else name][phase].append(result)
        options.report(f"  {name:8} {phase:18} {result.seconds:8.2f} s {result.peak_tree_mb:8.0f} MB")

    for repetition in range(1, options.repetitions + 1):
        options.report(f"Repetition {repetition} of {options.repetitions}")
        for tool in tools:
            _wipe(tool.out, *(() if options.keep_caches else tool.caches))
            timed(tool.name, "cold", tool.command, tool.cwd, tool.env)
        for floor, (processes, renderer) in FLOOR_RUNS.items():
            timed("floor", floor, floor_command(corpus, processes, renderer), REPO_ROOT, herald.env)
        for tool in tools:
            timed(tool.name, "unchanged", tool.command, tool.cwd, tool.env)
        for tool in tools:
            original = tool.edited_file.read_bytes()
            edit = _edit_sentence(repetition)
            tool.edited_file.write_bytes(original + edit.encode())
            try:
                timed(tool.name, "one_changed", tool.command, tool.cwd, tool.env)
            finally:
                tool.edited_file.write_bytes(original)
            if not tool.shows(corpus.edited, edit.strip()):
                unseen_edits[tool.name] += 1
                options.report(f"  {tool.name}: the rebuilt page of {corpus.edited.url_path} lacks the edit")
    results = summarize(runs, {tool.name: _html_files(tool.out) for tool in tools}, options)
    results["herald"] = herald.label
    for tool, missed in unseen_edits.items():
        results["medians"][tool]["edits_missing"] = missed
    results["json"] = str(write_json(options.results_dir, f"build-{options.posts}", results))
    return results


def _html_files(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def summarize(runs: dict[str, dict[str, list[Measurement]]], html_files: dict[str, int],
              options: BuildOptions) -> dict[str, Any]:
    medians: dict[str, dict[str, Any]] = {}
    for tool, phases in runs.items():
        row: dict[str, Any] = {phase: median([run.seconds for run in found]) for phase, found in phases.items()}
        row.update({f"{phase}_range": [min(run.seconds for run in found), max(run.seconds for run in found)]
                    for phase, found in phases.items() if found})
        every_run = [run for phase in PHASES for run in phases[phase]]  # the floor's memory is not the tool's
        row["peak_process_mb"] = max((run.peak_process_mb for run in every_run), default=None)
        row["peak_tree_mb"] = max((run.peak_tree_mb for run in every_run), default=None)
        row["html_files"] = html_files.get(tool)
        cold = row["cold"]
        row["pages_per_second"] = html_files[tool] / cold if cold else None
        medians[tool] = row
    return {
        "kind": "build",
        "posts": options.posts,
        "repetitions": options.repetitions,
        "seed": options.seed,
        "keep_caches": options.keep_caches,
        "herald_build_args": list(options.herald_build_args),
        "machine": machine(),
        "peers": peer_versions() if options.peers else {},
        "medians": medians,
        "runs": {tool: {phase: [asdict(run) for run in found] for phase, found in phases.items()}
                 for tool, phases in runs.items()},
    }


# Rows of the table: label, key in the medians, and whether a larger value is better.
TABLE_ROWS = (
    ("cold full build (s)", "cold", False),
    ("no-change rebuild (s)", "unchanged", False),
    ("one post changed, rebuild (s)", "one_changed", False),
    ("pages per second (cold)", "pages_per_second", True),
    ("HTML files written", "html_files", True),
    ("rebuilds missing the edit (should be 0)", "edits_missing", False),
    ("peak memory, largest process (MB)", "peak_process_mb", False),
    ("peak memory, process tree, PSS (MB)", "peak_tree_mb", False),
)


def advantage(herald: float | None, peer: float | None, larger_is_better: bool) -> str:
    """How many times better Herald is than the peer: above 1 Herald wins, below 1 it loses."""
    if not herald or not peer:
        return "n/a"
    return f"{(herald / peer if larger_is_better else peer / herald):.2f}x"


def _cell(row: dict[str, Any], key: str) -> str:
    """A median, with the spread of the repetitions for times ("12.50 (12.10-13.00)")."""
    value = row.get(key)
    if key in ("html_files", "edits_missing", "peak_process_mb", "peak_tree_mb", "pages_per_second"):
        return number(value, 0)
    low, high = row.get(f"{key}_range", (value, value))
    spread = f" ({low:.2f}-{high:.2f})" if value is not None and high - low >= 0.005 else ""
    return number(value) + spread


def build_table(results: dict[str, Any]) -> str:
    medians = results["medians"]
    tools = [tool for tool in ("herald", *PEERS) if tool in medians]
    peers = [tool for tool in PEERS if tool in medians]
    headers = ["measure", *(tool.capitalize() for tool in tools), *(f"Herald vs {peer.capitalize()}" for peer in peers)]
    rows = []
    for label, key, larger_is_better in TABLE_ROWS:
        compared = key not in ("html_files", "edits_missing")
        ratios = [advantage(medians["herald"].get(key), medians[peer].get(key), larger_is_better) if compared else ""
                  for peer in peers]
        rows.append([label, *(_cell(medians[tool], key) for tool in tools), *ratios])
    herald = medians["herald"]
    blanks = [""] * (len(tools) - 1 + len(peers))
    rows.append(["Markdown floor, 1 process (s)", _cell(herald, FLOORS[0]), *blanks])
    rows.append(["Markdown floor, 2 processes (s)", _cell(herald, FLOORS[1]), *blanks])
    rows.append(["Herald's rendering alone, 2 processes (s)", _cell(herald, FLOORS[2]), *blanks])
    cold = herald.get("cold")
    for label, floor in (("2-process floor", herald.get(FLOORS[1])), ("its rendering alone", herald.get(FLOORS[2]))):
        rows.append([f"Herald cold / {label}", f"{cold / floor:.2f}" if floor and cold else "n/a", *blanks])
    title = (f"Build, {results['posts']:,} posts, Herald {results['herald']}, median of {results['repetitions']} "
             f"(range) ({describe_machine(results['machine'])})")
    versions = ", ".join(f"{name} {version}" for name, version in results["peers"].items())
    legend = "Herald vs X: how many times faster (or lighter) Herald is; below 1 it is slower."
    return "\n".join([title, *([f"Peers: {versions}"] if versions else []), "", format_table(headers, rows), "",
                      legend])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repetitions", type=int, default=3, help="runs of each measure; the table shows medians")
    parser.add_argument("--no-peers", action="store_true", help="measure Herald (and the floor) only")
    parser.add_argument("--herald-cache", type=Path, help="Herald's cache folder: wiped before cold builds")
    parser.add_argument("--herald-build-arg", action="append", default=[], metavar="ARG",
                        help="an extra argument for `build.py build` (repeat for several)")
    parser.add_argument("--herald-revision", metavar="COMMIT",
                        help="measure Herald at this commit (exported, the checkout is untouched)")
    parser.add_argument("--keep-caches", action="store_true", help="cold builds keep every tool's cache")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--work-dir", type=Path, default=WORK_DIR)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)


def options_from(arguments: argparse.Namespace, posts: int) -> BuildOptions:
    return BuildOptions(
        posts=posts, repetitions=arguments.repetitions, peers=not arguments.no_peers, seed=arguments.seed,
        herald_cache=arguments.herald_cache, herald_build_args=tuple(arguments.herald_build_arg),
        keep_caches=arguments.keep_caches, herald_revision=arguments.herald_revision, work_dir=arguments.work_dir, results_dir=arguments.results_dir,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000], help="corpus sizes, e.g. 1000 5000")
    add_arguments(parser)
    arguments = parser.parse_args()
    for posts in arguments.posts:
        results = run_build_bench(options_from(arguments, posts))
        print(build_table(results), f"\nResults: {results['json']}", sep="\n", flush=True)


if __name__ == "__main__":
    main()
