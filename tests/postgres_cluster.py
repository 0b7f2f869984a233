"""A throwaway PostgreSQL cluster for tests, started from the machine's PostgreSQL binaries
(Debian's /usr/lib/postgresql/*/bin, or initdb/pg_ctl on PATH) in a temporary folder,
listening on 127.0.0.1 at a free port with a Unix socket in the same folder.

initdb refuses to run as root: as root the cluster runs as the `postgres` system user
(which Debian's package creates) through `runuser`. `find_binaries()` returns None, and
`start()` raises `Unavailable` with the reason, when this is not possible; the fixtures
in tests/conftest.py turn that into a skip that says why.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class Unavailable(Exception):
    """No PostgreSQL cluster can be started here; the message says why."""


def find_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name),
                        reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if all((Path(folder) / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    root: Path
    port: int
    bin: Path
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://veille@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(a) for a in args]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Cluster:
    """initdb and start a cluster (superuser `veille`, trust authentication, loopback only)."""
    binaries = find_binaries()
    if binaries is None:
        raise Unavailable("no PostgreSQL binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin or on "
                          "PATH; install Debian's postgresql package (make test does, as root)")
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="veille-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise Unavailable("running as root and there is no 'postgres' user to run initdb as") from None
        if shutil.which("runuser") is None:
            shutil.rmtree(root, ignore_errors=True)
            raise Unavailable("running as root and runuser is missing: cannot run initdb as 'postgres'")
        os.chown(root, user.pw_uid, user.pw_gid)
        run_as = "postgres"
    cluster = Cluster(root=root, port=_free_port(), bin=binaries, run_as=run_as)
    done = cluster._run(binaries / "initdb", "-D", cluster.data, "-U", "veille", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync")
    if done.returncode != 0:
        cluster.stop()
        raise Unavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
    options = (f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {root} -c fsync=off "
               f"-c max_connections=60 -c shared_buffers=16MB")
    done = cluster._run(binaries / "pg_ctl", "-D", cluster.data, "-l", root / "server.log", "-o", options,
                        "-w", "-t", "60", "start")
    if done.returncode != 0:
        log = (root / "server.log").read_text(errors="replace")[-800:] if (root / "server.log").exists() else ""
        cluster.stop()
        raise Unavailable(f"the PostgreSQL server did not start: {done.stderr.strip()[-300:]} {log}")
    return cluster
