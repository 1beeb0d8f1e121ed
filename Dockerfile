# CRM Dashboard image: gunicorn web process, Celery worker and the migration job share it.
# Builds from the repo with only the package registries (Docker Hub base image, PyPI wheels).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8050 \
    LOG_FORMAT=json

WORKDIR /app
RUN useradd --create-home --uid 10001 crm

# Dependencies first: the layer is reused while requirements.txt does not change.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY app.py gunicorn.conf.py alembic.ini pyproject.toml ./
COPY assets ./assets
COPY callbacks ./callbacks
COPY data ./data
COPY layouts ./layouts
COPY migrations ./migrations
COPY pages ./pages
RUN mkdir -p /app/instance/uploads /app/instance/cache && chown -R crm:crm /app/instance

USER crm
EXPOSE 8050
# Liveness only: readiness (database, cache, migrations) is /readyz, for the load balancer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4)"
CMD ["gunicorn", "app:server"]
