"""Driving a server with wrk (Debian's package): a fixed number of connections for a
fixed time, the request paths cycled through, latency percentiles from wrk's own
histogram, printed by a Lua ``done`` hook as one JSON line."""

import json
import shutil
import subprocess
import tempfile

LUA = r"""
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '@@{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, ' ..
    '"p99_us": %%d, "max_us": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ensure_wrk(say=print):
    if shutil.which("wrk"):
        return shutil.which("wrk")
    say("wrk is missing: installing Debian's package (apt-get install wrk) ...")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk")


def _lua_string(path):
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(port, paths, *, connections=8, threads=2, duration=10, timeout=10):
    """{"rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors", "requests"}."""
    binary = ensure_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(_lua_string(p) for p in paths)})
    completed = subprocess.run(
        [
            binary,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            f"--timeout={timeout}s",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + timeout + 60,
    )
    line = next((x for x in completed.stdout.splitlines() if x.startswith("@@")), None)
    if line is None:
        raise RuntimeError(f"wrk said: {completed.stdout} {completed.stderr}")
    data = json.loads(line[2:])
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    seconds = data["duration_us"] / 1e6
    return {
        "rps": round(data["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "max_ms": round(data["max_us"] / 1000, 1),
        "errors": errors,
        "requests": data["requests"],
    }
