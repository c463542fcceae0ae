#!/usr/bin/env bash
# Validates deploy/ without a container engine or a cluster:
#   shell syntax of the scripts the containers run,
#   YAML style and duplicate keys (yamllint),
#   compose.yaml against the Compose Specification schema (check-jsonschema, bundled schema),
#   Kubernetes manifests against the API schemas of the oldest and newest supported versions,
#     strict, unknown fields rejected (kubernetes-validate, bundled schemas),
#   the kustomize rendering, when kubectl is installed,
#   cross-file consistency: names, ports, references, hardening (deploy/check_consistency.py),
#   Dockerfile, manifests and committed secrets with checkov (skips are annotated in the files).
# Tools live in .xdr/venv, installed from PyPI on first use (deploy/check-requirements.txt).
# Exits non-zero if any step fails, after running them all and naming the failures.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.xdr/venv"
REQUIREMENTS="$ROOT/deploy/check-requirements.txt"
OLDEST_KUBERNETES=1.29.0
NEWEST_KUBERNETES=1.37.0
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_tools() {
    local stamp="$VENV/.deploy-check-requirements"
    if [ -x "$VENV/bin/python" ] && cmp -s "$REQUIREMENTS" "$stamp"; then
        return 0
    fi
    say "installing validators into .xdr/venv (first run only)"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || return 1
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS" || return 1
    cp "$REQUIREMENTS" "$stamp"
}

if ! install_tools; then
    echo "deploy check: could not install the validators (python3 -m venv and PyPI are needed)" >&2
    exit 2
fi
export PATH="$VENV/bin:$PATH"

failed=()
step() {
    local name="$1"
    shift
    say "$name"
    if "$@"; then
        echo "ok"
    else
        echo "FAILED: $name"
        failed+=("$name")
    fi
}

shell_syntax() {
    local script status=0
    for script in deploy/compose/initdb/*.sh deploy/compose/bootstrap/*.sh; do
        sh -n "$script" || { echo "syntax error in $script"; status=1; }
    done
    bash -n deploy/check.sh || status=1
    return $status
}

kubernetes_files() {
    find deploy/kubernetes -name '*.yaml' ! -name kustomization.yaml | sort
}

kubernetes_schemas() {
    local version status=0
    for version in "$OLDEST_KUBERNETES" "$NEWEST_KUBERNETES"; do
        # shellcheck disable=SC2046
        kubernetes-validate --strict --quiet --kubernetes-version "$version" $(kubernetes_files) || status=1
    done
    return $status
}

kustomize_rendering() {
    local rendered status=0
    rendered="$(mktemp --suffix=.yaml)"
    if kubectl kustomize deploy/kubernetes >"$rendered"; then
        kubernetes-validate --strict --quiet --kubernetes-version "$NEWEST_KUBERNETES" "$rendered" || status=1
    else
        status=1
    fi
    rm -f "$rendered"
    return $status
}

checkov_scan() {
    # --skip-download: no platform calls; only the bundled checks run.
    checkov --directory deploy --framework dockerfile kubernetes secrets \
        --enable-secret-scan-all-files --quiet --compact --skip-download
}

started=$SECONDS
step "shell scripts parse" shell_syntax
step "yamllint" yamllint --strict -c deploy/yamllint.yaml deploy
step "compose.yaml matches the Compose Specification" \
    check-jsonschema --builtin-schema vendor.compose-spec deploy/compose/compose.yaml
step "Kubernetes manifests match the API schemas ($OLDEST_KUBERNETES, $NEWEST_KUBERNETES)" kubernetes_schemas
if command -v kubectl >/dev/null 2>&1; then
    step "kustomize rendering is valid" kustomize_rendering
else
    say "kustomize rendering: not checked (kubectl is not installed); the consistency step checks the resource list"
fi
step "deploy files agree with each other and with Package.swift" python deploy/check_consistency.py
step "checkov (Dockerfile, Kubernetes, secrets)" checkov_scan

echo
if [ ${#failed[@]} -gt 0 ]; then
    echo "deploy check failed ($((SECONDS - started)) s):"
    printf '  - %s\n' "${failed[@]}"
    exit 1
fi
echo "deploy check passed ($((SECONDS - started)) s)"
