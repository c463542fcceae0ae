"""What compose.yaml and the Dockerfile say, read the way Docker Compose and Docker read them.

Used by deploy/run-compose-locally.py: `${VAR}` interpolation, the image's executables, ENTRYPOINT,
CMD, ENV and HEALTHCHECK, bind mounts, healthcheck commands, durations and the depends_on order.
"""
import json
import os
import re
import shlex

DEFAULT_GRACE = 10.0


class SetupError(Exception):
    """The check could not be set up (not a service failure)."""


def interpolate(text, env, where, unset):
    """Compose's `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
    `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` and `$$`, with nesting inside the default."""
    out, i = [], 0
    while i < len(text):
        if text[i] != "$":
            out.append(text[i])
            i += 1
        elif text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            depth, end = 0, i + 1
            while end < len(text):
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                if depth == 0:
                    break
                end += 1
            if depth:
                raise SetupError(f"{where}: unclosed ${{ in {text!r}")
            out.append(expand(text[i + 2:end], env, where, unset))
            i = end + 1
        else:
            match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i + 1:])
            if not match:
                raise SetupError(f"{where}: stray $ in {text!r} (write $$ for a literal $)")
            out.append(expand(match.group(0), env, where, unset))
            i += 1 + match.end()
    return "".join(out)


def expand(body, env, where, unset):
    match = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?", body, re.S)
    if not match:
        raise SetupError(f"{where}: cannot interpolate ${{{body}}}")
    name, operator, argument = match.groups()
    value = env.get(name)
    if operator is None:
        if value is None:
            unset.add(name)
        return value or ""
    argument = interpolate(argument, env, where, unset)
    present = bool(value) if operator.startswith(":") else value is not None
    if operator.endswith("-"):
        return value if present else argument
    if operator.endswith("+"):
        return argument if present else ""
    if not present:
        raise SetupError(f"{where}: {name} is required: {argument}")
    return value


def interpolate_tree(node, env, where, unset):
    if isinstance(node, str):
        return interpolate(node, env, where, unset)
    if isinstance(node, list):
        return [interpolate_tree(item, env, where, unset) for item in node]
    if isinstance(node, dict):
        return {key: interpolate_tree(value, env, f"{where}.{key}", unset) for key, value in node.items()}
    return node


def read_image(dockerfile):
    """Executables, ENTRYPOINT, CMD, ENV and HEALTHCHECK of the Dockerfile's last stage."""
    with open(dockerfile) as handle:
        text = re.sub(r"\\\n", " ", handle.read())
    stages = re.split(r"(?im)^FROM\s", text)
    runtime = stages[-1]
    exes = re.search(r"for exe in ([^;]+);", text)
    image = {"executables": set(exes.group(1).split()) if exes else set(), "entrypoint": [], "cmd": [], "env": {},
             "healthcheck": None}
    health = re.search(r"(?im)^HEALTHCHECK\s+(.*?)\bCMD\s+(.+)$", runtime)
    if health:
        timeout = re.search(r"--timeout=(\S+)", health.group(1))
        test = health.group(2).strip()
        image["healthcheck"] = {"test": ["CMD"] + json.loads(test) if test.startswith("[") else ["CMD-SHELL", test],
                                "timeout": timeout.group(1) if timeout else "30s"}
    for instruction, argument in re.findall(r"(?im)^(ENTRYPOINT|CMD|ENV)\s+(.+)$", runtime):
        instruction = instruction.upper()
        if instruction == "ENV":
            for pair in shlex.split(argument):
                key, _, value = pair.partition("=")
                image["env"][key] = value
        else:
            argument = argument.strip()
            image[instruction.lower()] = json.loads(argument) if argument.startswith("[") else ["/bin/sh", "-c", argument]
    return image


def argv_list(value, where):
    if value is None:
        return None
    if isinstance(value, str):
        return shlex.split(value)
    if isinstance(value, list):
        return [str(item) for item in value]
    raise SetupError(f"{where}: expected a list or a string")


def parse_duration(text, where):
    """Compose durations such as 30s, 1m30s, 500ms."""
    if text is None:
        return DEFAULT_GRACE
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", str(text))
    if not parts or "".join(number + unit for number, unit in parts) != str(text):
        raise SetupError(f"{where}: not a duration: {text!r}")
    seconds = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000001}
    return sum(float(number) * seconds[unit] for number, unit in parts)


def mounts_of(spec, compose_dir):
    """(container path, host path) of each bind mount; named volumes have no host path."""
    for volume in spec.get("volumes") or []:
        source, _, rest = str(volume).partition(":")
        if source.startswith((".", "/")):
            yield rest.split(":")[0], os.path.normpath(os.path.join(compose_dir, source))


def healthcheck_argv(check):
    """(argv, timeout) of a compose `healthcheck:` mapping, or (None, 0) when there is none."""
    check = check or {}
    test = check.get("test")
    if check.get("disable") or not test or test == ["NONE"]:
        return None, 0
    timeout = parse_duration(check.get("timeout", "30s"), "healthcheck.timeout")
    if isinstance(test, str):
        return ["/bin/sh", "-c", test], timeout
    if test[0] == "CMD-SHELL":
        return ["/bin/sh", "-c", " ".join(test[1:])], timeout
    return list(test[1:]), timeout


def dependency_order(services):
    ordered, seen = [], set()

    def visit(name, path):
        if name in seen:
            return
        if name in path:
            raise SetupError(f"depends_on cycle: {' → '.join(path + [name])}")
        for dependency in services[name].get("depends_on") or []:
            if dependency not in services:
                raise SetupError(f"{name} depends on unknown service {dependency}")
            visit(dependency, path + [name])
        seen.add(name)
        ordered.append(name)

    for name in services:
        visit(name, [])
    return ordered


def variables_read(directory, pattern=r'"(XDR_[A-Z0-9_]+)"'):
    """Every XDR_* name in the files under `directory` (by default: written as a string literal)."""
    names = set()
    for folder, _, files in os.walk(directory):
        for file in files:
            with open(os.path.join(folder, file), errors="replace") as handle:
                names.update(re.findall(pattern, handle.read()))
    return names
