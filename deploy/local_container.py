"""One compose container as a local process: its command, paths and environment mapped to this host.

The mapping is the one deploy/run-compose-locally.py documents: image executables become the built
products, bind mounts their host directories, /tmp a private directory, and database URLs naming
an emulated compose service point at the local PostgreSQL.
"""
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse

from compose_file import SetupError, argv_list, mounts_of

IMAGE_BIN = "/usr/local/bin"
# The PATH of the Debian base image, with /usr/local/bin (where the Dockerfile copies the products).
BASE_PATH = ["/usr/local/sbin", IMAGE_BIN, "/usr/sbin", "/usr/bin", "/sbin", "/bin"]


class Context:
    """Where this run keeps things and where the local PostgreSQL is."""

    def __init__(self, args, compose_dir, workdir, database_hosts):
        self.compose_dir, self.workdir = compose_dir, workdir
        self.pg_host, self.pg_port = args.postgres_host, args.postgres_port
        self.database_hosts = database_hosts
        self.image_bin = os.path.join(workdir, "usr-local-bin")

    def local_url(self, value):
        """A database URL naming an emulated compose service, pointed at the local server."""
        parsed = urllib.parse.urlsplit(value) if re.match(r"postgres(ql)?://", value) else None
        if not parsed or parsed.hostname not in self.database_hosts:
            return value
        userinfo = parsed.netloc.rpartition("@")[0]
        netloc = (userinfo + "@" if userinfo else "") + f"{self.pg_host}:{self.pg_port}"
        return urllib.parse.urlunsplit(parsed._replace(netloc=netloc))


def listen_address(container):
    """(host, port) the service binds: XDR_LISTEN, else 0.0.0.0 and its first published port."""
    text = container.environment.get("XDR_LISTEN", "")
    match = re.fullmatch(r"(?:(.*):)?(\d+)", text)
    if match:
        return match.group(1) or "0.0.0.0", int(match.group(2))
    ports = container.spec.get("ports") or []
    if not ports:
        raise SetupError(f"{container.name}: no XDR_LISTEN and no published port")
    return "0.0.0.0", int(str(ports[0]).split(":")[-1].split("/")[0])


class Container:
    """A compose service's container, to be run as a local process."""

    def __init__(self, name, spec, image, context):
        self.name, self.spec, self.context = name, spec, context
        entrypoint = argv_list(spec.get("entrypoint"), f"{name}.entrypoint")
        command = argv_list(spec.get("command"), f"{name}.command")
        if entrypoint is None:
            entrypoint = image["entrypoint"]
            command = image["cmd"] if command is None else command
        argv = entrypoint + (command or [])
        if not argv:
            raise SetupError(f"{name}: neither entrypoint nor command")
        self.written = argv
        self.mounts = dict(mounts_of(spec, context.compose_dir))
        self.tmp = tempfile.mkdtemp(prefix=f"{name}-tmp-", dir=context.workdir)
        self.argv = [self.program(argv[0], image)] + [self.path(arg) for arg in argv[1:]]
        self.environment = self.build_environment(image)
        self.log_path = os.path.join(context.workdir, f"{name}.log")
        self.process = None

    def path(self, text):
        """An in-image path rewritten to where it lives on this host (mounts, /tmp)."""
        for target, source in self.mounts.items():
            if text == target or text.startswith(target.rstrip("/") + "/"):
                return source + text[len(target.rstrip("/")):]
        if text == "/tmp" or text.startswith("/tmp/"):
            return self.tmp + text[4:]
        return text

    def program(self, name, image):
        base = os.path.basename(name)
        if ("/" not in name or os.path.dirname(name) == IMAGE_BIN) and base in image["executables"]:
            return os.path.join(self.context.image_bin, base)
        if os.path.dirname(name) == IMAGE_BIN:
            raise SetupError(f"{self.name}: {name} is not in the image (the Dockerfile copies {sorted(image['executables'])})")
        mapped = self.path(name)
        found = mapped if "/" in mapped else shutil.which(mapped)
        if not found or not os.access(found, os.X_OK):
            raise SetupError(f"{self.name}: {name} is neither in the image nor on this host")
        return found

    def build_environment(self, image):
        env = {"PATH": ":".join(self.context.image_bin if part == IMAGE_BIN else part for part in BASE_PATH),
               "HOSTNAME": self.name, "HOME": "/nonexistent"}
        env.update({key: self.path(value) for key, value in image["env"].items()})
        declared = self.spec.get("environment") or {}
        if isinstance(declared, list):
            declared = dict(item.partition("=")[::2] for item in declared)
        for key, value in declared.items():
            env[key] = self.context.local_url("" if value is None else str(value))
        return env

    def start(self):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.argv, env=self.environment, cwd=self.tmp, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()

    def run_to_end(self, timeout):
        self.start()
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def tail(self, lines=15):
        try:
            with open(self.log_path, errors="replace") as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError:
            return ""
