#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser tests (playwright-core drives it; it downloads
# no browser of its own). Set CHROMIUM_PATH to use another Chromium/Chrome binary instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../deploy/local/lib/common.sh
REPO_ROOT="$PWD"
source deploy/local/lib/common.sh

if [[ -n ${CHROMIUM_PATH:-} ]]; then
  [[ -x $CHROMIUM_PATH ]] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  exit 0
fi
if [[ -x /usr/bin/chromium ]]; then
  echo "[browser] chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
else
  apt_install chromium
fi
# Chinese fonts, so screenshots of the console show its text (and layout is measured with real glyphs)
if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  apt_install fonts-noto-cjk
fi
