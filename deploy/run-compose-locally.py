#!/usr/bin/env python3
"""Runs deploy/compose/compose.yaml's Tsunagi containers as local processes, without Docker.

Every command, entrypoint and environment is taken from compose.yaml as written (with `${VAR}`
interpolation from a small local .env), so a wrong variable name, a missing default, a bad command
or a service that does not stop cleanly fails here rather than on a customer's host:

  postgres   emulated by an already running local server (--postgres-port): the image's init is
             repeated (create POSTGRES_DB, run the mounted initdb scripts) and its healthcheck run
  migrate    (and every other one-shot) run to completion, twice: `up` runs it again on each start
  services   started together; each must answer /readyz with 200, then /healthz and /metrics, and
             pass its compose healthcheck and the image's HEALTHCHECK; then each gets its
             stop_signal and must exit 0 within its stop_grace_period (10 s when unset),
             with no error-level log line
  XDR_*      a variable set in compose.yaml that no source file reads is reported (warn)
  bootstrap  (profile services) run once while the services are up, as the quick start does

What cannot exist outside a container is mapped, and only this:
  /usr/local/bin/<exe>, or <exe> on PATH   the locally built product (--bin), if the Dockerfile ships it
  bind-mounted paths (volumes)             the host directory next to compose.yaml
  tmpfs /tmp, WORKDIR /tmp, ENV TMPDIR     a fresh private directory per container
  database URL host `postgres`:5432        127.0.0.1:<--postgres-port> (trust auth: passwords unused)
  user 10001, read_only, cap_drop          not applied: processes run as the invoking user
Other base-image programs (/bin/sh, pg_isready) run from the host.

Needs only the standard library and PyYAML. Prints one line per container and step; exits 1 if
anything failed, 2 if the setup itself is wrong (missing binary, busy port, bad compose file).
"""
import argparse
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the two modules next to this one
from compose_file import (SetupError, dependency_order, healthcheck_argv, interpolate_tree, mounts_of,
                          parse_duration, read_image, variables_read)
from local_container import Container, Context, listen_address

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The local .env: only what compose.yaml requires (`:?`); everything else keeps its default.
# Generated as env.example advises (URL-safe hex); the local server's trust auth ignores them.
LOCAL_ENV = {name: secrets.token_hex(12) for name in ("POSTGRES_PASSWORD", "XDR_OWNER_PASSWORD", "XDR_APP_PASSWORD")}


# --- checks -----------------------------------------------------------------------------------
def http_get(url, timeout=3.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):
        return None, ""


def port_is_free(host, port):
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def exit_text(code):
    return f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited {code}"


