#!/usr/bin/env bash
# Builds the offline front-end assets that `kg serve` embeds (package graph/ui):
# the Monaco editor (AMD build, loaded by the Cayley UI's own loader from /monaco/vs)
# and the Material Icons font. Everything comes from package-lock.json through
# `npm ci`; nothing is fetched at run time. Without this step the server still
# works offline, with its hand-written fallback editor and no icon font.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error

dist="$here/dist"
# Remove previous output but keep the committed placeholder.
find "$dist" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +

src="node_modules/monaco-editor/min/vs"
dst="$dist/monaco/vs"
mkdir -p "$dst/language"
cp "$src/loader.js" "$dst/"
cp -r "$src/base" "$src/editor" "$src/basic-languages" "$dst/"
# Languages the Cayley UI uses: javascript (Gizmo, via the TypeScript worker) and
# JSON (MQL and the results pane). GraphQL highlighting lives in basic-languages.
cp -r "$src/language/typescript" "$src/language/json" "$dst/language/"
cp node_modules/monaco-editor/LICENSE "$dist/monaco/LICENSE"
cp node_modules/monaco-editor/ThirdPartyNotices.txt "$dist/monaco/ThirdPartyNotices.txt"

fonts="$dist/fonts"
mkdir -p "$fonts"
cp node_modules/@fontsource/material-icons/files/material-icons-latin-400-normal.woff2 "$fonts/"
cp node_modules/@fontsource/material-icons/LICENSE "$fonts/LICENSE"

echo "graph/ui: built $(du -sh "$dist" | cut -f1) of assets into $dist"
