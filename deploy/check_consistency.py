"""Cross-file checks for deploy/ that no schema can express.

Schemas say each file is well-formed; this says the files agree with each other and with the
package: the same service names and ports everywhere, every reference (Secret, ConfigMap,
selector, depends_on, variable) pointing at something that exists, and the hardening every
workload must keep. Run by deploy/check.sh with the project's check venv (needs PyYAML).
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPLOY = os.path.join(ROOT, "deploy")

# The one table every deployment file must agree with.
SERVICES = {
    "xdr-api": 8080, "xdr-endpoint": 8081, "xdr-email": 8082,
    "xdr-network": 8083, "xdr-cloud": 8084, "xdr-correlator": 8085,
}
INGESTORS = {"xdr-endpoint", "xdr-email", "xdr-network", "xdr-cloud"}
SYSLOG_PORT = 6514
USER_ID = 10001

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def load_all(path):
    with open(path) as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def port_of(address):
    match = re.fullmatch(r"[^:]+:(\d+)", str(address))
    return int(match.group(1)) if match else None


def check_package_products():
    """The image must ship exactly the executables the package declares."""
    with open(os.path.join(ROOT, "Package.swift")) as handle:
        products = set(re.findall(r'\.executable\(name:\s*"([^"]+)"', handle.read()))
    with open(os.path.join(DEPLOY, "docker", "Dockerfile")) as handle:
        match = re.search(r"for exe in ([^;]+);", handle.read())
    copied = set(match.group(1).split()) if match else set()
    if products != copied:
        problem("deploy/docker/Dockerfile", f"copies {sorted(copied)}, Package.swift declares {sorted(products)}")
    missing = set(SERVICES) - products
    if missing:
        problem("Package.swift", f"no executable for {sorted(missing)}")


def check_compose():
    where = "deploy/compose/compose.yaml"
    compose_dir = os.path.join(DEPLOY, "compose")
    with open(os.path.join(compose_dir, "compose.yaml")) as handle:
        text = handle.read()
    defined = set()
    with open(os.path.join(compose_dir, "env.example")) as handle:
        for line in handle:
            if "=" in line and not line.lstrip().startswith("#"):
                defined.add(line.split("=", 1)[0].strip())
    for name in sorted(set(re.findall(r"\$\{([A-Z0-9_]+)", text)) - defined):
        problem(where, f"variable {name} is not listed in deploy/compose/env.example")

    services = yaml.safe_load(text)["services"]
    for name, spec in services.items():
        for dependency in (spec.get("depends_on") or {}):
            if dependency not in services:
                problem(where, f"{name} depends on unknown service {dependency}")
        for volume in spec.get("volumes") or []:
            source = str(volume).split(":")[0]
            if source.startswith(".") and not os.path.exists(os.path.join(compose_dir, source)):
                problem(where, f"{name} mounts missing path {source}")
        if "XDR_IMAGE" in str(spec.get("image", "")):
            hardening = {"user": f"{USER_ID}:{USER_ID}", "read_only": True, "cap_drop": ["ALL"], "tmpfs": ["/tmp"]}
            for key, wanted in hardening.items():
                if spec.get(key) != wanted:
                    problem(where, f"{name}.{key} should be {wanted!r}, is {spec.get(key)!r}")

    for name, port in SERVICES.items():
        spec = services.get(name)
        if spec is None:
            problem(where, f"service {name} is missing")
            continue
        if spec.get("command") != [name]:
            problem(where, f"{name}.command should be [{name!r}]")
        environment = spec.get("environment") or {}
        if port_of(environment.get("XDR_LISTEN")) != port:
            problem(where, f"{name} XDR_LISTEN should listen on {port}")
        if "XDR_DATABASE_URL" not in environment or "XDR_ADMIN_DATABASE_URL" in environment:
            problem(where, f"{name} must get XDR_DATABASE_URL and never the admin URL")
        if "xdr_app:" not in str(environment.get("XDR_DATABASE_URL")):
            problem(where, f"{name} must connect as xdr_app")
        health = " ".join(spec.get("healthcheck", {}).get("test", []))
        if f"127.0.0.1:{port}/" not in health:
            problem(where, f"{name} healthcheck should probe port {port}")
        published = [str(mapping).rsplit(":", 1)[-1] for mapping in spec.get("ports", [])]
        if str(port) not in published:
            problem(where, f"{name} does not publish container port {port}")
        conditions = {key: value.get("condition") for key, value in (spec.get("depends_on") or {}).items()}
        if conditions != {"postgres": "service_healthy", "migrate": "service_completed_successfully"}:
            problem(where, f"{name} should wait for postgres (healthy) and migrate (completed), has {conditions}")
        if spec.get("restart") not in ("unless-stopped", "always", "on-failure"):
            problem(where, f"{name} needs a restart policy")
    if str(SYSLOG_PORT) not in [str(m).rsplit(":", 1)[-1] for m in services.get("xdr-network", {}).get("ports", [])]:
        problem(where, f"xdr-network does not publish syslog port {SYSLOG_PORT}")
    if services.get("migrate", {}).get("command") != ["xdrctl", "migrate"]:
        problem(where, "migrate must run `xdrctl migrate`")


def container_problems(where, container, pod_spec):
    """Hardening that every Tsunagi container keeps."""
    context = container.get("securityContext") or {}
    wanted = {"runAsNonRoot": True, "runAsUser": USER_ID, "readOnlyRootFilesystem": True,
              "allowPrivilegeEscalation": False}
    for key, value in wanted.items():
        if context.get(key) != value:
            problem(where, f"securityContext.{key} should be {value}")
    if (context.get("capabilities") or {}).get("drop") != ["ALL"]:
        problem(where, "securityContext.capabilities.drop should be [ALL]")
    if (context.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problem(where, "securityContext.seccompProfile should be RuntimeDefault")
    resources = container.get("resources") or {}
    for section in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            if resource not in (resources.get(section) or {}):
                problem(where, f"resources.{section}.{resource} is missing")
    tmp_mounts = [m["name"] for m in container.get("volumeMounts", []) if m.get("mountPath") == "/tmp"]
    empty_dirs = [v["name"] for v in pod_spec.get("volumes", []) if "emptyDir" in v]
    if not tmp_mounts or tmp_mounts[0] not in empty_dirs:
        problem(where, "/tmp must be an emptyDir volume")
    if pod_spec.get("automountServiceAccountToken") is not False:
        problem(where, "automountServiceAccountToken should be false")


def check_kubernetes():
    kube = os.path.join(DEPLOY, "kubernetes")
    with open(os.path.join(kube, "kustomization.yaml")) as handle:
        listed = set(yaml.safe_load(handle)["resources"])
    files = {name for name in os.listdir(kube) if name.endswith(".yaml") and name != "kustomization.yaml"}
    # Examples (the Secrets) are created out of band, so they must stay out of the kustomization.
    present = {name for name in files if not name.endswith(".example.yaml")}
    if listed != present:
        problem("deploy/kubernetes/kustomization.yaml", f"resources {sorted(listed)} differ from files {sorted(present)}")

    objects = {}
    for name in sorted(files):
        for doc in load_all(os.path.join(kube, name)):
            key = (doc["kind"], doc["metadata"]["name"])
            objects[key] = (name, doc)
            if doc["kind"] != "Namespace" and doc["metadata"].get("namespace") != "tsunagi":
                problem(name, f"{doc['kind']}/{doc['metadata']['name']} must set namespace tsunagi")

    def data_keys(kind, name):
        entry = objects.get((kind, name))
        if not entry:
            return None
        doc = entry[1]
        return set((doc.get("data") or {}) | (doc.get("stringData") or {}))

    deployments = {n: doc for (kind, n), (_, doc) in objects.items() if kind == "Deployment"}
    if set(deployments) != set(SERVICES):
        problem("deploy/kubernetes", f"Deployments {sorted(deployments)} differ from services {sorted(SERVICES)}")

    workloads = [(n, d["spec"]["template"]) for n, d in deployments.items()]
    workloads += [(n, d["spec"]["template"]) for (k, n), (_, d) in objects.items() if k == "Job"]
    for name, template in workloads:
        pod = template["spec"]
        for container in pod["containers"]:
            where = f"deploy/kubernetes {name}/{container['name']}"
            container_problems(where, container, pod)
            for source in container.get("envFrom", []):
                ref = source.get("configMapRef") or source.get("secretRef")
                kind = "ConfigMap" if "configMapRef" in source else "Secret"
                if data_keys(kind, ref["name"]) is None:
                    problem(where, f"envFrom refers to missing {kind} {ref['name']}")
            for variable in container.get("env", []):
                ref = (variable.get("valueFrom") or {}).get("secretKeyRef")
                if ref and ref["key"] not in (data_keys("Secret", ref["name"]) or set()):
                    problem(where, f"{variable['name']} refers to missing Secret key {ref['name']}/{ref['key']}")
                if variable["name"] == "XDR_ADMIN_DATABASE_URL" and name in deployments:
                    problem(where, "services must not receive the schema owner's URL")

    for name, deployment in deployments.items():
        where = f"deploy/kubernetes {name}"
        pod = deployment["spec"]["template"]["spec"]
        container = pod["containers"][0]
        ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
        listen = {v["name"]: v.get("value") for v in container.get("env", [])}.get("XDR_LISTEN")
        if ports.get("http") != SERVICES.get(name) or port_of(listen) != SERVICES.get(name):
            problem(where, f"http port and XDR_LISTEN should both be {SERVICES.get(name)}")
        if container.get("command", [""])[0].rsplit("/", 1)[-1] != name:
            problem(where, f"command should start {name}")
        probes = {kind: (container.get(kind) or {}).get("httpGet", {}).get("path")
                  for kind in ("livenessProbe", "readinessProbe")}
        if probes != {"livenessProbe": "/healthz", "readinessProbe": "/readyz"}:
            problem(where, f"probes should be liveness /healthz and readiness /readyz, are {probes}")
        if not pod.get("terminationGracePeriodSeconds"):
            problem(where, "terminationGracePeriodSeconds is not set")
        if name == "xdr-network" and ports.get("syslog") != SYSLOG_PORT:
            problem(where, f"syslog port should be {SYSLOG_PORT}")
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        if not set(deployment["spec"]["selector"]["matchLabels"].items()) <= set(pod_labels.items()):
            problem(where, "selector does not match the pod labels")

    selected = {}
    for (kind, name), (file, doc) in objects.items():
        if kind in ("Service", "PodDisruptionBudget"):
            selector = doc["spec"]["selector"]
            selector = selector.get("matchLabels", selector) if kind == "PodDisruptionBudget" else selector
            targets = [n for n, d in deployments.items()
                       if set(selector.items()) <= set(d["spec"]["template"]["metadata"]["labels"].items())]
            if len(targets) != 1:
                problem(file, f"{kind}/{name} selects {targets}, expected exactly one Deployment")
            selected.setdefault(kind, set()).update(targets)
            if kind == "Service" and targets:
                names = {p["name"] for p in deployments[targets[0]]["spec"]["template"]["spec"]["containers"][0]["ports"]}
                for port in doc["spec"]["ports"]:
                    if port["targetPort"] not in names:
                        problem(file, f"Service/{name} targets unknown port {port['targetPort']}")
        if kind == "HorizontalPodAutoscaler":
            target = doc["spec"]["scaleTargetRef"]["name"]
            if target not in deployments:
                problem(file, f"HPA/{name} scales unknown Deployment {target}")
            selected.setdefault(kind, set()).add(target)
    for kind, wanted in (("Service", set(SERVICES)), ("PodDisruptionBudget", set(SERVICES)),
                         ("HorizontalPodAutoscaler", INGESTORS | {"xdr-api"})):
        if selected.get(kind, set()) != wanted:
            problem("deploy/kubernetes", f"{kind}s cover {sorted(selected.get(kind, set()))}, expected {sorted(wanted)}")
    if deployments.get("xdr-correlator", {}).get("spec", {}).get("replicas", 0) < 2:
        problem("deploy/kubernetes xdr-correlator", "needs at least 2 replicas")
    jobs = [d for (k, _), (_, d) in objects.items() if k == "Job"]
    if not any(c.get("command", [])[-2:] == ["/usr/local/bin/xdrctl", "migrate"] or c.get("command", [])[-1:] == ["migrate"]
               for job in jobs for c in job["spec"]["template"]["spec"]["containers"]):
        problem("deploy/kubernetes", "no Job runs `xdrctl migrate`")


def check_prometheus():
    where = "deploy/prometheus/prometheus.yml"
    config = load_all(os.path.join(DEPLOY, "prometheus", "prometheus.yml"))[0]
    targets = set()
    for job in config.get("scrape_configs", []):
        if job.get("metrics_path", "/metrics") != "/metrics":
            problem(where, f"job {job.get('job_name')} should scrape /metrics")
        for static in job.get("static_configs", []):
            targets.update(static.get("targets", []))
    wanted = {f"{name}:{port}" for name, port in SERVICES.items()}
    if targets != wanted:
        problem(where, f"static targets {sorted(targets)} differ from {sorted(wanted)}")


def main():
    for check in (check_package_products, check_compose, check_kubernetes, check_prometheus):
        try:
            check()
        except (KeyError, TypeError, AttributeError, yaml.YAMLError) as error:
            problem(check.__name__, f"could not read the files: {error!r}")
    for line in problems:
        print(f"  {line}")
    print(f"consistency: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
