"""Debian's Chromium driven over the DevTools protocol the way DevTools itself attaches: to the
tab, not to the page.

Chromium does not prerender while a DevTools session is attached to a page directly, which is how
Playwright attaches ("PrerenderingDisabledByDevTools"), so a prerender can only be seen this way.
The browser talks over a pipe (``--remote-debugging-pipe``): no port, no extra package.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.e2e.conftest import CHROMIUM, NOWHERE, playwright_disabled_features


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], commands: int, replies: int) -> None:
        self.process = process
        self._out = os.fdopen(commands, "wb", buffering=0)
        self._in = os.fdopen(replies, "rb", buffering=0)
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._writing = threading.Lock()
        #: Run first in every document of the tab, also in the page targets attached later (a
        #: prerendered page becomes the tab's page; the document Back loads in it has the script).
        self._init_script = ""
        self._unawaited: set[int] = set()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while chunk := self._in.read(65536):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._changed:
                for raw in messages:
                    message = json.loads(raw)
                    if message.get("id") in self._unawaited:
                        self._unawaited.discard(message["id"])
                    elif "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                        self._prepare(message)
                self._changed.notify_all()

    def _prepare(self, event: dict[str, Any]) -> None:
        """A page target attached after the tab opened gets the tab's init script. Sent from the
        reader thread, so its reply is not waited for (it is dropped when it comes)."""
        params = event.get("params", {})
        if not self._init_script or event.get("method") != "Target.attachedToTarget":
            return
        if params["targetInfo"]["type"] != "page":
            return
        session = params["sessionId"]
        self._unawaited.add(self._write("Page.enable", {}, session))  # the script needs it
        self._unawaited.add(
            self._write(
                "Page.addScriptToEvaluateOnNewDocument", {"source": self._init_script}, session
            )
        )

    def _write(self, method: str, params: dict[str, Any], session: str = "") -> int:
        with self._writing:
            self._next += 1
            ident = self._next
            message: dict[str, Any] = {"id": ident, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            self._out.write(json.dumps(message).encode() + b"\0")
        return ident

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str = "",
        timeout: float = 30,
    ) -> Any:
        ident = self._write(method, params or {}, session)
        with self._changed:
            if not self._changed.wait_for(lambda: ident in self._replies, timeout=timeout):
                raise TimeoutError(method)
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def evaluate(self, session: str, expression: str, timeout: float = 30) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session,
            timeout,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def page_sessions(self) -> list[str]:
        """Sessions of the page targets attached so far that are still attached."""
        with self._changed:
            attached = [
                e["params"]["sessionId"]
                for e in self.events
                if e["method"] == "Target.attachedToTarget"
                and e["params"]["targetInfo"]["type"] == "page"
            ]
            gone = {
                e["params"]["sessionId"]
                for e in self.events
                if e["method"] == "Target.detachedFromTarget"
            }
        return [s for s in attached if s not in gone]

    def open_tab(self, url: str, init_script: str = "") -> str:
        """A new tab showing ``url`` (``init_script`` runs first in each of its documents); the
        session of its page."""
        target = self.send("Target.createTarget", {"url": "about:blank", "forTab": True})
        tab = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        before = set(self.page_sessions())
        self.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": True},
            tab["sessionId"],
        )
        deadline = time.monotonic() + 10
        while not (new := [s for s in self.page_sessions() if s not in before]):
            if time.monotonic() > deadline:
                raise TimeoutError("no page in the new tab")
            time.sleep(0.01)
        session = new[0]
        self.send("Page.enable", {}, session)
        if init_script:
            self._init_script = init_script
            self.send("Page.addScriptToEvaluateOnNewDocument", {"source": init_script}, session)
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for(
            session, "document.readyState === 'complete' && location.href !== 'about:blank'"
        )
        return session

    def wait_for(self, session: str, expression: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(session, expression)
            except RuntimeError:
                value = None  # the page is between documents
            if value:
                return value
            time.sleep(0.01)
        raise TimeoutError(expression)

    def shown_page(self, path: str, timeout: float = 30) -> str:
        """The session of the page the tab shows at ``path`` (a prerendered page, once activated,
        has a session of its own)."""
        deadline = time.monotonic() + timeout
        check = f"location.pathname === {json.dumps(path)} && !document.prerendering"
        while time.monotonic() < deadline:
            for session in self.page_sessions():
                try:
                    if self.evaluate(session, check, timeout=0.5):
                        return session
                except (RuntimeError, TimeoutError):
                    pass  # between documents, or a page kept frozen for Back
            time.sleep(0.005)
        raise TimeoutError(path)

    def centre(self, session: str, selector: str) -> tuple[float, float]:
        box = self.evaluate(
            session,
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()",
        )
        return float(box[0]), float(box[1])

    def hover(self, session: str, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y}, session)

    def click(self, session: str, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                session,
            )


def above_four(fd: int) -> int:
    """The same file under a number above 9, clear of the 3 and 4 the browser expects."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


@contextmanager
def launch(profile: str | None = None) -> Iterator[Browser]:
    """Headless Chromium with the same flags as the Playwright tests (nothing leaves the
    machine); a fresh profile unless ``profile`` names one to keep."""
    with tempfile.TemporaryDirectory() as fresh:
        commands_read, commands = map(above_four, os.pipe())
        replies, replies_write = map(above_four, os.pipe())
        # the browser reads commands on fd 3 and writes replies on fd 4
        redirect = f'exec "$@" 3<&{commands_read} 4>&{replies_write}'
        redirect += f" {commands_read}<&- {replies_write}>&-"
        features = [*playwright_disabled_features(), "AutofillServerCommunication"]
        process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                redirect,
                "sh",
                str(CHROMIUM),
                "--headless",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile or fresh}",
                "--no-first-run",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--gaia-url={NOWHERE}",
                f"--component-updater=url-source={NOWHERE}",
                "--disable-features=" + ",".join(features),
                "about:blank",
            ],
            pass_fds=(commands_read, replies_write),
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("REAL_TAB_DEBUG") else subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        browser = Browser(process, commands, replies)
        try:
            yield browser
        finally:
            try:
                browser.send("Browser.close")
            except (OSError, TimeoutError, RuntimeError):
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
