"""An app served by a real uvicorn on a loopback port, in a thread of the test process.

FastAPI's TestClient reads a request's whole body before the app sees any of it, so what the
app reads (and holds) of a large or chunked body can only be seen through a real server.
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp


@contextmanager
def served(app: ASGIApp, port: int | None = None) -> Iterator[int]:
    """The port ``app`` answers on (``port``, else a free one), until the block ends."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


def rss_kb() -> int:
    return _status_kb("VmRSS")


def reset_peak() -> None:
    """Start the peak RSS (VmHWM) afresh from the current RSS (Linux's clear_refs 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_kb() -> int:
    return _status_kb("VmHWM")


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def post_large(
    port: int,
    path: str,
    size: int,
    *,
    chunked: bool,
    headers: dict[str, str] | None = None,
    chunk: int = 64 * 1024,
) -> int:
    """POST ``size`` bytes to ``path`` (with a Content-Length, or chunked without one) and
    return the status of the answer, which may come before the body is all sent: the sending
    stops when the server stops reading (it answers and closes)."""
    piece = b"x" * chunk
    head = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    head += [f"{name}: {value}" for name, value in (headers or {}).items()]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    answer = bytearray()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        reader = threading.Thread(target=_read_answer, args=(connection, answer), daemon=True)
        reader.start()
        try:
            connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
            sent = 0
            while sent < size and reader.is_alive():
                part = piece[: min(chunk, size - sent)]
                framed = f"{len(part):x}\r\n".encode() + part + b"\r\n" if chunked else part
                connection.sendall(framed)
                sent += len(part)
            if chunked and reader.is_alive():
                connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body was all sent
        reader.join(30)
    status_line = bytes(answer).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def _read_answer(connection: socket.socket, answer: bytearray) -> None:
    try:
        while b"\r\n" not in answer:
            data = connection.recv(65536)
            if not data:
                return
            answer.extend(data)
    except (ConnectionResetError, TimeoutError, OSError):
        return


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve_child(url: str, port: int, settings: dict[str, str]) -> None:
    from bot.cli.serve import surfaces  # noqa: PLC0415 - in the child process
    from bot.services import Services  # noqa: PLC0415
    from bot.web.app import create_app  # noqa: PLC0415
    from config import load_settings  # noqa: PLC0415
    from storage.database import make_engine  # noqa: PLC0415

    loaded = load_settings(COMMPLAN_DATABASE_URL=url, COMMPLAN_LOG_LEVEL="WARNING", **settings)
    services = Services.create(loaded, make_engine(url))
    app = create_app(loaded, services.context.engine, surfaces(services))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


@contextmanager
def served_in_child(url: str, **settings: str) -> Iterator[str]:
    """The whole app (every surface) on the database at ``url``, served by uvicorn in a child
    process (a browser test's server); yields its base URL once /healthz answers."""
    port = free_port()
    child = multiprocessing.get_context("spawn").Process(
        target=_serve_child, args=(url, port, settings)
    )
    child.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        child.terminate()
        child.join()
