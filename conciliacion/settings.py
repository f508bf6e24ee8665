"""Settings for Conciliación en Consumo: one file, driven by environment variables.

Every variable has a safe embedded default so that `make run` needs no server: SQLite (WAL,
immediate transactions) under var/, kombu's filesystem broker under var/, local-memory cache.
`DJANGO_ENV=production` turns on the hardened settings checked by `check --deploy`.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"
# pytest sets PYTEST_VERSION for the whole session, before Django reads these settings.
TESTING = env_bool("DJANGO_TESTING", "PYTEST_VERSION" in os.environ)

DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION and not TESTING)
# Runtime state (broker folders, task results, private media, mail, the SQLite test database).
# A test run gets a fresh directory of its own, removed at exit, so `make test` beside
# `make run` share no queue, file or database (issue 18).
_DE_LA_CORRIDA = ""
if TESTING:
    import atexit
    import shutil
    import tempfile

    # A process a test starts (a real Celery worker) shares its run's directory and key prefix.
    _DE_LA_CORRIDA = os.environ.get("DJANGO_ESTADO_DIR_PRUEBAS")
    if _DE_LA_CORRIDA:
        ESTADO_DIR = Path(_DE_LA_CORRIDA)
    else:
        ESTADO_DIR = Path(tempfile.mkdtemp(prefix=f"pruebas-{os.getpid()}-", dir=VAR_DIR))
        atexit.register(shutil.rmtree, ESTADO_DIR, ignore_errors=True)
else:
    ESTADO_DIR = VAR_DIR
if PRODUCTION and "SECRET_KEY" not in os.environ:
    raise RuntimeError("SECRET_KEY es obligatoria con DJANGO_ENV=production")
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijkl")
# Enables the benchmarks' baseline view /_base/ (issue 13); never set in production.
BENCHMARK = env_bool("BENCHMARK", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Hearings (audiencias): business days a cédula by reliable means takes to arrive (used to offer
# only slots the notice can reach in time), the base URL of generated video rooms, and the ratio
# agreed/claimed below which homologation flags the sum as substantially lower (art. 12 d;
# docs/decisions/0005-audiencias-y-homologacion.md).
DIAS_HABILES_MEDIO_FEHACIENTE = int(os.environ.get("DIAS_HABILES_MEDIO_FEHACIENTE", "2"))
AUDIENCIAS_VIDEO_URL_BASE = os.environ.get(
    "AUDIENCIAS_VIDEO_URL_BASE", "https://video.conciliacion.example/sala/"
)
HOMOLOGACION_UMBRAL_SUMA = os.environ.get("HOMOLOGACION_UMBRAL_SUMA", "0.5")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "template_partials",
    "csp",
    # Our apps, in the one-way import order of ARCHITECTURE.md.
    "normativa",
    "cuentas",
    "notificaciones",
    "documentos",
    "plazos",
    "webhooks",
    "reclamos",
    "libro",
    "conciliadores",
    "audiencias",
    "honorarios",
    "auditoria",
    "sumarios",
    "estadisticas",
    "exportaciones",
    "escala",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "conciliacion.logging.RequestIdMiddleware",
    "conciliacion.metricas.LatenciaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cuentas.middleware.PoliticaDeSesionMiddleware",
    "cuentas.middleware.MfaObligatorioMiddleware",
]

ROOT_URLCONF = "conciliacion.urls"
WSGI_APPLICATION = "conciliacion.wsgi.application"
ASGI_APPLICATION = "conciliacion.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cuentas.context_processors.rol_actual",
                "conciliacion.agencia.agencia",
            ],
        },
    }
]

# --- Database --------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Immediate transactions take the write lock up front, so two writers queue instead of
        # failing with "database is locked" half-way through an act.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(ESTADO_DIR / "test.sqlite3")
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, idempotency locks) ----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fails open: while Redis does not answer, an in-process cache stands in (conciliacion.cache).
    CACHES = {
        "default": {
            "BACKEND": "conciliacion.cache.CacheTolerante",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "ESPERA": float(os.environ.get("REDIS_ESPERA", "0.5")),
                "PAUSA_TRAS_FALLO": float(os.environ.get("REDIS_PAUSA_TRAS_FALLO", "10")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "cuentas.Usuario"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if TESTING:
    # Hashing cost is not what the tests measure.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never logs in, so it can never skip MFA
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # e-mail changes ask for the password again
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Conciliación en Consumo] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
ACCOUNT_ADAPTER = "cuentas.adapter.AdaptadorCuentas"
# Proxies of ours in front of the portal (a TLS terminator = 1). The client's address is then read
# from X-Forwarded-For, the same way for allauth's limits and DRF's throttles (conciliacion.red).
PROXIES_DE_CONFIANZA = int(os.environ.get("PROXIES_DE_CONFIANZA", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = PROXIES_DE_CONFIANZA
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Conciliación en Consumo"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:inicio"
LOGOUT_REDIRECT_URL = "portal:inicio"

# Sessions: everybody's session closes with the browser; staff have 30 min idle and 12 h absolute
# (cuentas.middleware.PoliticaDeSesionMiddleware), consumers 2 h idle.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESION_PERSONAL_INACTIVIDAD = timedelta(minutes=30)
SESION_PERSONAL_ABSOLUTA = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "es-ar"
LANGUAGES = [("es-ar", "Español (Argentina)"), ("es-pe", "Español (Perú)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as 23/11/2026 in es-AR (Django's own es_AR default is "23 Nov. 2026").
FORMAT_MODULE_PATH = ["conciliacion.formatos"]
TIME_ZONE = "America/Argentina/Buenos_Aires"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
# Outside production WhiteNoise serves straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "static"]
for prefix, folder in [
    ("vendor/poncho", NODE_MODULES / "ar-poncho" / "dist"),
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/font-awesome", NODE_MODULES / "font-awesome"),
    ("vendor/encode-sans", NODE_MODULES / "@fontsource" / "encode-sans"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    # axe-core: injected by the browser tests' accessibility check, never by a page.
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]:
    if folder.is_dir():
        STATICFILES_DIRS.append((prefix, folder))


def almacen_s3(entorno=os.environ) -> dict | None:
    """The S3-compatible object store for uploads and issued PDFs (decision 0029), or None to
    keep them on the filesystem under MEDIA_ROOT (the embedded default). Objects are private:
    the portal streams them to whoever passes the permission checks (documentos.views), so the
    bucket never needs a public policy and no URL to it leaves the portal."""
    bucket = entorno.get("ALMACEN_S3_BUCKET", "")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": entorno.get("ALMACEN_S3_ENDPOINT") or None,
            "access_key": entorno.get("ALMACEN_S3_ACCESS_KEY") or None,
            "secret_key": entorno.get("ALMACEN_S3_SECRET_KEY") or None,
            "region_name": entorno.get("ALMACEN_S3_REGION") or None,
            "location": entorno.get("ALMACEN_S3_PREFIJO", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "addressing_style": entorno.get("ALMACEN_S3_DIRECCIONES", "path"),
            "signature_version": "s3v4",
        },
    }


STORAGES = {
    "default": almacen_s3() or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files are private: they live outside STATIC/any public URL and are served only by a
# view that checks access (documentos.views).
if TESTING and not _DE_LA_CORRIDA:
    MEDIA_ROOT = ESTADO_DIR / "privado"
else:
    # A worker started by a test gets the test's media root through MEDIA_ROOT.
    MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", ESTADO_DIR / "privado"))
MEDIA_URL = None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
SUBIDA_TAMANO_MAXIMO = int(os.environ.get("SUBIDA_TAMANO_MAXIMO", 10 * 1024 * 1024))

# --- E-mail --------------------------------------------------------------------------------------
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Conciliación en Consumo <no-responder@conciliacion.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_URL.startswith("smtp"):
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"
    EMAIL_USE_SSL = _mail.scheme == "smtps"
else:
    # The embedded run writes every e-mail to var/correo/ so a developer can read it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = ESTADO_DIR / "correo"

# --- Celery --------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
# Redis broker: short socket timeouts so a publish never pins a web worker when Redis is down
# (conciliacion/trabajos.py; the socket timeout stays above kombu's 1 s BRPOP poll), and a
# visibility timeout longer than the longest task time limit, so a late-acked task is never
# redelivered while it still runs (ETA tasks are not used: ARCHITECTURE.md "timers").
OPCIONES_BROKER_REDIS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 0.5,
    "socket_timeout": 5,
    "retry_on_timeout": False,
}
if CELERY_BROKER_URL == "filesystem://":
    _cola = ESTADO_DIR / "cola"
    for sub in ("entrada", "procesados", "control"):
        (_cola / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_cola / "entrada"),
        "data_folder_out": str(_cola / "entrada"),
        "processed_folder": str(_cola / "procesados"),
        "control_folder": str(_cola / "control"),  # kombu's default is ./control
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(OPCIONES_BROKER_REDIS)
    if TESTING:
        # A test run beside a portal on the same Redis keeps to keys of its own.
        CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = f"{ESTADO_DIR.name}:"
CELERY_RESULT_BACKEND = os.environ.get(
    "CELERY_RESULT_BACKEND",
    CELERY_BROKER_URL
    if CELERY_BROKER_URL.startswith("redis")
    else f"file://{ESTADO_DIR / 'resultados'}",
)
(ESTADO_DIR / "resultados").mkdir(parents=True, exist_ok=True)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES_NAMES = ("default", "pdf", "notificaciones")
CELERY_TASK_ROUTES = {
    "documentos.*": {"queue": "pdf"},
    "notificaciones.*": {"queue": "notificaciones"},
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish is the fast path only (the durable row is the job): connect for at most 0.5 s and
# retry the publish once (a pooled connection may be stale after a Redis restart), about 1 s in
# all; after a failure the process skips publishing for a moment (conciliacion/trabajos.py).
# The worker keeps reconnecting (no retry limit).
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
TRABAJOS_PAUSA_TRAS_FALLO = float(os.environ.get("TRABAJOS_PAUSA_TRAS_FALLO", "2"))
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Static beat schedule; later apps add their sweepers here (ARCHITECTURE.md "tasks").
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "plazos-vencer": {"task": "plazos.vencer_plazos", "schedule": 60.0},
    "plazos-recordar": {"task": "plazos.recordar_plazos", "schedule": 3600.0},
    "documentos-huerfanos": {"task": "documentos.borrar_archivos_huerfanos", "schedule": 86400.0},
    # Re-publishes every job whose durable row is overdue (conciliacion/operaciones.py).
    "trabajos-recuperar": {
        "task": "conciliacion.recuperar_trabajos",
        "schedule": float(os.environ.get("TRABAJOS_RECUPERAR_CADA", "120")),
    },
    "audiencias-recordar": {"task": "audiencias.recordar_audiencias", "schedule": 3600.0},
    "audiencias-cedulas-electronicas": {
        "task": "audiencias.actualizar_cedulas_electronicas",
        "schedule": 600.0,
    },
    "reclamos-demoras": {"task": "reclamos.calcular_demoras", "schedule": 3600.0},
    # AR-D9: the counting windows of the grounds for suspension and exclusion (decision 0027).
    "conciliadores-ventanas": {"task": "conciliadores.evaluar_ventanas", "schedule": 86400.0},
    "webhooks-plazos": {"task": "webhooks.avisar_plazos", "schedule": 3600.0},
    # Open data and the dashboard (estadisticas/refresco.py): the months touched since the last
    # run every 10 minutes, everything once a day (a provider's sector may have changed).
    "estadisticas-refrescar": {
        "task": "estadisticas.refrescar_cifras",
        "schedule": float(os.environ.get("DATOS_ABIERTOS_REFRESCAR_CADA", "600")),
    },
    "estadisticas-refrescar-todo": {
        "task": "estadisticas.refrescar_cifras",
        "schedule": 86400.0,
        "kwargs": {"completo": True},
    },
}
# Webhooks (docs/webhooks.md, decision 0023): tight timeouts, backoff with jitter for up to
# 3 days, pause after that many consecutive failures, rotation overlap. Private, loopback and
# link-local destinations are refused; WEBHOOKS_PERMITIR_PRIVADAS (and the test CA) exist for
# tests only and production ignores them (webhooks.red.permitir_privadas).
WEBHOOKS_ESPERA_CONEXION = float(os.environ.get("WEBHOOKS_ESPERA_CONEXION", "3"))
WEBHOOKS_ESPERA_TOTAL = float(os.environ.get("WEBHOOKS_ESPERA_TOTAL", "5"))
WEBHOOKS_ESPERA_BASE = float(os.environ.get("WEBHOOKS_ESPERA_BASE", "10"))
WEBHOOKS_ESPERA_TOPE = float(os.environ.get("WEBHOOKS_ESPERA_TOPE", "3600"))
WEBHOOKS_VIDA_MAXIMA = int(os.environ.get("WEBHOOKS_VIDA_MAXIMA", str(3 * 24 * 3600)))
WEBHOOKS_FALLOS_PARA_PAUSAR = int(os.environ.get("WEBHOOKS_FALLOS_PARA_PAUSAR", "20"))
WEBHOOKS_SOLAPAMIENTO_HORAS = int(os.environ.get("WEBHOOKS_SOLAPAMIENTO_HORAS", "24"))
WEBHOOKS_PERMITIR_PRIVADAS = (not PRODUCTION) and env_bool("WEBHOOKS_PERMITIR_PRIVADAS", False)
WEBHOOKS_CA_PRUEBAS = "" if PRODUCTION else os.environ.get("WEBHOOKS_CA_PRUEBAS", "")
# Open data: rows (and figures) with fewer than this many claims are not published.
DATOS_ABIERTOS_K = int(os.environ.get("DATOS_ABIERTOS_K", "5"))
# Jobs (docs/decisions/0012-trabajos-y-recuperacion.md): a render lease older than this belongs
# to a dead worker (above CELERY_TASK_TIME_LIMIT), and a document is left to staff after this
# many attempts; a notice is overdue this long after its planned attempt.
# /metricas (Prometheus): staff with MFA by session, or a scraper sending this bearer token.
METRICAS_TOKEN = os.environ.get("METRICAS_TOKEN", "")
DOCUMENTOS_RENDER_VENCIDO = int(os.environ.get("DOCUMENTOS_RENDER_VENCIDO", "300"))
DOCUMENTOS_RENDER_INTENTOS = 10
NOTIFICACIONES_MARGEN_REENCOLAR = int(os.environ.get("NOTIFICACIONES_MARGEN_REENCOLAR", "300"))
# Exports (docs/decisions/0025): rows per chunk of a streamed CSV (one query each), and how long
# a quarterly report may wait for its figures before the recovery task publishes it again.
EXPORTACIONES_TAMANO_BLOQUE = int(os.environ.get("EXPORTACIONES_TAMANO_BLOQUE", "500"))
INFORMES_VENCIDO = int(os.environ.get("INFORMES_VENCIDO", "300"))
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cuentas.api_auth.ClaveApiAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: no browsable HTML page under /api/ (conciliacion.api.NegociacionJson).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "conciliacion.api.NegociacionJson",
    "DEFAULT_PAGINATION_CLASS": "conciliacion.api.PaginacionCursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "conciliacion.esquema.EsquemaApi",
    "EXCEPTION_HANDLER": "conciliacion.api.manejar_excepcion",
    "DEFAULT_THROTTLE_CLASSES": ["conciliacion.api.LimitePorClave"],
    "DEFAULT_THROTTLE_RATES": {"clave": os.environ.get("API_LIMITE", "600/min")},
    "NUM_PROXIES": PROXIES_DE_CONFIANZA,
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conciliación en Consumo API",
    "DESCRIPTION": "API del portal de conciliación en las relaciones de consumo.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Deep links put a focusable link inside each operation's toggle button (nested controls)
    # and the highlighter's palette is under 4.5:1: both axe "serious" violations on /api/docs/.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": {"activated": False}},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TipoHojaEnum": "libro.api.TipoHoja",
        "EstadoHojaEnum": "libro.estados.EstadoHoja",
        "EstadoPropuestaEnum": "libro.api.EstadoPropuesta",
        "TipoDocumentoIdentidadEnum": "libro.api.TipoDocumentoIdentidad",
        "MedioRespuestaEnum": "libro.api.MedioRespuesta",
        "EstadoAudienciaEnum": "audiencias.models.Audiencia.Estado",
        "ModalidadEnum": "conciliadores.models.Modalidad",
    },
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ClaveApi": {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "Authorization: Clave <clave de la organización>",
            }
        }
    },
}
IDEMPOTENCIA_VIGENCIA = timedelta(hours=24)

# --- Security headers ----------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# --- Logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "conciliacion.logging.formatter_json"},
        "consola": {"()": "conciliacion.logging.formatter_consola"},
    },
    "handlers": {
        "default": {
            "class": "logging.StreamHandler",
            "formatter": "json" if PRODUCTION else "consola",
        }
    },
    "root": {"handlers": ["default"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

ADMINS = []
READYZ_ESPERA_COLA = float(os.environ.get("READYZ_ESPERA_COLA", "5"))

# --- Régimenes -----------------------------------------------------------------------------------
# DOMAIN Decision 1: the last day each régimen accepts new filings (deployment data; empty = open).
REGIMENES_VIGENTE_HASTA = {"COPREC": os.environ.get("COPREC_VIGENTE_HASTA", "")}
REGIMEN_POR_DEFECTO = os.environ.get("REGIMEN_POR_DEFECTO", "COPREC")
# Claims an agency office or consumer association files through the API run under this régimen.
REGIMEN_API = os.environ.get("REGIMEN_API", REGIMEN_POR_DEFECTO)
# Decision 0031: the régimenes this deployment offers (codes, comma-separated; empty = all). Forms,
# lists and the API accept only these; claims already filed under another one go on.
REGIMENES_OFRECIDOS = env_list("REGIMENES_OFRECIDOS", "")
# Decision 0038: CABA's intake of claims the national Ventanilla Única Federal routes here (C1c,
# Disp. 423/DGDYPC/2025; whether the adherence survives Disp. 890/2025 is Q11). Off: the API
# endpoint is a 404 and the staff form has no VUF field.
CABA_VUF_HABILITADA = env_bool("CABA_VUF_HABILITADA", False)

# --- The agency's look (decision 0031) -----------------------------------------------------------
# Empty name: the portal's own ("Conciliación en Consumo"). Logo: a static path ("img/x.svg") or an
# https URL (its origin is added to the CSP's img-src). Colour: #RGB or #RRGGBB, dark enough for
# white text (contrast >= 4.5); `manage.py check` refuses anything else.
AGENCIA_NOMBRE = os.environ.get("AGENCIA_NOMBRE", "")
AGENCIA_LOGO = os.environ.get("AGENCIA_LOGO", "")
AGENCIA_COLOR = os.environ.get("AGENCIA_COLOR", "#242c4f")
if AGENCIA_LOGO.startswith("https://"):
    _origen_logo = "/".join(AGENCIA_LOGO.split("/")[:3])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_origen_logo)
# A claim against a registered provider runs under the régimen of the provider's country
# (Organizacion.pais); otherwise under REGIMEN_POR_DEFECTO (reclamos.services.mediacion).
# DOMAIN Q16: Indecopi's own timers are service levels the deployment sets (business days,
# PE-entidad calendar), not legal terms.
PLAZOS_DE_SERVICIO = {
    "PE-SAC-1": int(os.environ.get("PLAZO_PE_SAC_1", "3")),
    "PE-SAC-2": int(os.environ.get("PLAZO_PE_SAC_2", "7")),
}
