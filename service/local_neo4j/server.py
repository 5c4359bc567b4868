"""A local Neo4j Community server with the open-source GDS procedures, without Docker.

The jars come from Maven Central through `pom.xml` beside this file and are fetched
once into `<home>/jars/`; each Bolt port gets its own server directory
`<home>/neo4j-<port>/` (configuration, data, logs), so data persists across restarts
and a test server never touches the data of the one `articula serve` uses.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from service import messages
from service.errors import LocalServerError
from service.messages import msg
from service.settings import Settings

POM = Path(__file__).with_name("pom.xml")
SUPPORTED_JAVA = (17, 21)
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The JVM flags Neo4j's own launcher passes (from its default neo4j.conf).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


@dataclass(frozen=True)
class Versions:
    neo4j: str
    gds: str


@cache
def pinned_versions() -> Versions:
    """The Neo4j/GDS pair pinned in pom.xml, the project's single source for both."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(POM).getroot().find("m:properties", ns)
    assert props is not None
    neo4j_version = props.findtext("m:neo4j.version", namespaces=ns)
    gds_version = props.findtext("m:gds.version", namespaces=ns)
    assert neo4j_version and gds_version
    return Versions(neo4j=neo4j_version, gds=gds_version)


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    uri: str
    directory: Path
    neo4j_version: str | None = None
    gds_version: str | None = None

    def describe(self) -> str:
        lines = [messages.say("cli.server.running", pid=self.pid) if self.running
                 else messages.say("cli.server.stopped"),
                 messages.say("cli.server.uri", uri=self.uri)]
        if self.neo4j_version:
            lines.append(f"  Neo4j {self.neo4j_version}, GDS {self.gds_version}")
        lines.append(messages.say("cli.server.directory", directory=str(self.directory)))
        return "\n".join(lines)


def _say(message: str) -> None:
    print(message, flush=True)


