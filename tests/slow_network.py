"""The built site served as production would, through a slow link: a phone on a poor network.

DevTools network throttling is per page and does not reliably cover dedicated workers or the
service worker, so the link is made slow here, in the server, for every request the browser makes:

- one byte budget (``rate_bytes_per_s``, default 1.6 Mbit/s, Lighthouse's mobile profile) shared
  by every connection at once, as one radio link is: two downloads side by side each get about
  half of it. Response bodies go out in chunks of ``CHUNK`` bytes, each booked in turn on the one
  link, so no download takes the link for long; 0 sends at full speed;
- a fixed delay (``latency_s``, default 150 ms, one round trip) before each response's first byte.

Headers are not counted against the budget (over HTTP/2 they are compressed to a few bytes). As
a production host does, a request for a file the browser already holds (its ETag) is answered 304
Not Modified, without the body: a return visit revalidates pages and scripts, and each of those
round trips still waits its delay.

For tests of a slow or broken runtime download:

- ``only``: a regular expression searched for in the URL path; only matching responses are slowed
  (budget and delay), all others are served at once. ``only=r"^/assets/(pyodide|core)/"`` makes the
  runtime drip while pages stay fast;
- ``stall_after``: after this many bytes of a matching response's body, send nothing more for
  ``stall_for`` seconds (then the rest), or, when ``stall_for`` is None, until the browser closes
  the connection or the server stops. Which responses stall: paths matching ``stall_path`` (a
  regular expression; default: ``only``, or every path), the first ``stall_count`` of them (default:
  all).

What a test may watch: ``asked``, a list the server appends every requested URL path to (query
string left out), and ``stalled``, a list it appends ``time.monotonic()`` to as each stall begins.

Example::

    with serve_throttled(site, only=r"^/assets/pyodide/", rate_bytes_per_s=100_000) as base:
        page.goto(base + "/calculators/load/")
"""

from __future__ import annotations

import contextlib
import functools
import re
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tests.conftest import StaticHandler, run_server

#: 1.6 Mbit/s and a 150 ms round trip: Lighthouse's mobile profile ("slow 4G").
PHONE_RATE_BYTES_PER_S = 200_000
PHONE_LATENCY_S = 0.15
#: A response body goes out in pieces this large, each waiting its turn on the shared link.
CHUNK = 16 * 1024


class Link:
    """One link's byte budget, shared by all threads: each chunk books the next free slot of
    ``size / rate`` seconds on a single timeline and is sent when its slot ends. An idle link
    saves nothing up (a real link cannot send faster later for having been idle)."""

    def __init__(self, rate_bytes_per_s: float) -> None:
        self.rate = rate_bytes_per_s
        self._free_at = 0.0
        self._lock = threading.Lock()

    def book(self, size: int) -> float:
        """Book ``size`` bytes; returns the monotonic time at which they have gone through."""
        with self._lock:
            start = max(time.monotonic(), self._free_at)
            self._free_at = start + size / self.rate
            return self._free_at

    def send(self, size: int) -> None:
        """Wait until ``size`` bytes would have crossed the link."""
        wait = self.book(size) - time.monotonic()
        if wait > 0:
            time.sleep(wait)


class Stalls:
    """Which responses stall, and how many are left to stall."""

    def __init__(self, path: str | None, count: int | None) -> None:
        self.path = re.compile(path) if path is not None else None
        self.left = count
        self._lock = threading.Lock()

    def take(self, url_path: str) -> bool:
        """Whether this response stalls (and count it)."""
        if self.path is not None and not self.path.search(url_path):
            return False
        with self._lock:
            if self.left is None:
                return True
            if self.left <= 0:
                return False
            self.left -= 1
            return True


class ThrottledHandler(StaticHandler):
    """StaticHandler (production headers, .br/.gz twins, 304 for a file the browser holds)
    whose responses cross a slow link."""

    revalidate = True

    link: Link
    latency_s: float = PHONE_LATENCY_S
    only: re.Pattern[str] | None = None
    stall_after: int | None = None
    stall_for: float | None = None
    stalls: Stalls
    stopping: threading.Event
    asked: list[str] | None = None
    stalled: list[float] | None = None

    def url_path(self) -> str:
        return self.path.split("?", 1)[0].split("#", 1)[0]

    def slowed(self) -> bool:
        return self.only is None or self.only.search(self.url_path()) is not None

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.asked is not None:
            self.asked.append(self.url_path())
        if self.slowed() and self.latency_s > 0:
            time.sleep(self.latency_s)  # the round trip before the first byte
        return super().send_head()

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        slowed = self.slowed()
        stall_at = (
            self.stall_after
            if self.stall_after is not None and self.stalls.take(self.url_path())
            else None
        )
        sent = 0
        while True:
            size = CHUNK if stall_at is None or sent >= stall_at else min(CHUNK, stall_at - sent)
            chunk = source.read(size)
            if not chunk:
                return
            if slowed and self.link.rate > 0:
                self.link.send(len(chunk))
            outputfile.write(chunk)
            sent += len(chunk)
            if stall_at is not None and sent >= stall_at:
                outputfile.flush()
                if self.stalled is not None:
                    self.stalled.append(time.monotonic())
                self.stall()
                stall_at = None
                if self.stall_for is None:
                    self.close_connection = True
                    return  # the browser left or the server stops: nothing more goes out

    def stall(self) -> None:
        """Send nothing for ``stall_for`` seconds, or until the connection or the server ends."""
        end = None if self.stall_for is None else time.monotonic() + self.stall_for
        while not self.stopping.is_set():
            left = 0.1 if end is None else min(0.1, end - time.monotonic())
            if left <= 0:
                return
            readable, _, _ = select.select([self.connection], [], [], left)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return  # closed by the browser
                except OSError:
                    return
                time.sleep(left)  # a next request waiting behind this one: keep stalling


@contextlib.contextmanager
def serve_throttled(
    directory: Path,
    rate_bytes_per_s: float = PHONE_RATE_BYTES_PER_S,
    latency_s: float = PHONE_LATENCY_S,
    only: str | None = None,
    stall_after: int | None = None,
    stall_for: float | None = None,
    stall_path: str | None = None,
    stall_count: int | None = None,
    asked: list[str] | None = None,
    stalled: list[float] | None = None,
) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1 through one slow link; yields the base URL
    (no trailing slash). See the module's docstring for the parameters."""
    stopping = threading.Event()
    handler_class = type(
        "Handler",
        (ThrottledHandler,),
        {
            "link": Link(rate_bytes_per_s),
            "latency_s": latency_s,
            "only": re.compile(only) if only is not None else None,
            "stall_after": stall_after,
            "stall_for": stall_for,
            "stalls": Stalls(stall_path if stall_path is not None else only, stall_count),
            "stopping": stopping,
            "asked": asked,
            "stalled": stalled,
        },
    )
    try:
        yield from run_server(functools.partial(handler_class, directory=str(directory)))
    finally:
        stopping.set()  # stalled responses end
