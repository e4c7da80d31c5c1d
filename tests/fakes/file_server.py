"""A local file server standing in for the address Teams gives a file sent to the bot
(``downloadUrl``): it serves bytes by name and records each fetch."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FileServer:
    """Serves ``files`` by name; ``announce`` names files whose Content-Length it states but
    whose body it holds back until ``released`` (a reader that waits for it hangs)."""

    files: dict[str, bytes] = field(default_factory=dict)
    announce: dict[str, int] = field(default_factory=dict)
    fetched: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    def url(self, name: str) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/files/{name}"

    def start(self) -> FileServer:
        files = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                name = self.path.rsplit("/", 1)[-1]
                files.fetched.append(name)
                if name in files.announce:
                    self.send_response(200)
                    self.send_header("Content-Length", str(files.announce[name]))
                    self.end_headers()
                    self.wfile.flush()
                    files.released.wait(10)
                    return
                content = files.files.get(name)
                self.send_response(200 if content is not None else 404)
                self.send_header("Content-Length", str(len(content or b"")))
                self.end_headers()
                self.wfile.write(content or b"")

            def log_message(self, *_: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
