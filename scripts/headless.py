"""Open a page in Debian's headless Chromium and look at it as a reader would, over the DevTools protocol.

Standard library only: Chromium's `--remote-debugging-pipe` reads commands on fd 3 and writes replies on fd 4,
as NUL-terminated JSON. Used by the report's browser test and by scripts/screenshot_report.py.

    with Browser() as browser:
        page = browser.open("file:///tmp/report.html", ready="document.querySelectorAll('.main-svg').length > 0")
        page.errors, page.requests, page.evaluate("document.title"), page.screenshot()
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The flags that work on this kind of machine: as root (no sandbox), no GPU, and no background traffic,
# which a closed network refuses many times over.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    pass


@dataclass
class Page:
    browser: Browser
    session: str
    errors: list[str] = field(default_factory=list)      # exceptions, console errors, failed loads
    requests: list[str] = field(default_factory=list)    # every URL the page asked for that is not local

    def evaluate(self, expression: str):
        reply = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                  self.session)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r} threw: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, width: int = 1280, height: int | None = None) -> bytes:
        """The page as PNG at `width` CSS pixels: its top `height` pixels, or all of it."""
        page_height = int(self.evaluate("document.documentElement.scrollHeight"))
        height = page_height if height is None else min(height, page_height)
        self.browser.call("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, self.session)
        self.evaluate("window.dispatchEvent(new Event('resize'))")
        time.sleep(0.5)  # let plotly redraw at the new width
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        reply = self.browser.call("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip}, self.session)
        return base64.b64decode(reply["data"])


class Browser:
    """A headless Chromium with a fresh profile, closed and removed on exit."""

    def __init__(self, executable: str | None = None, timeout: float = 30.0) -> None:
        self.executable = executable or find_chromium()
        if self.executable is None:
            raise BrowserError("chromium not found; install it with `apt-get install -y chromium`")
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []

    def __enter__(self) -> Browser:
        self._profile = tempfile.mkdtemp(prefix="builder-chromium-")
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def attach_pipes() -> None:  # runs in the child before exec: fd 3 commands in, fd 4 replies out
            read, write = os.dup(to_browser), os.dup(from_browser)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=attach_pipes)
        os.close(to_browser)
        os.close(from_browser)
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._replies)
        shutil.rmtree(self._profile, ignore_errors=True)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _receive(self, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise BrowserError(f"chromium did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe (did it crash?)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str, ready: str = "true", width: int = 1280, height: int = 900) -> Page:
        """Load `url` in a new tab and wait for the load event and then for the `ready` expression."""
        target = self.call("Target.createTarget", {"url": "about:blank"})
        session = self.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.call("Page.navigate", {"url": url}, session)
        self._wait(page, lambda event: event.get("method") == "Page.loadEventFired")
        deadline = time.monotonic() + self.timeout
        while not page.evaluate(f"Boolean({ready})"):
            if time.monotonic() > deadline:
                raise BrowserError(f"the page was not ready within {self.timeout:.0f} s: {ready}")
            time.sleep(0.1)
        self._drain(page)
        return page

    def _wait(self, page: Page, done) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            while self._events:
                event = self._events.pop(0)
                self._note(page, event)
                if event.get("sessionId") == page.session and done(event):
                    return
            if time.monotonic() > deadline:
                raise BrowserError(f"the page did not load within {self.timeout:.0f} s")
            self._events.append(self._receive(deadline - time.monotonic()))

    def _drain(self, page: Page) -> None:
        """Take in every event already sent, so errors raised while the page settled are counted."""
        while select.select([self._replies], [], [], 0.2)[0] or b"\0" in self._buffer:
            self._events.append(self._receive())
        while self._events:
            self._note(page, self._events.pop(0))

    @staticmethod
    def _note(page: Page, event: dict) -> None:
        method, params = event.get("method"), event.get("params", {})
        if event.get("sessionId") != page.session:
            return
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            page.errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            page.errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                      for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            page.errors.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(LOCAL_SCHEMES):
                page.requests.append(url)
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            page.errors.append(f"load failed: {params.get('errorText')}")


def file_url(path: Path) -> str:
    return Path(path).resolve().as_uri()
