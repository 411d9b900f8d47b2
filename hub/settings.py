"""Settings from environment variables, with safe development defaults.

DEBUG is off unless HUB_DEBUG=1. DATABASE_URL selects PostgreSQL; without it the
embedded SQLite database (WAL mode) is used.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("HUB_DEBUG")
PRODUCTION = env_bool("HUB_PRODUCTION")
if PRODUCTION and DEBUG:  # the debug page shows settings and stack traces to anyone
    raise RuntimeError("HUB_DEBUG must be off in production")
SECRET_KEY = os.environ.get("HUB_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("HUB_SECRET_KEY must be set in production")
    # Development only: a fixed key so sessions survive restarts on a laptop.
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("HUB_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("HUB_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "core",
    "governance",
    "learning",
    "reviews",
    "finance",
    "assurance",
    "training",
    "business",
    "performance",
    "reports",
    "public",
    "api",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.NoStoreWhenSignedInMiddleware",
    "core.middleware.TwoFactorRequiredMiddleware",
    "core.middleware.RefusalAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

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
                "csp.context_processors.nonce",
                "core.context_processors.hub",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("HUB_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Lock-out is per account: council and NHS staff often share one office IP address, and
# locking an address would lock out a whole organisation.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

OTP_TOTP_ISSUER = "Safeguarding Partnership Hub"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "static/"
# collectstatic's target, production only: elsewhere WhiteNoise serves from the finders.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
# Uploaded and generated files go through django-storages: the local disk by default, or a
# bucket shared by every app server (HUB_STORAGE=s3 or azure; README "Production settings").
HUB_STORAGE = os.environ.get("HUB_STORAGE", "filesystem")
_storage_backends = {
    "filesystem": ("django.core.files.storage.FileSystemStorage", {}),
    "s3": ("storages.backends.s3.S3Storage", {
        "bucket_name": os.environ.get("HUB_S3_BUCKET", ""),
        "endpoint_url": os.environ.get("HUB_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("HUB_S3_REGION") or None,
        "access_key": os.environ.get("HUB_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("HUB_S3_SECRET_ACCESS_KEY") or None,
        "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
    }),
    "azure": ("storages.backends.azure_storage.AzureStorage", {
        "azure_container": os.environ.get("HUB_AZURE_CONTAINER", ""),
        "connection_string": os.environ.get("HUB_AZURE_CONNECTION_STRING") or None,
        "overwrite_files": False,
    }),
}
if HUB_STORAGE not in _storage_backends:
    raise RuntimeError(f"HUB_STORAGE must be one of {', '.join(_storage_backends)}")
_backend, _options = _storage_backends[HUB_STORAGE]
STORAGES = {
    "default": {"BACKEND": _backend, "OPTIONS": _options},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("HUB_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: papers go through permission-checked views
# Static files are served by WhiteNoise; outside production straight from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded papers and evidence: documents only, and not too large.
# A data return with more rows than this is imported in the background, with a page showing
# its progress (decision 0038); smaller ones are saved while the sender waits.
HUB_BACKGROUND_IMPORT_ROWS = int(os.environ.get("HUB_BACKGROUND_IMPORT_ROWS", "2000"))
HUB_UPLOAD_MAX_BYTES = int(os.environ.get("HUB_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# A request body (a form, or an API data return) larger than this is refused; the API answers
# 413 in JSON. 20 MB holds a return of about 150,000 rows.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("HUB_REQUEST_MAX_BYTES", str(20 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "HUB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("HUB_FROM_EMAIL", "hub@localhost")
# Where the hub is served, for links in e-mails sent by background work (no request to ask).
HUB_BASE_URL = os.environ.get("HUB_BASE_URL", "").rstrip("/")
# For HUB_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("HUB_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HUB_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("HUB_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HUB_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HUB_EMAIL_TLS", True)

# Security headers and cookies. Cookies are secure unless explicitly running plain HTTP in development.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A sign-in lasts a working day at most, and ends when the browser closes (shared computers
# in offices and schools).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
_secure = PRODUCTION or env_bool("HUB_SECURE_COOKIES")
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("HUB_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    # The API speaks JSON only (decision 0030). Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE and
    # Django's own errors are answered in JSON.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguarding Partnership Hub API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema documents the API; reading it needs no login, calling the API does.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "api.schema.document_errors"],
}

# Shared state for several app processes: with REDIS_URL the cache (computed pages), the
# sessions (cached, backed by the database) and Celery's broker are in Redis; without it the
# hub runs on one machine with nothing else to install: a per-process cache, sessions in the
# database and background work done in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "hub",
        "TIMEOUT": 3600,
        # A cache outage slows pages down; it must not take them down.
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 2,
                    "SOCKET_TIMEOUT": 2},
    }}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Not cached_db: a per-process cache would keep a signed-out session alive elsewhere.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery (hub/celery.py): Redis is the broker; without it tasks run in the calling process.
CELERY_BROKER_URL = os.environ.get("HUB_CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or os.environ.get("HUB_CELERY_BROKER_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it for another (tasks are idempotent)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "daily-reminders": {"task": "core.tasks.send_reminders",
                        "schedule": crontab(hour=7, minute=0)},
    "nightly-retention": {"task": "core.tasks.purge_retention",
                          "schedule": crontab(hour=2, minute=30)},
}

# Structured logs: one JSON object a line on stderr, each carrying the request id
# (core.middleware.RequestIdMiddleware), so a log collector can join a request's lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json",
                             "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("HUB_LOG_LEVEL", "WARNING")},
    "loggers": {"hub.requests": {"level": os.environ.get("HUB_REQUEST_LOG_LEVEL", "INFO")}},
}

# Retention (core.retention): years kept per record type, overriding the defaults, e.g.
# HUB_RETENTION_YEARS="core.audit_trail=7,reviews.case_detail=10".
HUB_RETENTION_YEARS = {
    key.strip(): int(years)
    for key, _, years in (part.partition("=") for part in
                          os.environ.get("HUB_RETENTION_YEARS", "").split(",") if part.strip())
}

# Backups (manage.py backup) keep datetimes to the microsecond: core.backup_format.
SERIALIZATION_MODULES = {"hubjsonl": "core.backup_format"}

FORM_RENDERER = "core.forms.HubFormRenderer"
