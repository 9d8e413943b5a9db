"""The parent process's start-up: Django configured with the built-in apps, the heavy modules
imported once, the start-up hooks installed, and the database chosen (`DJSPEC_DJANGO_DB`)."""
import os
import re
import urllib.parse

import django
from django.conf import settings

DB_KIND = os.environ.get("DJSPEC_DJANGO_DB", "sqlite").strip().lower() or "sqlite"
if DB_KIND in ("pg", "postgresql"):
    DB_KIND = "postgres"
BASE_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
SCHEMA_PREFIX = "djs_"
ZYGOTE_PID = os.getpid()


def pg_params():
    """Connection parameters: DATABASE_URL when set, else 127.0.0.1:5432, database `test`."""
    url = os.environ.get("DATABASE_URL")
    if url:
        u = urllib.parse.urlsplit(url)
        return {
            "NAME": urllib.parse.unquote(u.path.lstrip("/")) or "test",
            "USER": urllib.parse.unquote(u.username or "") or "postgres",
            "PASSWORD": urllib.parse.unquote(u.password or ""),
            "HOST": u.hostname or "127.0.0.1",
            "PORT": str(u.port or 5432),
        }
    return {"NAME": "test", "USER": os.environ.get("PGUSER", "postgres"), "PASSWORD": "", "HOST": "127.0.0.1", "PORT": "5432"}


def database_settings(schema=None):
    if DB_KIND == "postgres":
        db = {"ENGINE": "django.db.backends.postgresql", **pg_params(), "CONN_MAX_AGE": None}
        # synchronous_commit=off: commits do not wait for the disk (durability only; nothing a
        # case can observe), which makes every write several times faster on a busy machine.
        options = "-c synchronous_commit=off"
        if schema:
            options += f" -c search_path={schema}"
        db["OPTIONS"] = {"options": options}
        return {"default": db}
    return {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


PREIMPORTS = [
    "django.contrib.auth.hashers", "django.contrib.auth.backends", "django.core.checks", "django.core.servers.basehttp",
    "django.db.backends.sqlite3.base", "django.db.backends.sqlite3.schema", "django.db.migrations.autodetector",
    "django.db.migrations.executor", "django.db.migrations.writer", "django.test.client", "django.views.generic",
    "django.contrib.sessions.backends.signed_cookies", "django.contrib.sessions.middleware", "djspec_django.session",
    "djspec_django.commands",
]
PG_PREIMPORTS = ["django.db.backends.postgresql.base", "django.db.backends.postgresql.schema"]


def zygote_setup():
    if DB_KIND not in ("sqlite", "postgres"):
        raise SystemExit(f"DJSPEC_DJANGO_DB must be sqlite or postgres (got {DB_KIND!r})")
    settings.configure(
        INSTALLED_APPS=list(BASE_APPS),
        # DATABASES is assigned in each session process; the parent never connects.
        DATABASES={},
        SECRET_KEY="djspec-not-secret",
        TIME_ZONE="UTC",
        USE_TZ=True,
        ALLOWED_HOSTS=["testserver", "127.0.0.1", "localhost"],
        ROOT_URLCONF="djspec_urls",
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    )
    from . import hooks

    hooks.install()
    django.setup()
    # Imported once here so each session starts in milliseconds.
    import importlib

    for module in PREIMPORTS + (PG_PREIMPORTS if DB_KIND == "postgres" else []):
        importlib.import_module(module)
    forget_builtin_ready()
    if DB_KIND == "postgres":
        sweep_stale_schemas()


def forget_builtin_ready():
    """Undoes what the built-in apps' ready() did in this parent process (checks registered,
    receivers connected): a session that installs them runs their ready() again, and one that
    does not must not see them."""
    from django.core.checks.registry import registry
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_migrate, pre_migrate

    contrib = ("django.contrib.auth", "django.contrib.contenttypes")
    for attr in ("registered_checks", "deployment_checks"):
        kept = {c for c in getattr(registry, attr) if not (getattr(c, "__module__", "") or "").startswith(contrib)}
        setattr(registry, attr, kept)
    for signal in (user_logged_in, pre_migrate, post_migrate):
        with signal.lock:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
            signal._dead_receivers = False


def _pg_connect():
    import psycopg

    p = pg_params()
    return psycopg.connect(host=p["HOST"], port=p["PORT"], dbname=p["NAME"], user=p["USER"], password=p["PASSWORD"] or None, autocommit=True, connect_timeout=5)


def sweep_stale_schemas(only_own=False):
    """Drops the session schemas of adapter processes that are gone (killed on a timeout)."""
    try:
        conn = _pg_connect()
    except Exception as e:  # noqa: BLE001
        raise SystemExit(f"PostgreSQL is not reachable ({pg_params()['HOST']}:{pg_params()['PORT']}, database {pg_params()['NAME']}): {e}")
    try:
        names = [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (SCHEMA_PREFIX + "%",))]
        for name in names:
            m = re.match(rf"^{SCHEMA_PREFIX}(\d+)_", name)
            if not m:
                continue
            pid = int(m.group(1))
            if only_own:
                if pid != ZYGOTE_PID:
                    continue
            elif pid == ZYGOTE_PID or _alive(pid):
                continue
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    finally:
        conn.close()


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def zygote_cleanup():
    if DB_KIND == "postgres" and os.getpid() == ZYGOTE_PID:
        try:
            sweep_stale_schemas(only_own=True)
        except BaseException:  # noqa: BLE001 - best effort at exit
            pass


def hello():
    from .capabilities import CAPABILITIES

    engine = "sqlite3 (in memory)" if DB_KIND == "sqlite" else f"postgresql ({pg_params()['HOST']}:{pg_params()['PORT']}/{pg_params()['NAME']})"
    return {
        "protocol": 1,
        "implementation": {"name": "django", "version": django.get_version(), "language": "python", "homepage": "https://www.djangoproject.com/"},
        "database": {"vendor": "sqlite" if DB_KIND == "sqlite" else "postgresql", "engine": engine},
        "capabilities": list(CAPABILITIES),
    }
