#!/usr/bin/env bash
# Install docproc on a fresh Debian 12 / Ubuntu 24.04 machine, then check a generated example submission.
#   system packages: tesseract (eng, jpn and the Japanese script model), poppler, the fonts the readers'
#                    glyph templates and the test-document generator draw with,
#                    and RabbitMQ for the queue tests;
#   .venv:           the core, the plugin packages and the test tools, all editable.
# Set DOCPROC_SKIP_DEMO=1 to skip the example at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PACKAGES="tesseract-ocr tesseract-ocr-jpn tesseract-ocr-script-jpan poppler-utils fonts-ocr-b fonts-ipafont-gothic fonts-ipafont-mincho fonts-dejavu-core
          fonts-vlgothic fonts-noto-cjk
          rabbitmq-server python3-venv"
missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "installing system packages:$missing"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "docproc needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
plugins=()
for dir in plugins/*/; do
    [ -f "$dir/pyproject.toml" ] && plugins+=(-e "$dir")
done
.venv/bin/python -m pip install -q -e ".[synth,test,s3,postgres]" "${plugins[@]}"

if [ "${DOCPROC_SKIP_DEMO:-0}" != 1 ]; then
    echo "checking a generated example submission (demo-submission/):"
    .venv/bin/docproc demo --out demo-submission || echo "(the example's verdict is not 'complete': see above)"
fi
