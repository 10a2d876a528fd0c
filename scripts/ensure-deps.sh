#!/usr/bin/env bash
# Installs node modules with `npm ci` when they are missing or older than package-lock.json.
# npm's download cache (~/.npm) makes a repeat fast; nothing depends on it being there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 24 LTS first on PATH (installed into .local/node when the machine has another node)
source deploy/local/node.sh

major=$(node -p 'process.versions.node.split(".")[0]')
(( major >= 24 )) || { echo "error: Node.js >= 24 is required (found $(node --version))" >&2; exit 1; }

# the stamp names the node major the modules were installed under: another major reinstalls them
# (native modules, e.g. @swc/core's, are chosen at install time for the node that ran npm)
stamp=node_modules/.installed-from-lock
if [[ ! -f $stamp || package-lock.json -nt $stamp || $(cat "$stamp") != "node $major" ]]; then
  echo "[deps] npm ci (Node.js $(node --version))"
  npm ci --no-audit --no-fund --loglevel=error
  echo "node $major" >"$stamp"
else
  echo "[deps] node_modules up to date"
fi
