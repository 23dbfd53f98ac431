"""A built site served on an ephemeral loopback port, for printing PDFs in a real browser (and
for the tests and the benchmark that read the site as a reader's browser does)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

#: Files a web server sends gzip-compressed when asked to (``serve(..., compress=True)``).
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    compress = False

    def log_message(self, *args):  # no request log on the build's output
        pass

    def do_GET(self) -> None:
        """A text file, gzip-compressed (level 6) when compression is on and the browser accepts
        it, as a web server sends it; anything else as the standard handler sends it."""
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class serve:
    """Serve ``directory`` on ``127.0.0.1`` for the length of a ``with`` block; yields its URL.
    ``headers`` are sent with every response; ``compress`` sends text files gzip-compressed to a
    browser that accepts it (:data:`COMPRESSIBLE`)."""

    def __init__(self, directory: Path, headers: dict[str, str] | None = None, compress: bool = False):
        handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {}), "compress": compress})
        handler = functools.partial(handler_class, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