class Report:
    def __init__(self):
        self.failures = []

    def line(self, ok, name, message, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {name:<15} {message}", flush=True)
        if not ok:
            self.failures.append(f"{name}: {message}")
            if detail.strip():
                print("     | " + detail.rstrip().replace("\n", "\n     | "), flush=True)
        return ok

    def note(self, name, message):
        """Worth a look, not a failure."""
        print(f"warn {name:<15} {message}", flush=True)


# --- the run ----------------------------------------------------------------------------------
def run_healthcheck(container, check, image, label, report):
    """Runs a healthcheck command inside the container's environment; its summary, or None on failure."""
    argv, timeout = healthcheck_argv(check)
    if argv is None:
        return f"no {label}"
    if hasattr(container, "offset"):
        old, new = container.offset
        argv = [arg.replace(f":{old}/", f":{new}/") for arg in argv]
    mapped = [container.program(argv[0], image)] + [container.path(arg) for arg in argv[1:]]
    try:
        done = subprocess.run(mapped, env=container.environment, cwd=container.tmp, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        report.line(False, container.name, f"{label} did not finish within {timeout:g} s: {shlex.join(argv)}")
        return None
    if done.returncode != 0:
        report.line(False, container.name, f"{label} exited {done.returncode}: {shlex.join(argv)}", done.stdout + done.stderr)
        return None
    return f"{label} exit 0"


def error_lines(container):
    """Log lines at error level or above (the services log JSON lines)."""
    found = []
    with open(container.log_path, errors="replace") as handle:
        for line in handle:
            try:
                level = json.loads(line).get("level", "")
            except (ValueError, AttributeError):
                continue
            if str(level).lower() in ("error", "critical", "fault"):
                found.append(line.strip())
    return found


def warn_unread(name, spec, compose_dir, readers, report):
    """A variable nothing reads is most likely a typo; scripts mounted into the container count as readers."""
    known = set(readers)
    for _, source in mounts_of(spec, compose_dir):
        known |= variables_read(source, r"XDR_[A-Z0-9_]+")
    unread = sorted(key for key in spec.get("environment") or {} if key.startswith("XDR_") and key not in known)
    if unread:
        report.note(name, f"set but read by no source file: {', '.join(unread)}")


def emulate_postgres(name, spec, context, report):
    """What the postgres image does on a fresh volume, against the local server."""
    env = {key: str(value) for key, value in (spec.get("environment") or {}).items()}
    user, database = env.get("POSTGRES_USER", "postgres"), env.get("POSTGRES_DB", env.get("POSTGRES_USER", "postgres"))
    server = {"PGHOST": context.pg_host, "PGPORT": str(context.pg_port)}
    psql = ["psql", "--no-psqlrc", "-qAt", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-d", "postgres"]
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **server}

    def sql(statement):
        return subprocess.run(psql + ["-c", statement], env=base, capture_output=True, text=True, timeout=30)

    probe = sql(f"SELECT count(*) FROM pg_database WHERE datname = '{database}'")
    if probe.returncode != 0:
        raise SetupError(f"{name}: cannot reach the local server as postgres on {context.pg_host}:{context.pg_port}: {probe.stderr.strip()}")
    if probe.stdout.strip() != "0":
        raise SetupError(f"{name}: database {database} already exists on {context.pg_host}:{context.pg_port}; use a fresh server")
    if user != "postgres":
        sql(f'CREATE ROLE "{user}" SUPERUSER LOGIN')
    created = sql(f'CREATE DATABASE "{database}" OWNER "{user}"')
    if created.returncode != 0:
        return report.line(False, name, f"could not create database {database}", created.stderr)
    scripts = []
    for target, source in mounts_of(spec, context.compose_dir):
        if target == "/docker-entrypoint-initdb.d":
            scripts += [os.path.join(source, entry) for entry in sorted(os.listdir(source))]
    for script in scripts:
        if script.endswith(".sh"):
            done = subprocess.run(["sh", script], env={**base, **env}, capture_output=True, text=True, timeout=60)
        elif script.endswith(".sql"):
            done = subprocess.run(psql[:-2] + ["-U", user, "-d", database, "-f", script], env=base,
                                  capture_output=True, text=True, timeout=60)
        else:
            continue
        if done.returncode != 0:
            return report.line(False, name, f"init script {os.path.relpath(script, ROOT)} exited {done.returncode}", done.stdout + done.stderr)
    argv, timeout = healthcheck_argv(spec.get("healthcheck"))
    health = "no healthcheck"
    if argv:
        done = subprocess.run(argv, env={**base, **env}, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            return report.line(False, name, f"healthcheck exited {done.returncode}: {shlex.join(argv)}", done.stdout + done.stderr)
        health = "healthcheck exit 0"
    ran = ", ".join(os.path.relpath(script, context.compose_dir) for script in scripts) or "no init scripts"
    return report.line(True, name, f"local server {context.pg_host}:{context.pg_port}; database {database} created; "
                                   f"{ran} applied; {health}")


def run_one_shot(container, report, label, timeout):
    started = time.monotonic()
    code = container.run_to_end(timeout)
    took = time.monotonic() - started
    if code == 0:
        return report.line(True, container.name, f"{label}: {shlex.join(container.written)} exited 0 in {took:.1f} s")
    what = f"did not finish within {timeout:g} s" if code is None else exit_text(code)
    return report.line(False, container.name, f"{label}: {shlex.join(container.written)} {what}", container.tail())


def reserve_ports(services, offset):
    """Each service's listen address (shifted by --port-offset); all must be free before anything runs."""
    addresses = {}
    for container in services:
        host, port = listen_address(container)
        if offset:
            container.offset = (port, port + offset)
            port += offset
            container.environment["XDR_LISTEN"] = f"{host}:{port}"
        addresses[container.name] = (host, port)
    busy = [f"{name} needs {host}:{port}" for name, (host, port) in addresses.items() if not port_is_free(host, port)]
    if busy:
        raise SetupError("ports in use: " + "; ".join(busy) +
                         " (stop what listens there, e.g. `./xdr stop` for the demo, or pass --port-offset N)")
    return addresses


def check_services(services, addresses, image, args, report):
    """Start every long-running service together; wait for /readyz, then probe each."""
    started = time.monotonic()
    for container in services:
        container.start()
    pending, ready = list(services), {}
    while pending and time.monotonic() - started < args.ready_timeout:
        for container in list(pending):
            if not container.alive():
                pending.remove(container)
                report.line(False, container.name, f"{exit_text(container.process.returncode)} before it was ready", container.tail())
            elif http_get(f"http://127.0.0.1:{addresses[container.name][1]}/readyz", 1.0)[0] == 200:
                pending.remove(container)
                ready[container.name] = time.monotonic() - started
        time.sleep(0.2)
    for container in pending:
        status = http_get(f"http://127.0.0.1:{addresses[container.name][1]}/readyz", 1.0)[0]
        report.line(False, container.name, f"/readyz not 200 after {args.ready_timeout:g} s (last answer: {status or 'none'})", container.tail())

    notes = {}
    for container in services:
        if container.name not in ready:
            continue
        host, port = addresses[container.name]
        health = http_get(f"http://127.0.0.1:{port}/healthz")[0]
        metrics, body = http_get(f"http://127.0.0.1:{port}/metrics")
        series = sum(1 for line in body.splitlines() if line and not line.startswith("#"))
        if health != 200 or metrics != 200 or "# TYPE" not in body:
            report.line(False, container.name, f"/healthz answered {health}, /metrics answered {metrics} with {series} series")
            continue
        checked = [run_healthcheck(container, container.spec.get("healthcheck"), image, "healthcheck", report),
                   run_healthcheck(container, image["healthcheck"], image, "image HEALTHCHECK", report)]
        if all(checked):
            notes[container.name] = (f"ready in {ready[container.name]:.1f} s on {host}:{port}; /healthz 200, "
                                     f"/metrics 200 ({series} series); {', '.join(checked)}")
    return notes


def stop_services(services, notes, report):
    """Send each its stop_signal at once (as `docker compose down`), then wait out each grace period."""
    sent = {}
    for container in services:
        if container.alive():
            name = str(container.spec.get("stop_signal", "SIGTERM"))
            container.process.send_signal(getattr(signal, name if name.startswith("SIG") else "SIG" + name))
            sent[container.name] = (name, time.monotonic(), parse_duration(container.spec.get("stop_grace_period"), f"{container.name}.stop_grace_period"))
    for container in services:
        if container.name not in sent:
            continue
        name, at, grace = sent[container.name]
        try:
            code = container.process.wait(timeout=max(0.0, at + grace - time.monotonic()))
        except subprocess.TimeoutExpired:
            container.process.kill()
            container.process.wait()
            report.line(False, container.name, f"still running {grace:g} s after {name} (stop_grace_period); killed", container.tail())
            continue
        took = time.monotonic() - at
        errors = error_lines(container)
        if code != 0:
            report.line(False, container.name, f"{exit_text(code)} {took:.1f} s after {name} (want exit 0)", container.tail())
        elif errors:
            report.line(False, container.name, f"logged {len(errors)} error line(s)", "\n".join(errors[:5]))
        elif container.name in notes:
            report.line(True, container.name, f"{notes[container.name]}; {name} → exit 0 in {took:.1f} s (grace {grace:g} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="directory of the built products (swift build --show-bin-path)")
    parser.add_argument("--postgres-port", type=int, required=True, help="port of a local, trust-auth PostgreSQL with superuser postgres")
    parser.add_argument("--postgres-host", default="127.0.0.1")
    parser.add_argument("--compose", default=os.path.join(ROOT, "deploy", "compose", "compose.yaml"))
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="add to the local .env")
    parser.add_argument("--port-offset", type=int, default=0, help="shift every service port (for hosts where 8080-8085 are taken)")
    parser.add_argument("--ready-timeout", type=float, default=30.0)
    parser.add_argument("--keep", action="store_true", help="keep the logs and temporary directories")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    report, containers, workdir = Report(), [], tempfile.mkdtemp(prefix="xdr-compose-")
    began = time.monotonic()
    try:
        run(args, report, containers, workdir)
    except SetupError as error:
        print(f"run-compose-locally: {error}", file=sys.stderr)
        report.failures.append(str(error))
        status = 2
    else:
        status = 1 if report.failures else 0
    finally:
        for container in containers:
            if container.alive():
                container.process.kill()
                container.process.wait()
    took = time.monotonic() - began
    if report.failures:
        print(f"compose run failed ({took:.0f} s): " + "; ".join(report.failures), file=sys.stderr)
        print(f"logs kept in {workdir}", file=sys.stderr)
        return status
    print(f"compose run passed ({took:.0f} s)")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def run(args, report, containers, workdir):
    compose_dir = os.path.dirname(os.path.abspath(args.compose))
    with open(args.compose) as handle:
        compose = yaml.safe_load(handle)
    env = dict(LOCAL_ENV)
    env.update(item.partition("=")[::2] for item in args.env)
    unset = set()
    services = interpolate_tree(compose.get("services") or {}, env, "services", unset)
    if unset:
        raise SetupError(f"variables used without a default and not set: {sorted(unset)}")

    built = [spec for spec in services.values() if spec.get("build")]
    if not built:
        raise SetupError("no service builds the Tsunagi image")
    build = built[0]["build"]
    build = {"context": build} if isinstance(build, str) else build
    image = read_image(os.path.join(compose_dir, build.get("context", "."), build.get("dockerfile", "Dockerfile")))
    image_bin = os.path.join(workdir, "usr-local-bin")
    os.makedirs(image_bin)
    for exe in sorted(image["executables"]):
        product = os.path.join(args.bin, exe)
        if not os.access(product, os.X_OK):
            raise SetupError(f"{product} is missing: build first (swift build)")
        os.symlink(product, os.path.join(image_bin, exe))

    emulated = [name for name, spec in services.items() if not spec.get("build")]
    for name in emulated:
        if not str(services[name].get("image", "")).startswith("postgres:"):
            raise SetupError(f"{name}: no local stand-in for image {services[name].get('image')}")
    context = Context(args, compose_dir, workdir, set(emulated))
    order = dependency_order(services)
    print(f"compose file {os.path.relpath(args.compose)}; products from {args.bin}; logs in {workdir}", flush=True)

    def container(name):
        made = Container(name, services[name], image, context)
        containers.append(made)
        return made

    built_names = [n for n in order if n not in emulated]
    one_shots = [n for n in built_names if str(services[n].get("restart", "no")) == "no" and not services[n].get("profiles")]
    manual = [n for n in built_names if services[n].get("profiles")]
    long_running = [n for n in built_names if n not in one_shots and n not in manual]
    running = [container(name) for name in long_running]
    addresses = reserve_ports(running, args.port_offset)
    for name in (n for n in order if n in emulated):
        if not emulate_postgres(name, services[name], context, report):
            return

    readers = variables_read(os.path.join(ROOT, "Shared")) | variables_read(os.path.join(ROOT, "Services"))
    for name in built_names:
        warn_unread(name, services[name], compose_dir, readers, report)

    for name in one_shots:
        if not run_one_shot(container(name), report, "first run", 120):
            return
        if not run_one_shot(container(name), report, "second run, as on every `up`", 120):
            return

    notes = check_services(running, addresses, image, args, report)
    for name in manual:
        run_one_shot(container(name), report, f"profile {','.join(services[name]['profiles'])}", 120)
    stop_services(running, notes, report)


if __name__ == "__main__":
    sys.exit(main())
