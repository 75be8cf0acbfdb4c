"""Firefox and WebKit behind one small interface, so that each cross-engine test is written once.

- Firefox: Debian's firefox-esr, headless, over WebDriver BiDi with puppeteer-core, driven by
  firefox.mjs beside this file (one JSON command per line). BiDi sends the console and uncaught
  errors from the moment a page starts, and puts the watcher into every page before its scripts.
- WebKit: MiniBrowser of Debian's libwebkit2gtk-4.1-0 with ``--automation``, through
  WebKitWebDriver and Selenium, on an Xvfb display. WebKitWebDriver has no BiDi: no console
  events and no preload, so the watcher goes in right after each load; what the page violates
  before that reaches the test server as a CSP report (conftest.py). Each browser gets its own
  XDG_DATA_HOME and XDG_CACHE_HOME: a fresh profile.

A test waits on a state of the page (``wait``), never on a sleep.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from selenium import webdriver
from selenium.common.exceptions import MoveTargetOutOfBoundsException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.webkitgtk.service import Service

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIREFOX = Path("/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
#: MiniBrowser ships in libwebkit2gtk-4.1-0, under the architecture's library folder.
MINIBROWSER = Path(f"/usr/lib/{platform.machine()}-linux-gnu/webkit2gtk-4.1/MiniBrowser")
ENGINES = ("firefox", "webkit")
WAIT_S = 20.0
#: Tries to put the pointer on an element that a late result may push off the screen.
POINTER_ATTEMPTS = 3

#: Everything a page reports that a reader could not see: CSP violations, uncaught errors and
#: rejections, failed resources, console.error. Kept in window.__bfrSeen (a page restored from
#: the back/forward cache keeps it). Installed once per document.
WATCH = r"""
(() => {
  if (window.__bfrSeen) return;
  const seen = (window.__bfrSeen = { csp: [], errors: [] });
  const csp = (e) => `${e.effectiveDirective} refused ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || "?"}:${e.lineNumber || 0}`;
  document.addEventListener("securitypolicyviolation", (e) => seen.csp.push(`event: ${csp(e)}`));
  addEventListener("error", (e) => {
    const target = e.target && e.target !== window ? e.target : null;
    seen.errors.push(target ? `resource failed: ${target.src || target.href || target.tagName}`
      : `error: ${e.message} at ${e.filename}:${e.lineno}`);
  }, true);
  addEventListener("unhandledrejection", (e) => seen.errors.push(`rejection: ${e.reason}`));
  const original = console.error.bind(console);
  console.error = (...args) => {
    seen.errors.push(`console.error: ${args.join(" ")}`);
    original(...args);
  };
  // How the page came back each time: true when restored from the back/forward cache.
  seen.pageshows = [];
  addEventListener("pageshow", (e) => seen.pageshows.push(e.persisted));
})();
"""


class EngineError(RuntimeError):
    pass


class Browser(Protocol):
    """What the cross-engine tests do in a browser: one tab, a reader's pointer and keyboard."""

    engine: str
    version: str

    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def evaluate(self, expression: str) -> Any: ...
    def call(self, function: str, *args: Any) -> Any: ...
    def click(self, selector: str, navigates: bool = False) -> None: ...
    def navigate(self, script: str) -> None: ...
    def hold(self, selector: str, ms: int) -> None: ...
    def type(self, text: str) -> None: ...
    def console_errors(self) -> list[str]: ...
    def close(self) -> None: ...


