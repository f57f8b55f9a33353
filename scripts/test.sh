#!/usr/bin/env bash
# Run every test: ruff, then pytest against real tesseract and the local RabbitMQ (started if it is down).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1  # tesseract single-threaded; parallelism comes from processes

if ! .venv/bin/python - <<'PY'
import socket
socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
PY
then
    echo "starting RabbitMQ"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO rabbitmq-server -detached || true
    for _ in $(seq 1 60); do
        if $SUDO rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then break; fi
        sleep 2
    done
    $SUDO rabbitmqctl -q await_startup --timeout 30
fi

.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
