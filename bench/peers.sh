#!/bin/sh
# peers.sh: installs what the benchmark's peers need when it is missing:
# Debian's python3-pandas, node and npm, and @duckdb/node-api (pinned in
# bench/package.json) under bench/node_modules.
set -e
cd "$(dirname "$0")"
missing=""
for p in python3-pandas nodejs npm; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bench: missing Debian packages:$missing (run as root: apt-get install -y$missing)"
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
if [ ! -d node_modules/@duckdb/node-api ]; then
  npm install --no-audit --no-fund
fi
