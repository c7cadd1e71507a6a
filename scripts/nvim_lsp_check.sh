#!/usr/bin/env bash
# Run `taglint server` under headless Neovim on a note of the bundled example and print what the editor got.
#   scripts/nvim_lsp_check.sh [NOTE]   (default: examples/paper-notes/1111-tsuzumi-ntt-23.md)
# Needs nvim (Debian: apt-get install neovim) and taglint[lsp] in the active Python.
set -euo pipefail
cd "$(dirname "$0")/.."
note="${1:-examples/paper-notes/1111-tsuzumi-ntt-23.md}"
export TAGLINT_SERVER="${TAGLINT_SERVER:-$(command -v python3) -m taglint server}"
exec nvim --headless -u NONE -c "luafile scripts/nvim_lsp_check.lua" "$note"
