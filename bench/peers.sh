#!/bin/sh
# peers.sh: installs what the benchmark and its peers need when it is
# missing: GNU time (peak memory), pandas for Debian's python3, node and
# npm (Debian's packages, unless a node is already on the PATH), and
# @duckdb/node-api (pinned in bench/package.json) under
# bench/node_modules.
set -e
cd "$(dirname "$0")"
missing=""
/usr/bin/python3 -c "import pandas" >/dev/null 2>&1 || missing="$missing python3-pandas"
[ -x /usr/bin/time ] || missing="$missing time"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
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
