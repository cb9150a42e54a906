#!/usr/bin/env bash
# Refreshes the browser libraries vendored under src/Gongzhi/wwwroot/lib from the npm registry, at the exact
# versions in package-lock.json. Only the built files and licences are committed, never node_modules.
#   ./tools/vendor-libs/refresh.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$here/../../src/Gongzhi/wwwroot/lib"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
trap 'rm -rf "$here/node_modules"' EXIT

# SignalR's browser client (UMD build: defines window.signalR), for the live queues and case pages.
signalr="node_modules/@microsoft/signalr"
mkdir -p "$lib/signalr"
cp "$signalr/dist/browser/signalr.min.js" "$lib/signalr/signalr.min.js"
# The package ships no licence file; its package.json names the licence, which is recorded beside the copy.
node -e "const p = require('./$signalr/package.json'); console.log(p.name + ' ' + p.version + ', licence ' + p.license + ', ' + (p.homepage || ''))" > "$lib/signalr/VERSION"
echo "vendored: $(cat "$lib/signalr/VERSION")"
