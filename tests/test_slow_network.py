"""The slow link of tests/slow_network.py: one budget for all downloads, a delay, a stall.

No browser: plain HTTP clients against a folder of incompressible files. The bounds are generous
(the machine is shared); what they check is the throttle's logic, not a performance figure.
"""

from __future__ import annotations

import http.client
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.slow_network import serve_throttled

#: Throttled on purpose: under pytest-xdist on the worker of the other waits (Makefile).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("waits")]

RATE = 1_000_000  # bytes per second: fast enough for a quick test, slow enough to measure


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, size in (("a.bin", 500_000), ("b.bin", 500_000), ("small.txt", 100)):
        (tmp_path / name).write_bytes(os.urandom(size))
    (tmp_path / "fast").mkdir()
    (tmp_path / "fast" / "c.bin").write_bytes(os.urandom(500_000))
    return tmp_path


def get(base: str, path: str, timeout: float = 30) -> tuple[bytes, float]:
    """The body of ``path`` and the seconds it took to arrive."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    start = time.monotonic()
    connection.request("GET", path)
    body = connection.getresponse().read()
    elapsed = time.monotonic() - start
    connection.close()
    return body, elapsed


def test_two_downloads_at_once_share_one_budget(folder: Path) -> None:
    results: dict[str, float] = {}

    def fetch(path: str) -> None:
        body, elapsed = get(base, path)
        assert body == (folder / path.lstrip("/")).read_bytes()
        results[path] = elapsed

    with serve_throttled(folder, rate_bytes_per_s=RATE, latency_s=0) as base:
        alone = get(base, "/a.bin")[1]
        threads = [threading.Thread(target=fetch, args=(p,)) for p in ("/a.bin", "/b.bin")]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        together = time.monotonic() - start
    # One file alone takes its size at the rate; two at once take both sizes at the rate, and
    # neither finishes early: each had about half the link all along.
    assert 0.45 <= alone <= 2.0
    assert 0.9 <= together <= 4.0
    assert min(results.values()) >= 0.75


def test_every_response_waits_one_round_trip(folder: Path) -> None:
    with serve_throttled(folder, rate_bytes_per_s=RATE, latency_s=0.3) as base:
        body, elapsed = get(base, "/small.txt")
    assert len(body) == 100
    assert 0.3 <= elapsed <= 2.0


def test_only_matching_paths_are_slowed(folder: Path) -> None:
    with serve_throttled(folder, rate_bytes_per_s=100_000, latency_s=0.5, only=r"^/a\.") as base:
        fast = get(base, "/fast/c.bin")[1]
        slow = get(base, "/a.bin")[1]
    assert fast < 1.0  # 5 s at the slow rate
    assert slow >= 5.0


def test_a_stall_without_end_sends_nothing_after_its_bytes(folder: Path) -> None:
    with serve_throttled(folder, rate_bytes_per_s=RATE, latency_s=0, stall_after=20_000) as base:
        url = urlsplit(base)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=1.5)
        connection.request("GET", "/a.bin")
        response = connection.getresponse()
        assert response.getheader("Content-Length") == "500000"
        assert len(response.read(20_000)) == 20_000
        with pytest.raises(TimeoutError):
            response.read(1)
        connection.close()


def test_a_stall_for_a_time_then_sends_the_rest(folder: Path) -> None:
    with serve_throttled(
        folder,
        rate_bytes_per_s=10_000_000,
        latency_s=0,
        stall_after=20_000,
        stall_for=1.0,
        stall_path=r"^/a\.",
        stall_count=1,
    ) as base:
        body, stalled = get(base, "/a.bin")
        again = get(base, "/a.bin")[1]  # only the first response stalls
        other = get(base, "/b.bin")[1]  # and only on the paths given
    assert body == (folder / "a.bin").read_bytes()
    assert 1.0 <= stalled <= 3.0
    assert again < 0.9
    assert other < 0.9


def test_a_file_the_browser_holds_is_not_sent_again(folder: Path) -> None:
    with serve_throttled(folder, rate_bytes_per_s=0, latency_s=0) as base:
        url = urlsplit(base)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        connection.request("GET", "/a.bin")
        first = connection.getresponse()
        assert first.status == 200
        assert len(first.read()) == 500_000
        etag = first.getheader("ETag")
        assert etag
        connection.request("GET", "/a.bin", headers={"If-None-Match": etag})
        again = connection.getresponse()
        assert again.status == 304
        assert again.read() == b""
        modified = first.getheader("Last-Modified")
        connection.request("GET", "/a.bin", headers={"If-Modified-Since": modified})
        since = connection.getresponse()
        assert since.status == 304
        assert since.read() == b""
        (folder / "a.bin").write_bytes(os.urandom(400_000))  # a new deploy
        os.utime(folder / "a.bin", (time.time() + 5, time.time() + 5))
        for held in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
            connection.request("GET", "/a.bin", headers=held)
            changed = connection.getresponse()
            assert changed.status == 200
            assert len(changed.read()) == 400_000
        connection.close()
