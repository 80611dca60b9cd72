"""The instance folder and what the service keeps in it: readable by the service's own user only.

It holds the SQLite database (visitors' email addresses) and the secret key, so the folder is made 0700 and
every file in it 0600, whatever the umask. Several server processes start at once, so the key file is written
whole under a temporary name and then linked into place: a reader finds it complete or not at all.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from .config import SET_SECRET_KEY, check_secret_key

FOLDER_MODE = 0o700
FILE_MODE = 0o600
KEY_FILE = "secret_key"


def private_folder(path: Path) -> Path:
    """The folder at `path`, made owner-only if it is new (an existing one keeps the mode its owner gave it)."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """The file at `path`, created empty and owner-only if it is missing; an existing one is left as it is."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    return path


def instance_secret(folder: Path) -> str:
    """The key kept in `folder`, made on first use, so every process on this machine shares it."""
    path = private_folder(folder) / KEY_FILE
    if not path.exists():
        write_once(path, secrets.token_hex(32))
    key = path.read_text().strip()
    check_secret_key(key, str(path), f"Delete the file to have a new key made at the next start. {SET_SECRET_KEY}")
    return key


def write_once(path: Path, text: str) -> None:
    """Write `text` to `path` unless a file is there already; readers never see it half written.

    The text goes to a temporary file beside `path`, is flushed to disk, and is then hard-linked to `path`.
    Linking, unlike renaming, never replaces a file: when two processes race, the first key stays and both
    read it.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(handle, "w") as written:
            written.write(text)
            written.flush()
            os.fsync(written.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return  # another process put its file there first
        _sync_folder(path.parent)
    finally:
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make a new name in `folder` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
