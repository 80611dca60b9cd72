"""The watcher of `build.py serve`: a thread that notices a saved content, template or static file and, after
loading the content again, moves the version the open pages wait on (`herald_site.web.live.reload`).

A look (`check`, a plain call that tests make without a thread) is one stat of every file under the content
folder (the walk a load makes anyway, tens of milliseconds at 5,000 posts) and under Herald's own templates and
static files. Through the `watchfiles` library, the thread looks when the operating system reports a
change there (inotify on Linux), within milliseconds of a save and at no cost while nobody saves, and once every
few seconds besides, in case a notification was lost. When a watched folder is missing, or when told to, the
thread polls: a look every
`interval` or three times a quiet look's cost, whichever is longer (up to 150 ms), which takes up to a quarter of a
core while nobody saves at 5,000 posts and adds half a wait to every reload. Either way a look sees files saved
through any editor's rename dance. The content is loaded through the app's own loader, which `serve` makes the
build cache's, keeping the documents in memory: only the files that changed are read again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from pathlib import Path
from stat import S_ISREG

import watchfiles

from herald_site.content import tally
from herald_site.content.model import Stamp
from herald_site.content.theme_folder import THEME_TEMPLATES
from herald_site.content.walk import ContentFiles, scan_content
from herald_site.urls import STATIC_FOLDER
from herald_site.web.live.reload import Versions
from herald_site.web.served_index import SiteContent
from herald_site.web.theme_lookup import HERALD_TEMPLATES


HERALD_FOLDERS = (HERALD_TEMPLATES, STATIC_FOLDER)
DEFAULT_INTERVAL = 0.05  # seconds between two looks, at least
# A quiet look (nothing changed) is followed by a wait of this many times its cost, so that the watcher takes at
# most a quarter of a core while nobody saves (a look costs 25 to 40 ms at 5,000 posts), but never longer than
# MAX_WAIT: on a busy machine looks grow slow, and the wait must not add their slowness to every reload again.
WAIT_PER_LOOK = 3
MAX_WAIT = 0.15
# Notified: how long to wait after a change for more of the same save (an editor's write, rename, chmod), and how
# often to look anyway.
NOTICE_STEP_MS = 10
LOOK_ANYWAY_MS = 3000


def folder_stamps(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folders` with its size and modification time: what changes when one is saved."""
    stamps = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:  # deleted while we looked
                    continue
                stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(stamps))


