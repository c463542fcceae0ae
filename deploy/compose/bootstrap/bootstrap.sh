#!/bin/sh
# Creates the first provider, its first tenant and two tenant keys: one for log shippers (ingest),
# one for analysts and integrations (read, write). Run once, after the migration:
#   docker compose --profile bootstrap run --rm bootstrap
# Keys are printed once; only their SHA-256 hashes are stored. Admin commands connect with
# XDR_ADMIN_DATABASE_URL because service roles cannot create providers, tenants or keys.
set -eu

: "${XDR_BOOTSTRAP_PROVIDER:?set XDR_BOOTSTRAP_PROVIDER}"
: "${XDR_BOOTSTRAP_TENANT:?set XDR_BOOTSTRAP_TENANT}"
: "${XDR_BOOTSTRAP_SLUG:?set XDR_BOOTSTRAP_SLUG}"

echo "== provider"
xdrctl provider create --name "$XDR_BOOTSTRAP_PROVIDER"

echo "== tenant"
xdrctl tenant create --provider "$XDR_BOOTSTRAP_PROVIDER" --name "$XDR_BOOTSTRAP_TENANT" --slug "$XDR_BOOTSTRAP_SLUG"

echo "== ingest key (log shippers)"
xdrctl key create --tenant "$XDR_BOOTSTRAP_SLUG" --name "shippers" --scopes ingest

echo "== analyst key (incident API)"
xdrctl key create --tenant "$XDR_BOOTSTRAP_SLUG" --name "analysts" --scopes read,write

echo "== done: store the keys now, they cannot be shown again"
