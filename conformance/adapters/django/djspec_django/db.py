"""The session's database: tables created with Django's schema editor (as `migrate` would leave
them), wiped between property runs, and on PostgreSQL one schema per distinct set of models."""
import hashlib
import json
import os

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from . import boot


def schema_key(setup):
    data = {"apps": setup.get("apps") or [], "settings": (setup.get("settings") or {}).get("DEFAULT_AUTO_FIELD")}
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def choose_schema(setup):
    """A reusable schema for sessions that get their tables at start-up; a private one for
    sessions that build their schema with migrations (dropped when the session ends)."""
    if setup.get("create_tables") is False:
        return f"{boot.SCHEMA_PREFIX}{boot.ZYGOTE_PID}_m{os.getpid()}", False
    return f"{boot.SCHEMA_PREFIX}{boot.ZYGOTE_PID}_{schema_key(setup)}", True


def configure(schema):
    """Points Django at the session's database; the parent process never opened a connection."""
    from django.db import connections

    from asgiref.local import Local

    settings.DATABASES = boot.database_settings(schema)
    connections._settings = None
    connections.__dict__.pop("settings", None)
    connections._connections = Local(connections.thread_critical)


def creatable_models():
    out = []
    for model in apps.get_models():
        opts = model._meta
        if not opts.managed or opts.proxy or opts.swapped:
            continue
        if _unresolved(model):
            continue
        out.append(model)
    return out


def _unresolved(model):
    for f in model._meta.local_fields + model._meta.local_many_to_many:
        remote = getattr(f, "remote_field", None)
        if remote is None:
            continue
        if isinstance(remote.model, str):
            return True
        through = getattr(remote, "through", None)
        if through is not None and isinstance(through, str):
            return True
    return False


def create_tables():
    with connection.schema_editor() as editor:
        for model in creatable_models():
            editor.create_model(model)


def prepare_postgres(schema, reusable, create):
    """Creates the schema (and tables) in one transaction, or wipes a schema left by an earlier
    session with the same models."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        exists = cursor.fetchone() is not None
    if exists and reusable:
        wipe()
        return
    if exists:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema}"')
        if create:
            create_tables()


def drop_schema(schema):
    try:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        connection.close()


WIPE_PG = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DELETE FROM %I', r.tablename);
  END LOOP;
  FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
    PERFORM setval(format('%I', r.sequencename)::regclass, 1, false);
  END LOOP;
END $$;
"""


def wipe():
    """Deletes every row and restarts every sequence, keeping the tables."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(WIPE_PG)
    else:
        with connection.constraint_checks_disabled():
            with connection.cursor() as cursor:
                tables = [r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
                for table in tables:
                    cursor.execute(f'DELETE FROM "{table}"')
                if cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                    cursor.execute("DELETE FROM sqlite_sequence")
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
