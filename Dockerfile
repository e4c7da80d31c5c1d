# syntax=docker/dockerfile:1
# Build stage: a wheel of commplan and its dependencies in a virtual environment.
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/commplan
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY scheduler ./scheduler
COPY storage ./storage
COPY config ./config
RUN /opt/commplan/bin/pip install --no-cache-dir .

# Run stage: only the environment, as a non-root user, the database in a volume.
FROM python:3.11-slim
# A font with æ, ø, å, ä, ö for the timeline pictures (bot/pages/picture.py).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 commplan \
    && mkdir /data && chown commplan /data
COPY --from=build /opt/commplan /opt/commplan
# No COMMPLAN_DATABASE_URL here: the default, ./commplan.db, is /data/commplan.db in this
# WORKDIR, and a deployment may then give the URL as a secret file (COMMPLAN_DATABASE_URL_FILE),
# which a variable set in the image would forbid.
ENV PATH=/opt/commplan/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    COMMPLAN_HOST=0.0.0.0 \
    COMMPLAN_PORT=3000
USER commplan
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
# slim has no curl: Python's urllib asks /healthz (503 when the database is unreachable).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4).status == 200 else 1)"]
CMD ["commplan", "serve"]
