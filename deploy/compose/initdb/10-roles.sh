#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (postgres image entrypoint).
# Creates the roles Tsunagi expects:
#   xdr_service  NOLOGIN  holds the grants the migrations give to services
#   xdr_owner    LOGIN    owns the database and its schema; used only by `xdrctl migrate` and admin commands
#   xdr_app      LOGIN    what services connect as: member of xdr_service, neither owner nor superuser,
#                         so row-level security always applies to it
# The same statements work for a managed PostgreSQL: run them once as an administrator.
set -eu

: "${XDR_OWNER_PASSWORD:?XDR_OWNER_PASSWORD must be set for the postgres container}"
: "${XDR_APP_PASSWORD:?XDR_APP_PASSWORD must be set for the postgres container}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_password="$XDR_OWNER_PASSWORD" -v app_password="$XDR_APP_PASSWORD" <<'SQL'
CREATE ROLE xdr_service NOLOGIN;
CREATE ROLE xdr_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE xdr_app LOGIN PASSWORD :'app_password' IN ROLE xdr_service;
-- PostgreSQL 15 gives the public schema to the database owner, so the owner can create the schema objects.
ALTER DATABASE :"DBNAME" OWNER TO xdr_owner;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO xdr_service;
SQL
