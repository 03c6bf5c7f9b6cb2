"""Django settings. Everything that differs between machines comes from the environment (env.py)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from groundswell.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GROUNDSWELL_VAR_DIR", str(BASE_DIR / "var")))

# The demo secret is public: it is only acceptable while DEBUG or GROUNDSWELL_DEMO is on.
DEMO_SECRET_KEY = "groundswell-demo-secret-key-do-not-use-in-production"
DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("GROUNDSWELL_DEMO", False)
# Voter-file people the demo imports (groundswell.people.demo); fewer make a first `groundswell demo` quicker.
DEMO_PEOPLE = env_int("GROUNDSWELL_DEMO_PEOPLE", 20_000)
SECRET_KEY = env_str("SECRET_KEY", DEMO_SECRET_KEY)
if SECRET_KEY == DEMO_SECRET_KEY and not (DEBUG or DEMO_MODE):
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: production refuses the demo secret (set SECRET_KEY, or DEBUG=1 for development)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The events map's tiles (any {z}/{x}/{y} server; OpenStreetMap's asks for attribution and light use).
EVENTS_MAP_TILES = env_str("EVENTS_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
EVENTS_MAP_ATTRIBUTION = env_str(
    "EVENTS_MAP_ATTRIBUTION", '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors')

# Calling through a voice provider (optional). "manual": callers dial from their own phone, no account.
# ("fake" is for tests only; they set it with override_settings.)
PHONEBANK_PROVIDER = env_str("PHONEBANK_PROVIDER", "manual").strip().lower()
if PHONEBANK_PROVIDER not in {"manual", "twilio"}:
    raise ImproperlyConfigured(f"PHONEBANK_PROVIDER must be manual or twilio, not {PHONEBANK_PROVIDER!r}")
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN", "")
TWILIO_CALLER_ID = env_str("TWILIO_CALLER_ID", "")  # the campaign's number shown to contacts (E.164)
TWILIO_VOICEMAIL_URL = env_str("TWILIO_VOICEMAIL_URL", "")  # recorded message (mp3) for voicemail drop
TWILIO_WEBHOOK_SHARED_KEY = env_str("TWILIO_WEBHOOK_SHARED_KEY", "")  # only if webhooks are signed with a SharedKey
if PHONEBANK_PROVIDER == "twilio" and not (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_CALLER_ID):
    raise ImproperlyConfigured(
        "PHONEBANK_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_CALLER_ID"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "treebeard",
    "groundswell.common",
    "groundswell.accounts",
    "groundswell.audit",
    "groundswell.orgs",
    "groundswell.people",
    "groundswell.outreach",
    "groundswell.relational",
    "groundswell.phonebank",
    "groundswell.events",
    "groundswell.leadership",
    "groundswell.goals",
    "groundswell.api",
    "groundswell.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "groundswell.orgs.middleware.ActorMiddleware",
    "groundswell.orgs.middleware.TimeZoneMiddleware",
    "groundswell.web.errors.NulInputMiddleware",  # after the user and actor: its page uses them
    "groundswell.web.errors.DomainErrorMiddleware",
    "groundswell.accounts.middleware.TwoFactorRequiredMiddleware",
]

ROOT_URLCONF = "groundswell.urls"
WSGI_APPLICATION = "groundswell.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "groundswell" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "groundswell.web.context.navigation",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'groundswell.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE makes every transaction take the
    # write lock up front, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
else:
    # The calling cycle's claim and attempt statements (outreach.sql) bind their parameters on the server, so
    # psycopg prepares them after a few runs on a connection and PostgreSQL stops planning every claim; Django's
    # own queries bind on the client and are never prepared. Turn it off behind a pooler that cannot keep
    # prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        5 if env_bool("DATABASE_PREPARED_STATEMENTS", True) else None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = VAR_DIR / "media"  # uploaded import files; never served directly
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not (DEBUG or DEMO_MODE))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Email: printed to the console unless EMAIL_BACKEND names SMTP (or another backend) with its options.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_email_options: dict = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Groundswell <noreply@localhost>")

# Login throttling: this many failures per email or per address within the window locks sign-in.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

OTP_TOTP_ISSUER = "Groundswell"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
