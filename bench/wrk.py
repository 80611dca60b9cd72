"""The same loads as bench/load.py, driven by wrk (Debian's package), which leaves the servers more of the CPU.

wrk runs one thread per connection, so each thread's answers come back in the order it sent its requests, and
a small Lua script numbers the requests as the Python client does: request n is the request the factory makes
for the marker number, with the marker's digits replaced by n. When asked to keep bodies, every thread writes
each answer (its number, status and body) to a file the bench reads back, so the rows and the answers are
checked by the same code whichever client ran. wrk measures the latencies itself (p50, p99).

A connection wrk loses mid-request gets no answer, so the answers after it on that thread would pair with the
wrong numbers: such errors are counted, and the wrong pairs can only add wrong answers, never hide one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.load import REQUEST_TIMEOUT, Answer, LoadResult, Request

MARKER = 7_000_000_001  # digits no request contains by chance; each request's number takes their place

SCRIPT = """
local method, path, body, marker, keep = %(method)s, %(path)s, %(body)s, %(marker)s, %(keep)s
local headers = %(headers)s
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  sent, answered, ok, pending = 0, 0, 0, {}
  -- wrk calls thread 0's request() once more, before the run, to check what it returns, and never sends it
  checking = id == 0
  if keep then out = io.open(keep .. id .. ".tsv", "w") end
end

local function numbered(text, n)
  return (string.gsub(text, marker, tostring(n)))
end

function request()
  if checking then
    checking = false
    return wrk.format(method, path, headers, body)
  end
  local n = sent * %(threads)d + id
  sent = sent + 1
  pending[sent] = n
  return wrk.format(method, numbered(path, n), headers, numbered(body, n))
end

function response(status, _, answer)
  answered = answered + 1
  local n = pending[answered]
  pending[answered] = nil
  if status >= 200 and status < 300 then
    ok = ok + 1
    if out then
      out:write(n, "\\t", status, "\\t", (string.gsub(answer or "", "[\\r\\n]", " ")), "\\n")
      out:flush()
    end
  end
end

function done(summary, latency, requests)
  local total_ok = 0
  for _, thread in ipairs(threads) do total_ok = total_ok + thread:get("ok") end
  local errors = summary.errors
  io.write(string.format("HERALD-WRK %%d %%d %%d %%d %%.1f %%.1f\\n", summary.requests, total_ok,
    errors.connect + errors.read + errors.write + errors.timeout, summary.duration,
    latency:percentile(50.0), latency:percentile(99.0)))
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string of ASCII is a valid Lua string literal


def run_wrk(host: str, port: int, make_request: Callable[[int], Request], *, connections: int = 8,
            seconds: float = 10.0, keep_bodies: bool = False) -> LoadResult:
    """Like bench.load.run_load (without `limit`, and `seconds` rounded to whole seconds), measured by wrk with
    one thread per connection."""
    request = make_request(MARKER)
    with tempfile.TemporaryDirectory(prefix="herald-wrk-") as work:
        keep = f"{work}/answers-" if keep_bodies else None
        headers = "{" + ", ".join(f"[{_lua(name)}] = {_lua(value)}" for name, value in request.headers) + "}"
        script = Path(work) / "load.lua"
        script.write_text(SCRIPT % {
            "method": _lua(request.method), "path": _lua(request.path), "body": _lua(request.body.decode()),
            "marker": _lua(str(MARKER)), "keep": _lua(keep) if keep else "nil", "headers": headers,
            "threads": connections,
        })
        whole_seconds = max(1, round(seconds))  # wrk takes whole seconds only
        command = ["wrk", f"--threads={connections}", f"--connections={connections}", f"--duration={whole_seconds}s",
                   f"--timeout={REQUEST_TIMEOUT:g}s", f"--script={script}", f"http://{host}:{port}/"]
        output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=whole_seconds + 60).stdout
        line = next(line for line in output.splitlines() if line.startswith("HERALD-WRK "))
        requests, ok, socket_errors, microseconds, p50, p99 = line.split()[1:]
        kept = _read_answers(Path(work)) if keep_bodies else []
    return LoadResult(client="wrk", seconds=int(microseconds) / 1e6, requests=int(requests) + int(socket_errors),
                      ok_count=int(ok), p50_ms=float(p50) / 1000, p99_ms=float(p99) / 1000, kept=kept)


def _read_answers(folder: Path) -> list[Answer]:
    answers = []
    for path in sorted(folder.glob("answers-*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            number, status, body = line.split("\t", 2)
            answers.append(Answer(int(number), int(status), None, body.encode()))
    return answers
