"""`articula serve`'s processes: a supervisor that binds the socket and keeps N uvicorn
workers serving the app on it, starting a new worker whenever one dies (killed by the
kernel for its memory, `kill -9`, a crash).

Workers are forked from the supervisor after it has imported and built the app, so a
replacement serves within a second rather than after importing everything again. The
supervisor itself holds no connection and runs no request. Each worker has its own
caches (analytic results, parsed documents) and its own Neo4j driver.
"""

import contextlib
import logging
import os
import signal
import socket
import time
from types import FrameType

import uvicorn
from uvicorn.config import STARTUP_FAILURE

log = logging.getLogger("uvicorn.error")

POLL_S = 0.1  # how often the supervisor looks for dead workers
QUICK_DEATH_S = 5.0  # a worker that dies sooner is replaced after a pause, not at once
STOP_GRACE_S = 30.0  # how long workers get to finish their requests when the service stops


class Supervisor:
    def __init__(self, config: uvicorn.Config) -> None:
        self.config = config
        self.started: dict[int, float] = {}  # worker pid -> when it started
        self.stopping = False
        self.failed = False

    def run(self) -> int:
        """Serve until SIGINT or SIGTERM; 0, or 1 when a worker could not start."""
        self.config.load()
        listener = self.config.bind_socket()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._stop)
        try:
            for _ in range(self.config.workers):
                self._fork(listener)
            log.info("Supervisor [%d] keeps %d worker(s) running", os.getpid(),
                     self.config.workers)
            while not self.stopping:
                self._replace_dead(listener)
                time.sleep(POLL_S)
        finally:
            self._stop_workers()
            listener.close()
        return 1 if self.failed else 0

    def _stop(self, sig: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _fork(self, listener: socket.socket) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: serve, then leave without running the supervisor's code
            os._exit(self._serve(listener))
        self.started[pid] = time.monotonic()

    def _serve(self, listener: socket.socket) -> int:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            uvicorn.Server(self.config).run(sockets=[listener])
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else 1
        except KeyboardInterrupt:
            return 0
        except BaseException:
            log.exception("Worker [%d] failed", os.getpid())
            return 1
        return 0

    def _replace_dead(self, listener: socket.socket) -> None:
        for pid, since in list(self.started.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                continue
            del self.started[pid]
            if self.stopping:
                return
            if os.WIFEXITED(status) and os.WEXITSTATUS(status) == STARTUP_FAILURE:
                log.error("Worker [%d] could not start; stopping the service", pid)
                self.failed = self.stopping = True
                return
            how = (f"signal {signal.Signals(os.WTERMSIG(status)).name}"
                   if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}")
            log.warning("Worker [%d] died (%s); starting another", pid, how)
            if time.monotonic() - since < QUICK_DEATH_S:
                time.sleep(1.0)
            self._fork(listener)

    def _stop_workers(self) -> None:
        for pid in self.started:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while self.started and time.monotonic() < deadline:
            for pid in list(self.started):
                if os.waitpid(pid, os.WNOHANG)[0] != 0:
                    del self.started[pid]
            time.sleep(POLL_S)
        for pid in self.started:
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def serve(host: str, port: int, workers: int) -> int:
    """Serve the app with `workers` supervised worker processes until stopped."""
    config = uvicorn.Config("service.app:create_app", factory=True, host=host, port=port,
                            workers=workers, log_level="info")
    return Supervisor(config).run()
