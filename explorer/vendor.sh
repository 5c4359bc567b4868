#!/usr/bin/env bash
# Regenerates service/static/explorer/vendor/ from explorer/package-lock.json: installs the
# locked packages (npm ci) and copies each one's built ES module and licence, with a banner
# naming the version. Run it after changing a version in explorer/package.json and
# `npm install` there; CI and `pip install` use the committed files and need no npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
out=../service/static/explorer/vendor
mkdir -p "$out"
version=$(node -p 'require("./node_modules/cytoscape/package.json").version')
{
  printf '/*! cytoscape %s (npm, MIT licence: cytoscape.LICENSE) */\n' "$version"
  cat node_modules/cytoscape/dist/cytoscape.esm.min.mjs
} > "$out/cytoscape.esm.min.js"
cp node_modules/cytoscape/LICENSE "$out/cytoscape.LICENSE"
echo "vendored cytoscape $version into service/static/explorer/vendor/"
