"""The app on a real uvicorn server on 127.0.0.1, for tests that need HTTP from outside the
process (a browser, a contract fuzzer)."""

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from service.app import create_app
from service.settings import Settings
from tests.neo4j_backends import Backend, cli_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(settings: Settings, app: FastAPI | None = None) -> Iterator[str]:
    """The app (`create_app(settings)` unless given) served until the block ends; its base
    URL. A test that passes its own app can look into `app.state` meanwhile."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app or create_app(settings), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def start_serve(backend: Backend, log: Path) -> tuple[subprocess.Popen[str], str]:
    """`articula serve` on a free port, in a session of its own as a terminal would run it,
    its output in `log`; the process and its base URL (not yet answering)."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--no-sample", "--port", str(port)],
            env=cli_env(backend), stdout=output, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
    return process, f"http://127.0.0.1:{port}"
