"""gunicorn's settings for Herald's service, read by `gunicorn 'service:create_app()'` started in this folder.

Why these: a request spends most of its time in Python, so two processes per core keep the cores busy while
one waits on the database. Workers are `gthread`, so HTTP connections stay alive between requests (a proxy or
CDN in front reuses them) instead of paying a new TCP connection for every answer as sync workers do.
Threads per process depend on the database: with PostgreSQL a request waits on network round trips, and four
threads let a process serve others meanwhile; SQLite answers in process and takes one writer at a time, so more
threads only queue for its lock (asleep in its busy handler) and for the GIL, which costs more throughput and
far more tail latency (measured: POST p99 of 130 to 300 ms with four threads, 30 to 90 ms with one).
Command-line options win over these (`--workers 8`), and WEB_CONCURRENCY sets the process count.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "gthread"
# Per process; service/db.py sizes each process's PostgreSQL pool for four. No DATABASE_URL means SQLite.
threads = 1 if (os.environ.get("DATABASE_URL") or "sqlite").startswith("sqlite") else 4  # unset or empty: SQLite
keepalive = 5  # seconds an idle connection stays open for its next request
