"""How long a recruiter waits in `careersite serve`: from saving a posting to the rebuilt page
being served after the browser's reload message.

    python bench/serve_latency.py [--sizes 100,1000] [--edits 15]

For each size it writes a corpus (bench/make_corpus.py), starts `careersite serve` on a free
loopback port, connects to /livereload as the browser's livereload.js does, then edits one posting
at a time (appending a sentence with a fresh marker) and times save -> reload message -> page
fetched with the marker in it. Prints the median and the 90th percentile per size."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tornado.websocket import websocket_connect

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from make_corpus import write_corpus  # noqa: E402

REPO = BENCH.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"careersite serve exited with {process.returncode}")
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("careersite serve did not start in time")


async def measure(base: str, site: Path, edits: int) -> list[float]:
    ws = await websocket_connect(base.replace("http", "ws") + "/livereload")
    ws.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await ws.read_message()
    ws.write_message(json.dumps({"command": "info", "url": base + "/", "plugins": {}}))
    await asyncio.sleep(0.5)
    postings = sorted((site / "content" / "jobs").glob("*.md"))
    timings = []
    for number in range(edits):
        posting = postings[(number * 7) % len(postings)]
        marker = f"Latency marker {number} {time.time_ns()}."
        started = time.perf_counter()
        with open(posting, "a", encoding="utf-8") as file:
            file.write(f"\n{marker}\n")
        while True:
            message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=120))
            if message.get("command") == "reload":
                break
        page = urllib.request.urlopen(f"{base}/jobs/{posting.stem}/", timeout=60).read().decode()
        elapsed = time.perf_counter() - started
        if marker not in page:
            raise SystemExit(f"the reloaded page of {posting.name} does not show the edit")
        timings.append(elapsed)
        await asyncio.sleep(0.3)  # a recruiter does not save twice in the same instant
    ws.close()
    return timings


def run_size(size: int, edits: int, workdir: Path) -> list[float]:
    corpus = workdir / f"n{size}"
    write_corpus(size, corpus)
    site = corpus / "careersite"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "careersite", "serve", "--source", str(site), "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        return asyncio.run(measure(base, site, edits))
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes (default 100,1000)")
    parser.add_argument("--edits", type=int, default=15, help="timed edits per size (default 15)")
    args = parser.parse_args()
    print("| postings | edits | median | p90 |")
    print("| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="careersite-serve-bench-") as temp:
        for size in (int(s) for s in args.sizes.split(",")):
            timings = sorted(run_size(size, args.edits, Path(temp)))
            p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
            print(f"| {size:,} | {len(timings)} | {statistics.median(timings) * 1000:.0f} ms | {p90 * 1000:.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
