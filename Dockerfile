# The Articula API, for docker-compose.yml; it talks to the `neo4j` service via NEO4J_URI.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY articula ./articula
COPY service ./service
COPY loaders ./loaders
COPY cypher ./cypher
RUN pip install --no-cache-dir . && useradd --system --create-home articula
USER articula
ENV ARTICULA_HOST=0.0.0.0 ARTICULA_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["articula", "serve"]