class LocalNeo4j:
    """Fetches, configures, starts, stops and reports on the local server."""

    def __init__(self, settings: Settings, say: Callable[[str], None] = _say,
                 config: Mapping[str, str] | None = None) -> None:
        self.settings = settings
        self.config = dict(config or {})  # neo4j.conf settings beyond the ones derived here
        self.versions = pinned_versions()
        self.say = say
        home = settings.home.resolve()
        self.jars = home / "jars" / f"neo4j-{self.versions.neo4j}-gds-{self.versions.gds}"
        self.directory = home / f"neo4j-{settings.bolt_port}"
        self.uri = f"bolt://127.0.0.1:{settings.bolt_port}"
        self.pid_file = self.directory / "run" / "neo4j.pid"
        self.kept_file = self.directory / "run" / "kept"
        self.log_file = self.directory / "logs" / "neo4j.log"
        self.console_file = self.directory / "logs" / "console.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def started_here(self) -> bool:
        """Whether this object launched the running server's process (its child)."""
        return self._process is not None and self._process.poll() is None

    def keep(self) -> None:
        """Mark the running server as the user's (`articula neo4j start`): a command that
        started it for its own use (`articula serve`) then leaves it running at its end."""
        pid = self.pid()
        if pid is not None:
            self.kept_file.write_text(f"{pid}\n")

    @property
    def kept(self) -> bool:
        """Whether `keep` marked the server that runs now (not an earlier one)."""
        try:
            marked = int(self.kept_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return False
        return marked == self.pid()

    @property
    def ours_to_stop(self) -> bool:
        """Whether this object started the server that runs now and nobody kept it since:
        what a command that started the server for its own use may stop at its end."""
        return (self.started_here and self._process is not None
                and self.pid() == self._process.pid and not self.kept)

    # -- jars -------------------------------------------------------------

    def fetch(self) -> None:
        """Lay out lib/ and plugins/ from Maven Central, once per version pair; a second
        process that needs them meanwhile waits for the first one's."""
        if (self.jars / ".complete").is_file():
            return
        self.jars.parent.mkdir(parents=True, exist_ok=True)
        with (self.jars.parent / ".fetch.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (self.jars / ".complete").is_file():
                self._fetch()

    def _fetch(self) -> None:
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalServerError(msg("error.server.no_maven"))
        self.say(messages.say("cli.server.fetching", neo4j=self.versions.neo4j,
                              gds=self.versions.gds))
        work = Path(tempfile.mkdtemp(dir=self.jars.parent, prefix=".fetch-"))
        try:
            shutil.copy(POM, work / "pom.xml")
            result = subprocess.run(
                [mvn, "-B", "-q", "generate-resources",
                 f"-Dlib.dir={work / 'lib'}", f"-Dplugins.dir={work / 'plugins'}"],
                cwd=work, capture_output=True, text=True, check=False,
            )
            if result.returncode != 0:
                tail = "\n".join(_maven_errors(result.stdout + result.stderr))
                raise LocalServerError(msg("error.server.maven_failed", tail=tail))
            (work / ".complete").write_text(f"{self.versions}\n")
            shutil.rmtree(self.jars, ignore_errors=True)
            os.replace(work, self.jars)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    # -- java -------------------------------------------------------------

    def java(self) -> str:
        """The java binary to use: JAVA_HOME's, else the one on PATH; must be 17 or 21."""
        java_home = self.settings.java_home
        java = str(java_home / "bin" / "java") if java_home else shutil.which("java")
        if not java or not Path(java).exists():
            raise LocalServerError(msg("error.server.no_java"))
        out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
        match = re.search(r'version "(\d+)', out.stderr + out.stdout)
        major = int(match.group(1)) if match else 0
        if major not in SUPPORTED_JAVA:
            raise LocalServerError(
                msg("error.server.java_version", java=java, major=major,
                    neo4j=self.versions.neo4j) if major
                else msg("error.server.java_unknown", java=java, neo4j=self.versions.neo4j))
        return java

    # -- process ------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of our running server, or None (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists():
            args = cmdline.read_bytes().split(b"\0")
            if ENTRY_POINT.encode() not in args or not any(
                str(self.directory).encode() in arg for arg in args
            ):
                return None
        return pid

    def start(self, timeout_s: float = 180.0, *, quiet: bool = False) -> ServerStatus:
        """Start the server (harmless when it already runs) and wait until GDS answers;
        `quiet`: say nothing when it already runs (a command that merely uses it)."""
        if self.pid() is not None:
            if not quiet:
                self.say(messages.say("cli.server.already_running", uri=self.uri))
            return self.wait_until_ready(timeout_s, quiet=quiet)
        self._check_port_free()
        java = self.java()
        self.fetch()
        self._configure()
        self.say(messages.say("cli.server.starting", neo4j=self.versions.neo4j,
                              gds=self.versions.gds, uri=self.uri))
        classpath = os.pathsep.join(
            [str(self.jars / "plugins" / "*"), str(self.jars / "lib" / "*")]
        )
        heap = self.settings.heap
        command = [
            java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, "-cp", classpath, ENTRY_POINT,
            f"--home-dir={self.directory}", f"--config-dir={self.directory / 'conf'}",
        ]
        self.console_file.parent.mkdir(parents=True, exist_ok=True)
        with self.console_file.open("ab") as console:
            process = subprocess.Popen(
                command, cwd=self.directory, stdout=console, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True, env=self._env(),
            )
        self._process = process
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(f"{process.pid}\n")
        return self.wait_until_ready(timeout_s, process)

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after timeout). False if not running."""
        pid = self.pid()
        if pid is not None:
            deadline = time.monotonic() + timeout_s
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
                while _alive(pid):
                    if time.monotonic() > deadline:
                        os.kill(pid, signal.SIGKILL)
                    time.sleep(0.2)
        self._reap()
        self.pid_file.unlink(missing_ok=True)
        self.kept_file.unlink(missing_ok=True)
        return pid is not None

    def _reap(self) -> None:
        """Collect the exit status of a server this object started, so it leaves no zombie."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def status(self) -> ServerStatus:
        pid = self.pid()
        if pid is None:
            return ServerStatus(False, None, self.uri, self.directory)
        try:
            neo4j_version, gds_version = self._versions_from_server()
        except (ServiceUnavailable, SessionExpired, OSError):
            return ServerStatus(True, pid, self.uri, self.directory)
        return ServerStatus(True, pid, self.uri, self.directory, neo4j_version, gds_version)

    def wait_until_ready(
        self, timeout_s: float, process: subprocess.Popen[bytes] | None = None,
        *, quiet: bool = False,
    ) -> ServerStatus:
        """Poll until Bolt answers and `RETURN gds.version()` works; fail fast on exit.
        `quiet`: no line saying it is ready."""
        deadline = time.monotonic() + timeout_s
        while True:
            if process is not None and process.poll() is not None:
                self._process = None
                self.pid_file.unlink(missing_ok=True)
                raise LocalServerError(msg("error.server.exited", code=process.returncode,
                                           log=str(self.log_file), tail=self._log_tail()))
            try:
                neo4j_version, gds_version = self._versions_from_server()
            except AuthError as error:
                raise LocalServerError(msg("error.server.password", uri=self.uri,
                                           directory=str(self.directory))) from error
            except (ServiceUnavailable, SessionExpired, OSError):
                if time.monotonic() > deadline:
                    raise LocalServerError(msg(
                        "error.server.no_answer", uri=self.uri, seconds=round(timeout_s),
                        log=str(self.log_file), tail=self._log_tail())) from None
                time.sleep(0.5)
                continue
            pid = self.pid()
            if not quiet:
                self.say(messages.say("cli.server.ready", neo4j=neo4j_version,
                                      gds=gds_version, uri=self.uri))
            return ServerStatus(True, pid, self.uri, self.directory, neo4j_version, gds_version)

    # -- internals ----------------------------------------------------------

    def _versions_from_server(self) -> tuple[str, str]:
        auth = (self.settings.neo4j_user, self.settings.neo4j_password.get_secret_value())
        with neo4j.GraphDatabase.driver(
            self.uri, auth=auth, connection_timeout=2.0, max_connection_lifetime=30
        ) as driver, driver.session(database="system") as session:
            record = session.run(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS neo4j, "
                "gds.version() AS gds"
            ).single(strict=True)
            return str(record["neo4j"]), str(record["gds"])

    def _configure(self) -> None:
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        s = self.settings
        conf = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{s.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{s.bolt_port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.directories.plugins": str(self.jars / "plugins"),
            "dbms.security.procedures.unrestricted": "gds.*",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.memory.heap.initial_size": s.heap,
            "server.memory.heap.max_size": s.heap,
            "server.memory.pagecache.size": s.pagecache,
            "db.tx_log.rotation.retention_policy": "1 days",
            **self.config,
        }
        text = "# Written by `articula neo4j start` on every start; edits are overwritten.\n"
        text += "".join(f"{key}={value}\n" for key, value in conf.items())
        (self.directory / "conf" / "neo4j.conf").write_text(text)
        if not (self.directory / "data" / "databases").exists():
            self._set_initial_password()

    def _set_initial_password(self) -> None:
        password = self.settings.neo4j_password.get_secret_value()
        if len(password) < 8:
            raise LocalServerError(msg("error.server.short_password"))
        result = subprocess.run(
            [self.java(), "-cp", str(self.jars / "lib" / "*"), ADMIN_TOOL,
             "dbms", "set-initial-password", password],
            env=self._env(), capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise LocalServerError(msg("error.server.initial_password",
                                       reason=result.stderr.strip() or result.stdout))

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NEO4J_HOME": str(self.directory),
            "NEO4J_CONF": str(self.directory / "conf"),
        }

    def _check_port_free(self) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            taken = probe.connect_ex(("127.0.0.1", self.settings.bolt_port)) == 0
        if taken:
            raise LocalServerError(msg("error.server.port_taken", port=self.settings.bolt_port))

    def _log_tail(self, lines: int = 25) -> str:
        for log in (self.log_file, self.console_file):
            if log.exists():
                text = log.read_text(errors="replace").strip().splitlines()
                if text:
                    return "\n".join(text[-lines:])
        return "(no log written)"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a child of this process that exited stays a zombie until reaped
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        done = 0
    if done:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")


def _maven_errors(output: str, most: int = 5) -> list[str]:
    """Maven's own error lines, without its generic advice."""
    advice = ("To see the full", "Re-run Maven", "For more information", "[Help 1] http")
    output = re.sub(r"\x1b\[[0-9;]*m", "", output)
    errors = [
        line for line in output.splitlines()
        if "[ERROR]" in line and line.replace("[ERROR]", "").strip()
        and not any(a in line for a in advice)
    ]
    return errors[:most] or output.strip().splitlines()[-most:]
