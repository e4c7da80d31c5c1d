# syntax=docker/dockerfile:1
# The base image by digest, not by a tag that moves: a rebuild gets the same system. To take a
# newer one (security updates), look its digest up and change both lines together:
#   docker buildx imagetools inspect python:3.11-slim-bookworm   (the "Digest:" line)
ARG PYTHON_IMAGE=python:3.11.10-slim-bookworm@sha256:5148c0e4bbb64271bca1d3322360ebf4bfb7564507ae32dd639322e4952a6b16

# Build stage: commplan and exactly the locked dependencies in a virtual environment.
FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
RUN python -m venv /opt/commplan
# Every dependency at the version and hash requirements-lock.txt names (pip refuses any other
# file); then commplan itself, adding nothing (docs/deploy.md, "Dependencies").
COPY requirements-lock.txt ./
RUN /opt/commplan/bin/pip install --no-cache-dir --require-hashes -r requirements-lock.txt
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY scheduler ./scheduler
COPY storage ./storage
COPY config ./config
RUN /opt/commplan/bin/pip install --no-cache-dir --no-deps .

# Run stage: only the environment, as a non-root user, the database in a volume.
FROM ${PYTHON_IMAGE}
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