class Watcher:
    """Looks at the files every `interval` seconds; on a change, reloads the content and advances `versions`.

    `report` gets a line for the terminal whenever the content stops or starts loading again;
    `forget_templates` is called when a template (the site's theme's, or any of Herald's files) was saved,
    added or removed, so that pages are rendered from templates compiled once per change, not once per page.
    `notified` (the default) makes the thread look when the system reports a change instead of polling.
    """

    def __init__(
        self,
        content: SiteContent,
        versions: Versions,
        *,
        report: Callable[[str], None],
        forget_templates: Callable[[], None],
        interval: float = DEFAULT_INTERVAL,
        herald_folders: Iterable[Path] = HERALD_FOLDERS,
        notified: bool = True,
    ) -> None:
        self.content = content
        self.versions = versions
        self.report = report
        self.forget_templates = forget_templates
        self.interval = interval
        self.herald_folders = tuple(herald_folders)
        self.notified = notified
        self._herald_stamps = folder_stamps(self.herald_folders)
        self._theme_templates: dict[str, Stamp] = {}
        # The content folder's listing at the last look, which a notified look updates with the files saved.
        self.files: ContentFiles | None = scan_content(content.content_dir) if self.notified else None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        content.follow_watcher()

    def check(self, changed: Collection[str] = ()) -> bool:
        """One look: whether anything changed (the content then loaded again and the version advanced).

        `changed` names the files the system reported saved: when each is a plain file the last look listed, only
        those are looked at again, not the whole content folder."""
        had_problems = self.content.problems is not None
        files = self._restamped(changed) or scan_content(self.content.content_dir)
        self.files = files
        reloaded = self.content.update(files)
        herald_stamps = folder_stamps(self.herald_folders)
        herald_changed = herald_stamps != self._herald_stamps
        self._herald_stamps = herald_stamps
        if not (reloaded or herald_changed):
            return False
        theme_templates = self._theme_templates_in(files)
        if herald_changed or theme_templates != self._theme_templates:
            self.forget_templates()
        self._theme_templates = theme_templates
        self._report_problems(had_problems)
        self.versions.advance()
        return True

    def _restamped(self, changed: Collection[str]) -> ContentFiles | None:
        """The last look's listing with the new stamps of `changed` (Herald's own files left to `folder_stamps`),
        or None when a fresh walk is needed: nothing listed yet, a file added, deleted or not a plain one, or
        links followed in the content folder (a file saved under one path may be listed under another)."""
        listed = self.files
        changed = self._as_listed(changed)
        if listed is None or listed.links_followed or not changed:
            return None
        stamps = dict(listed.stamps)
        for path in changed:
            try:
                stat = os.lstat(path)
            except OSError:
                return None
            if path not in stamps or not S_ISREG(stat.st_mode):
                return None
            stamps[path] = (stat.st_size, stat.st_mtime_ns)
        return replace(listed, stamps=stamps)

    def _as_listed(self, reported: Collection[str]) -> list[str]:
        """The reported files under the content folder, named as the walk names them (from the folder as given:
        `serve` is usually given a relative one, and the system reports absolute paths)."""
        given = os.path.join(str(self.content.content_dir), "")
        folders = {given, os.path.join(os.path.abspath(given), ""), os.path.join(os.path.realpath(given), "")}
        listed = []
        for path in reported:
            folder = next((folder for folder in folders if path.startswith(folder)), None)
            if folder is not None:  # else one of Herald's own files
                listed.append(given + path[len(folder):])
        return listed

    def _theme_templates_in(self, files: ContentFiles) -> dict[str, Stamp]:
        folder = os.path.join(str(self.content.content_dir), THEME_TEMPLATES, "")
        return {path: stamp for path, stamp in files.stamps.items() if path.startswith(folder)}

    def _report_problems(self, had_problems: bool) -> None:
        problems = self.content.problems
        if problems is not None:
            for problem in problems.problems:
                self.report(str(problem))
            self.report(f"The content has {tally(problems.problems)}; still serving the last version that loaded.")
        elif had_problems:
            self.report("The content loads again.")

    def start(self) -> None:
        """Look in a thread of its own (a daemon: it ends with the server) until `stop`."""
        self._thread = threading.Thread(target=self._run, name="herald-live-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        folders = [self.content.content_dir, *self.herald_folders]
        if self.notified and all(folder.is_dir() for folder in folders):
            self._run_notified(folders)
        else:  # a folder that is not there yet cannot be watched: its files appear to a poll
            self._run_polling()

    def _run_notified(self, folders: list[Path]) -> None:
        # Every file counts, as in a look (no filter of editors' swap files); a timeout yields too: a look anyway.
        for changes in watchfiles.watch(*folders, watch_filter=None, step=NOTICE_STEP_MS,
                                        rust_timeout=LOOK_ANYWAY_MS, yield_on_timeout=True, stop_event=self._stop,
                                        raise_interrupt=False):
            self._look({path for _, path in changes})

    def _run_polling(self) -> None:
        wait = self.interval
        while not self._stop.wait(wait):
            started = time.monotonic()
            changed = self._look()
            quiet_look = time.monotonic() - started
            wait = self.interval if changed else min(MAX_WAIT, max(self.interval, WAIT_PER_LOOK * quiet_look))

    def _look(self, changed: Collection[str] = ()) -> bool:
        try:
            return self.check(changed)
        except Exception as error:  # noqa: BLE001 - a look that failed must not end live reload
            self.report(f"Live reload: {error!r}")
            return True
