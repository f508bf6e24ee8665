# Production-like image for docker-compose.yml (web, worker and beat share it).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libmagic1 fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN pip install --no-cache-dir ".[produccion]" \
    && DJANGO_ENV=production SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --create-home conciliacion && mkdir -p var && chown -R conciliacion var
USER conciliacion
EXPOSE 8000
CMD ["gunicorn", "conciliacion.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
