#!/usr/bin/env bash
# Set up ocrfix on a fresh Debian/Ubuntu machine, then optionally run something.
#
#   bash scripts/bootstrap.sh          # set up only
#   bash scripts/bootstrap.sh run      # set up, then run the pipeline on samples/ -> out/
#   bash scripts/bootstrap.sh test     # set up, then run the whole test suite
#
# Idempotent: system packages are installed only when missing, the virtual environment
# (.venv) is created once, and pip runs again only when pyproject.toml changed.
# Needs root or sudo for apt-get (skipped when every package is already there).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  poppler-utils ghostscript
  fonts-liberation2 fonts-dejavu-core fonts-noto-core
)
VENV=.venv

say() { printf '\033[1m[ocrfix setup]\033[0m %s\n' "$*" >&2; }

install_system_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && { say "system packages: all present"; return; }
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "need root or sudo to install: ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_for_venv() {
  # Prefer the python3 on PATH (it may be newer than the system one), if it can make a venv.
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      echo "$py"; return
    fi
  done
  say "no Python >= 3.10 with venv found"; exit 1
}

install_python_package() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment $VENV"
    "$(python_for_venv)" -m venv "$VENV"
  fi
  local stamp="$VENV/.ocrfix-installed" want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "python package: up to date"
    return
  fi
  say "installing ocrfix and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
}

install_system_packages
install_python_package

case "${1:-}" in
  "") say "ready: $VENV/bin/ocrfix --help" ;;
  run)
    rm -rf out/samples
    "$VENV/bin/ocrfix" run samples/text samples/scan --out out/samples
    say "accuracy of the repaired text against samples/truth/ (syllables, tone placement ignored):"
    "$VENV/bin/ocrfix" eval samples/truth/text out/samples
    "$VENV/bin/ocrfix" eval samples/truth/scan out/samples
    say "outputs are in out/samples/: <name>.txt (repaired text), <name>.json (record),"
    say "records.jsonl, records.csv, summary.json, errors.jsonl"
    ;;
  test)
    shift
    "$VENV/bin/python" -m pytest -q "$@"
    ;;
  *) say "unknown action '$1' (use: run | test)"; exit 2 ;;
esac
