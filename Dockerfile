# docproc worker image: the core, every plugin in plugins/, tesseract with Japanese, poppler, the fonts the
# readers draw their glyph templates from (OCR-B for MRZs; IPA and DejaVu for card numbers); runs as non-root.
#   docker build -t docproc .
#   docker run --rm -e DOCPROC_QUEUE_URL=amqp://user:pass@broker:5672/ -v blobs:/data/blobs docproc        # worker
#   docker run --rm -v "$PWD/sub:/sub:ro" -v blobs:/data/blobs docproc submit /sub                           # a station
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn tesseract-ocr-script-jpan tesseract-ocr-osd \
        poppler-utils \
        fonts-ocr-b fonts-ipafont-gothic fonts-ipafont-mincho fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY docproc ./docproc
COPY plugins ./plugins
# The core with S3 and PostgreSQL support, then every plugin package found under plugins/
# (passport, alien_registration, photo, supporting_documents when present).
RUN pip install ".[s3,postgres]" \
    && for plugin in plugins/*/; do \
        if [ -f "${plugin}pyproject.toml" ]; then pip install "${plugin}" || exit 1; fi; \
    done \
    && docproc plugins

RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/docproc docproc \
    && mkdir -p /data/blobs /data/state \
    && chown -R docproc:docproc /data
USER docproc
WORKDIR /home/docproc

ENV DOCPROC_QUEUE_STORE_ROOT=/data/blobs \
    DOCPROC_QUEUE_DECISIONS_URL=sqlite:////data/state/decisions.sqlite3 \
    DOCPROC_QUEUE_HEALTH_PORT=8080 \
    DOCPROC_QUEUE_LOG_JSON=true
VOLUME ["/data/blobs", "/data/state"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["docproc"]
CMD ["worker"]