class Firefox:
    engine = "firefox"

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None or not FIREFOX.exists():
            raise EngineError(f"needs node and {FIREFOX} (`make install`)")
        self.process = subprocess.Popen(
            [node, str(HERE / "firefox.mjs")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "BFR_FIREFOX": str(FIREFOX)},
        )
        self.ids = iter(range(1, 1_000_000))
        self.version = str(self.answer(0))
        self.send("preload", script=WATCH)

    def answer(self, wanted: int) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise EngineError(f"firefox.mjs ended (exit {self.process.wait()})")
        reply = json.loads(line)
        if reply["id"] != wanted:
            raise EngineError(f"answer {reply['id']} to command {wanted}")
        if "error" in reply:
            raise EngineError(reply["error"])
        return reply["value"]

    def send(self, op: str, **args: Any) -> Any:
        assert self.process.stdin is not None
        command = next(self.ids)
        self.process.stdin.write(json.dumps({"id": command, "op": op, **args}) + "\n")
        self.process.stdin.flush()
        return self.answer(command)

    def goto(self, url: str) -> None:
        self.send("goto", url=url)

    def reload(self) -> None:
        self.send("reload")

    def evaluate(self, expression: str) -> Any:
        return self.send("evaluate", expression=expression)

    def call(self, function: str, *args: Any) -> Any:
        return self.send("call", function=function, args=list(args))

    def click(self, selector: str, navigates: bool = False) -> None:
        self.send("click", selector=selector, navigates=navigates)

    def navigate(self, script: str) -> None:
        self.send("navigate", script=script)

    def hold(self, selector: str, ms: int) -> None:
        self.send("hold", selector=selector, ms=ms)

    def type(self, text: str) -> None:
        self.send("type", text=text)

    def console_errors(self) -> list[str]:
        return list(self.send("errors"))

    def close(self) -> None:
        try:
            self.send("close")
        except (EngineError, BrokenPipeError, OSError):
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Xvfb:
    """A virtual X display of its own (what xvfb-run does), for as long as the tests need it."""

    def __init__(self) -> None:
        if shutil.which("Xvfb") is None:
            raise EngineError("needs Xvfb (Debian package xvfb; `make install`)")
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise EngineError("Xvfb gave no display")
        self.display = f":{number}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class WebKit:
    engine = "webkit"

    def __init__(self, display: str) -> None:
        if not WEBKIT_DRIVER.exists() or not MINIBROWSER.exists():
            raise EngineError(f"needs {WEBKIT_DRIVER} and {MINIBROWSER} (`make install`)")
        self.home = Path(tempfile.mkdtemp(prefix="bfr-webkit-"))
        env = {
            **os.environ,
            "DISPLAY": display,
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
        }
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = Service(
            executable_path=str(WEBKIT_DRIVER), env=env, log_output=subprocess.DEVNULL
        )
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_window_size(1280, 900)
        self.driver.set_script_timeout(WAIT_S)
        caps = self.driver.capabilities
        self.version = f"{caps.get('browserName')} {caps.get('browserVersion')}"

    def watch(self) -> None:
        self.driver.execute_script(WATCH)

    def goto(self, url: str) -> None:
        self.driver.get(url)  # returns once the page has loaded
        self.watch()

    def reload(self) -> None:
        self.driver.refresh()
        self.watch()

    def evaluate(self, expression: str) -> Any:
        try:
            return self.driver.execute_script(f"return ({expression});")
        except WebDriverException as error:  # as Firefox's bridge says it: an EngineError
            raise EngineError(error.msg or str(error)) from error

    def call(self, function: str, *args: Any) -> Any:
        try:
            reply = self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                f"Promise.resolve(({function})(...Array.prototype.slice.call(arguments, 0, -1)))"
                ".then((value) => done({value}), (error) => done({error: String(error)}));",
                *args,
            )
        except WebDriverException as error:
            raise EngineError(error.msg or str(error)) from error
        if "error" in reply:
            raise EngineError(reply["error"])
        return reply.get("value")

    def element(self, selector: str) -> Any:
        found = self.driver.find_element(By.CSS_SELECTOR, selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", found)
        return found

    def navigate(self, script: str) -> None:
        self.driver.execute_script(f"setTimeout(() => {{ {script}; }}, 0)")

    def click(self, selector: str, navigates: bool = False) -> None:
        self.pointer(selector, lambda chain: chain.click())

    def hold(self, selector: str, ms: int) -> None:
        self.pointer(selector, lambda chain: chain.click_and_hold().pause(ms / 1000).release())

    def pointer(self, selector: str, act: Any) -> None:
        """The pointer on the element's centre, then ``act``. The element is scrolled to the
        middle of the screen first; a result worked out meanwhile above it can push it off the
        screen before the pointer moves (WebDriver then refuses the move), so it is scrolled
        to again and the move tried again, as a reader looks for the field again."""
        for attempt in range(POINTER_ATTEMPTS):
            try:
                act(ActionChains(self.driver).move_to_element(self.element(selector))).perform()
                return
            except MoveTargetOutOfBoundsException:
                if attempt == POINTER_ATTEMPTS - 1:
                    raise

    def type(self, text: str) -> None:
        ActionChains(self.driver).send_keys(text).perform()

    def console_errors(self) -> list[str]:
        return []  # no console events without BiDi: the watcher's console.error hook has them

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def launch(engine: str, display: str | None) -> Browser:
    if engine == "firefox":
        return Firefox()
    assert display is not None
    return WebKit(display)


def wait(browser: Browser, expression: str, what: str = "", timeout: float = WAIT_S) -> Any:
    """Poll ``expression`` in the page until it is truthy; its value. The site's policy forbids
    eval, so the polling is done from here, not by a function in the page."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        try:
            last = browser.evaluate(expression)
        except EngineError as error:  # a navigation under way
            last = error
        if last and not isinstance(last, EngineError):
            return last
        if time.monotonic() > deadline:
            try:
                where = browser.evaluate(
                    "`${location.pathname} (${document.readyState}) `"
                    " + [...document.querySelectorAll('form[data-calculator]')]"
                    ".map((f) => `${f.id}: ${f.dataset.state}, ${f.querySelector('[data-status]')"
                    "?.textContent}`).join('; ')"
                )
            except EngineError as error:
                where = str(error).splitlines()[0]
            raise AssertionError(
                f"{browser.engine}: waited {timeout:.0f} s for {what or expression}"
                f" (last: {last!r}, at {where})"
            )
        time.sleep(0.05)


def seen(browser: Browser) -> dict[str, list[str]]:
    """What the watcher saw in the current page, and the console errors BiDi reported."""
    found = browser.evaluate("window.__bfrSeen || {csp: ['no watcher in the page'], errors: []}")
    return {"csp": list(found["csp"]), "errors": list(found["errors"]) + browser.console_errors()}


def watch(browser: Browser) -> None:
    """Put the watcher into the current page if it is not there (after a navigation that the
    test started from the page itself, such as history.back())."""
    browser.evaluate(WATCH.strip().rstrip(";"))


def running(engine: str, display: str | None) -> Iterator[Browser]:
    browser = launch(engine, display)
    try:
        yield browser
    finally:
        browser.close()
