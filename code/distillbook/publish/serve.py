"""A built site served on an ephemeral loopback port, for printing PDFs in a real browser."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # no request log on the build's output
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class serve:
    """Serve ``directory`` on ``127.0.0.1`` for the length of a ``with`` block; yields its URL.
    ``headers`` are sent with every response."""

    def __init__(self, directory: Path, headers: dict[str, str] | None = None):
        handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
        handler = functools.partial(handler_class, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
