"""axe-core, the accessibility engine, fetched from the npm registry at a pinned version and run in Chromium.

The suite fetches it itself (`npm pack`, into a git-ignored folder of the checkout, once), so the README's test
command needs nothing more than npm; the tarball must have the pinned SHA-512 (the registry's `integrity`),
or the tests stop. axe goes into a page through Playwright's evaluate, which the pages' Content-Security-Policy
(no inline script) does not apply to, so every page is checked under the policy visitors get.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.conftest import REPO_ROOT

AXE_VERSION = "4.14.1"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_CACHE = REPO_ROOT / ".cache" / "npm"
AXE_TARBALL = AXE_CACHE / f"axe-core-{AXE_VERSION}.tgz"
# WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices (landmarks, headings, one main, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class AxeUnavailable(Exception):
    """axe-core could not be fetched; the message says why."""


def axe_source(npm: str | None = None) -> str:
    """axe.min.js of the pinned axe-core, fetched with npm the first time (AxeUnavailable when it cannot be)."""
    if not AXE_TARBALL.exists():
        _fetch(npm or shutil.which("npm"))
    data = AXE_TARBALL.read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != AXE_INTEGRITY:
        AXE_TARBALL.unlink()
        raise AssertionError(f"{AXE_TARBALL.name} has {digest}, not the pinned {AXE_INTEGRITY}; removed it")
    with tarfile.open(AXE_TARBALL) as tarball:
        script = tarball.extractfile("package/axe.min.js")
        assert script is not None, f"{AXE_TARBALL.name} has no package/axe.min.js"
        return script.read().decode("utf-8")


def _fetch(npm: str | None) -> None:
    if npm is None:
        raise AxeUnavailable("npm is missing: the accessibility tests fetch axe-core with it (apt-get install npm)")
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(AXE_CACHE),
                          "--ignore-scripts", "--silent"],
                         cwd=AXE_CACHE, capture_output=True, text=True, timeout=180, check=False)
    if run.returncode != 0 or not AXE_TARBALL.exists():
        raise AxeUnavailable(f"npm could not fetch axe-core@{AXE_VERSION} (exit {run.returncode}): "
                             f"{(run.stderr or run.stdout).strip()[-500:]}")


@dataclass(frozen=True)
class Violation:
    """One rule axe found broken on a page, and where."""

    rule: str
    impact: str
    help: str
    nodes: tuple[tuple[str, str, str], ...]  # (selector, html, what to fix) of each offending element

    def report(self) -> str:
        lines = [f"  {self.rule} ({self.impact}): {self.help}"]
        lines += [f"    {selector}: {html}\n      {summary}" for selector, html, summary in self.nodes]
        return "\n".join(lines)


def axe_violations(tab: Page, source: str) -> list[Violation]:
    """Run axe over the page open in `tab` with AXE_TAGS (put into the page first, unless it is there); what it
    found broken."""
    if not tab.evaluate("typeof axe === 'object'"):
        tab.evaluate(source)
    found = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                         ".then(results => results.violations)", AXE_TAGS)
    return [Violation(rule["id"], rule["impact"] or "", rule["help"], tuple(
        (" ".join(map(str, node["target"])), node["html"], " ".join((node.get("failureSummary") or "").split()))
        for node in rule["nodes"])) for rule in found]


def report(page: str, violations: list[Violation]) -> str:
    """The violations on `page`, a rule and its elements per paragraph, for a failing test's message."""
    count = sum(len(violation.nodes) for violation in violations)
    return f"{page}: {len(violations)} axe rules broken on {count} elements\n" + "\n".join(
        violation.report() for violation in violations)
