"""Benchmark: ``kadermodel serve`` under load, on loopback only.

Starts ``kadermodel serve`` on a free port of 127.0.0.1, then for each route lets ``--clients``
threads (one keep-alive HTTP connection each) post the example facts files in turn for
``--seconds`` seconds; at most ``--max-requests`` requests per route in all, so the run is
bounded in count and time and stops by itself. Reports requests per second, the p50 and p99
latency and the number of errors (any answer but 200, any broken connection). The baseline in
the same run is the same work done in-process (parse + assess + JSON, or the next question),
so the ratio shows what HTTP, the event loop and the worker threads add.

Run with ``python benchmarks/serve_load.py [--clients 20] [--seconds 10]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

import kadermodel
from kadermodel.report.assessment import assessment_json
from kadermodel.serve.app import json_bytes, read_facts
from kadermodel.serve.questions import next_question_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
KADER = "vng_mensenhandel_2021"
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _start_server(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kadermodel", "serve", "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("kadermodel serve did not start within 60 s")


def _bodies(form: str) -> list[bytes]:
    """The example facts files as sent: YAML as written, or JSON as the web form sends."""
    if form == "yaml":
        return [path.read_bytes() for path in EXAMPLES]
    return [
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str).encode()
        for path in EXAMPLES
    ]


def _load(
    port: int, route: str, form: str, clients: int, seconds: float, cap: int
) -> dict[str, float]:
    bodies = _bodies(form)
    content_type = f"application/{form}"
    latencies: list[float] = []
    errors = 0
    sent = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        nonlocal errors, sent
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        failed = 0
        turn = index
        while time.monotonic() < stop_at:
            with lock:
                if sent >= cap:
                    break
                sent += 1
            body = bodies[turn % len(bodies)]
            turn += 1
            start = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    f"/kaders/{KADER}/{route}",
                    body=body,
                    headers={"Content-Type": content_type},
                )
                answer = connection.getresponse()
                answer.read()
                if answer.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p99": p99,
        "errors": errors,
    }


def _in_process(route: str, form: str, repeat: int) -> float:
    """Seconds per request for the same work without HTTP (the baseline)."""
    kader = kadermodel.bundled_kader()
    texts = [body.decode() for body in _bodies(form)]

    def assess(text: str) -> bytes:
        result = kadermodel.assess(kader, read_facts(kader, text))
        return json_bytes(assessment_json(result))

    def question(text: str) -> bytes:
        return json_bytes(next_question_json(kader, read_facts(kader, text)))

    work: Callable[[str], bytes] = assess if route == "assess" else question
    for text in texts:
        work(text)
    start = time.perf_counter()
    for i in range(repeat):
        work(texts[i % len(texts)])
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument(
        "--routes",
        default="assess:json,next-question:json,assess:yaml",
        help="route:body pairs, the body as the web form sends it (json) or a file (yaml)",
    )
    args = parser.parse_args()
    port = _free_port()
    process = _start_server(port)
    try:
        print(
            f"kadermodel serve on {HOST}:{port}: {args.clients} clients, "
            f"{args.seconds:g} s per route, at most {args.max_requests} requests"
        )
        print(
            f"{'route':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'errors':>7} {'in-process ms':>14} {'p50 / in-process':>17}"
        )
        for pair in args.routes.split(","):
            route, form = pair.split(":")
            found = _load(port, route, form, args.clients, args.seconds, args.max_requests)
            baseline = _in_process(route, form, 200)
            print(
                f"{route + ' (' + form + ')':<20} {found['requests']:>9.0f} {found['rps']:>8.1f} "
                f"{found['p50'] * 1000:>8.2f} {found['p99'] * 1000:>8.2f} "
                f"{found['errors']:>7.0f} {baseline * 1000:>14.2f} "
                f"{found['p50'] / baseline:>17.1f}"
            )
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
