#!/usr/bin/env bash
# Installs node modules with `npm ci` when they are missing or older than package-lock.json.
# npm's download cache (~/.npm) makes a repeat fast; nothing depends on it being there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v node >/dev/null || { echo "error: Node.js 20 is required (node not found)" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
(( major >= 20 )) || { echo "error: Node.js >= 20 is required (found $(node --version))" >&2; exit 1; }

stamp=node_modules/.installed-from-lock
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "[deps] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
else
  echo "[deps] node_modules up to date"
fi
