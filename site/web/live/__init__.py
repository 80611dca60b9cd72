"""`build.py serve`'s live reload: a watcher thread reloads the content when a file is saved and the open pages,
told through a long-poll, reload themselves (`reload`, `watcher`)."""
