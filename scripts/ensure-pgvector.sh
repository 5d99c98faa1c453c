#!/usr/bin/env bash
# Makes sure the local PostgreSQL 15 has the pgvector extension, building it from Debian's source
# package when it is missing (Debian 12 does not package pgvector; Debian 13's source builds against
# the bookworm server headers). Idempotent: does nothing when vector.control is already installed.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_CONFIG="$PG_BIN/pg_config"
ext_dir="$("$PG_CONFIG" --sharedir)/extension"

if [ -f "$ext_dir/vector.control" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "pgvector is missing from $ext_dir and installing it needs root (apt-get + make install)." >&2
  exit 1
fi

echo "pgvector not found: building it from Debian's source package (once per machine)" >&2
export DEBIAN_FRONTEND=noninteractive
apt_quiet=(-q -o Dpkg::Use-Pty=0)
if ! dpkg -s postgresql-server-dev-15 >/dev/null 2>&1; then
  apt-get "${apt_quiet[@]}" update >/dev/null
  apt-get "${apt_quiet[@]}" install -y --no-install-recommends postgresql-server-dev-15 >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private sources list so the machine's own apt configuration is left untouched.
uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
uri=${uri:-http://deb.debian.org/debian}
echo "deb-src $uri trixie main" > "$work/sources.list"
mkdir -p "$work/lists/partial"
apt_src=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
         -o "Dir::State::Lists=$work/lists" -o "APT::Get::List-Cleanup=0" -o "APT::Sandbox::User=root")
apt-get "${apt_quiet[@]}" "${apt_src[@]}" update >/dev/null
(cd "$work" && apt-get "${apt_quiet[@]}" "${apt_src[@]}" source --download-only pgvector >/dev/null)
tarball=$(ls "$work"/pgvector_*.orig.tar.* | head -n 1)
mkdir "$work/src"
tar -xf "$tarball" -C "$work/src" --strip-components=1
make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" >/dev/null
make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "pgvector installed into $ext_dir" >&2
