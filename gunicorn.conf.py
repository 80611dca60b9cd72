"""gunicorn's settings for Herald's service, read by `gunicorn 'service:create_app()'` started in this folder.

Why these: a request spends most of its time in Python, so two processes per core keep the cores busy while
one waits on the database; threads in each process (`gthread`) keep HTTP connections alive between requests,
which a proxy or CDN in front reuses, instead of paying a new TCP connection for every answer as sync workers
do. Command-line options win over these (`--workers 8`), and WEB_CONCURRENCY sets the process count.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "gthread"
threads = 4  # per process; service/db.py sizes each process's PostgreSQL pool for them
keepalive = 5  # seconds an idle connection stays open for its next request
