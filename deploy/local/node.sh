#!/usr/bin/env bash
# Node.js 24 (the current LTS line) for every script of this repository, whatever node the machine has.
#   bash deploy/local/node.sh          install it into .local/node if missing or another version; print its bin dir
#   source deploy/local/node.sh        the same, and put it first on PATH for the rest of the calling script
#                                      (scripts/test-all.sh, demo.sh, bench.sh, ensure-deps.sh do this first)
# It comes from the npm registry's node-linux-<arch> package (`npm pack` checks the registry's integrity
# hash), so a machine that reaches the npm registry needs nothing else. The package holds the node binary
# only; npm itself is the machine's npm (any npm >= 10), which then runs under this node (`#!/usr/bin/env node`).
# A machine whose own node is already of the NODE_MAJOR line (e.g. the node:24 Docker image) uses its own.
# Idempotent: a second run with the right version installed only checks `node --version`.

FANG_NODE_VERSION=${FANG_NODE_VERSION:-24.22.3}

fang_node_install() {
  local root want major have arch tmp tarball
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  want=$FANG_NODE_VERSION
  major=${want%%.*}
  FANG_NODE_BIN=$root/.local/node/bin

  have=$(node --version 2>/dev/null || true)
  if [[ $have == v$major.* && $(command -v node) != "$FANG_NODE_BIN/node" ]]; then
    FANG_NODE_BIN=$(dirname "$(command -v node)")   # the machine's own node is of the right line
    return 0
  fi
  if [[ -x $FANG_NODE_BIN/node && $("$FANG_NODE_BIN/node" --version 2>/dev/null) == "v$want" ]]; then
    return 0
  fi

  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "error: no Node.js package for $(uname -s) $(uname -m); install Node.js $major yourself" >&2; return 1 ;;
  esac
  command -v npm >/dev/null || { echo "error: npm is needed to fetch Node.js $want (node-linux-$arch)" >&2; return 1; }
  echo "[node] installing Node.js $want into .local/node (npm package node-linux-$arch@$want)" >&2
  mkdir -p "$root/.local" && tmp=$(mktemp -d "$root/.local/node-install.XXXXXX") || return 1
  if ! tarball=$(cd "$tmp" && npm pack --silent --no-audit --no-fund "node-linux-$arch@$want" | tail -1) ||
    ! mkdir -p "$tmp/node" || ! tar -xzf "$tmp/$tarball" -C "$tmp/node" --strip-components=1 package/bin package/LICENSE; then
    rm -rf "$tmp"
    echo "error: could not fetch node-linux-$arch@$want from the npm registry" >&2
    return 1
  fi
  rm -rf "$root/.local/node"
  mv "$tmp/node" "$root/.local/node"
  rm -rf "$tmp"
  have=$("$FANG_NODE_BIN/node" --version 2>/dev/null || true)
  if [[ $have != "v$want" ]]; then
    echo "error: .local/node/bin/node reports '${have:-nothing}', expected v$want" >&2
    return 1
  fi
  echo "[node] $("$FANG_NODE_BIN/node" --version) ready in .local/node" >&2
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  fang_node_install
  echo "$FANG_NODE_BIN"
else
  fang_node_install || return 1
  case ":$PATH:" in
    ":$FANG_NODE_BIN:"*) ;;
    *) export PATH="$FANG_NODE_BIN:$PATH" ;;
  esac
  hash -r
  # npm run, started by another node, told its children which node ran it; from here on it is this one
  export npm_node_execpath="$FANG_NODE_BIN/node" NODE="$FANG_NODE_BIN/node"
fi
