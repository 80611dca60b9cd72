"""PostgreSQL goes away under a running service (`python -m service`, two workers) and comes back.

While it is down every answer is a 503 JSON error; once it is back the service recovers on its own, without
a restart, because the pool tests each connection before use and throws away the ones the outage killed.
"""

from __future__ import annotations

import signal
import time

import requests

from tests.fault.conftest import assert_json_error
from tests.conftest import SECRET_KEY
from tests.service.conftest import SITE_ORIGIN
from tests.service.processes import ServiceProcesses

# Enough requests that both workers (and several pooled connections in each) meet the outage.
ROUNDS = 8


def _post_comment(service: ServiceProcesses, number: int) -> requests.Response:
    return requests.post(f"{service.url}/api/comments", timeout=15, json={
        "page": "/outage/", "author": "Ada", "body": f"comment {number} across an outage"})


def _wait_for_health(service: ServiceProcesses, timeout: float = 30.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if requests.get(f"{service.url}/healthz", timeout=15).status_code == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"/healthz did not recover within {timeout}s of the database's return")


def test_database_outage_answers_503_and_the_service_recovers_by_itself(tmp_path, private_postgres):
    environ = {"DATABASE_URL": private_postgres.url, "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": "0",
               "HERALD_SITE_ORIGIN": SITE_ORIGIN}
    with ServiceProcesses(environ, workers=2, log_path=tmp_path / "service.log") as service:
        before = [_post_comment(service, number) for number in range(ROUNDS)]
        assert {answer.status_code for answer in before} == {201}

        private_postgres.stop()
        for number in range(ROUNDS):
            health = assert_json_error(requests.get(f"{service.url}/healthz", timeout=15), 503)
            assert health["code"] == "database_unavailable"
            assert_json_error(_post_comment(service, number), 503)
            assert_json_error(requests.get(f"{service.url}/api/comments", params={"page": "/outage/"},
                                           timeout=15), 503)

        private_postgres.start()
        recovery = _wait_for_health(service)
        after = [_post_comment(service, ROUNDS + number) for number in range(ROUNDS)]
        listed = requests.get(f"{service.url}/api/comments", params={"page": "/outage/"}, timeout=15)
    print(f"database outage: recovered {recovery:.2f}s after the database came back")
    assert [answer.status_code for answer in after] == [201] * ROUNDS
    assert len(listed.json()["comments"]) == 2 * ROUNDS
    log = (tmp_path / "service.log").read_text()
    assert "Traceback" not in log, log


def test_workers_started_during_an_outage_wait_for_the_database(tmp_path, private_postgres):
    """Workers (re)started while the database is away must not stop the service: they answer 503 until it returns.

    A worker that fails to start is only started again after a pause and may fail again, so a migration at start
    that needs the database would turn a short outage plus a worker restart (HUP, a crash) into a dead service.
    """
    environ = {"DATABASE_URL": private_postgres.url, "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": "0",
               "HERALD_SITE_ORIGIN": SITE_ORIGIN}
    with ServiceProcesses(environ, workers=2, log_path=tmp_path / "service.log") as service:
        private_postgres.stop()
        service.process.send_signal(signal.SIGHUP)  # the server replaces every worker
        time.sleep(3)
        assert service.process.poll() is None, (tmp_path / "service.log").read_text()
        for number in range(ROUNDS):
            assert_json_error(_post_comment(service, number), 503)
        private_postgres.start()
        _wait_for_health(service)
        after = [_post_comment(service, number) for number in range(ROUNDS)]
    assert [answer.status_code for answer in after] == [201] * ROUNDS
    assert "schema will be migrated on the first request" in (tmp_path / "service.log").read_text()
