"""Migration commands, through Django's own management commands on real migration files in the
session's folder: makemigrations (after editing the named apps' models), migrate,
showmigrations, and tables (what the database holds)."""
import importlib
import io

from django.apps import apps
from django.core.management import call_command
from django.core.management.commands import makemigrations as makemigrations_module
from django.core.management.commands import migrate as migrate_module
from django.db import connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
from django.db.migrations.state import ProjectState

from . import project
from .commands import arg, command


class AnsweringQuestioner(NonInteractiveMigrationQuestioner):
    """`makemigrations --noinput`, except that the one-off defaults a case gives (by
    `app.Model.field`) answer the questions an interactive run would ask."""

    answers = {}
    lines = []

    def _answer(self, field_name, model_name):
        for key, value in self.answers.items():
            parts = key.lower().split(".")
            if parts[-2:] == [model_name.lower(), field_name.lower()]:
                return True, value
        return False, None

    def log_lack_of_migration(self, field_name, model_name, reason):
        AnsweringQuestioner.lines.append(f"Field '{field_name}' on model '{model_name}' not migrated: {reason}.")

    def ask_not_null_addition(self, field_name, model_name):
        found, value = self._answer(field_name, model_name)
        return value if found else super().ask_not_null_addition(field_name, model_name)

    def ask_not_null_alteration(self, field_name, model_name):
        found, value = self._answer(field_name, model_name)
        return value if found else super().ask_not_null_alteration(field_name, model_name)

    def ask_auto_now_add_addition(self, field_name, model_name):
        found, value = self._answer(field_name, model_name)
        return value if found else super().ask_auto_now_add_addition(field_name, model_name)


makemigrations_module.NonInteractiveMigrationQuestioner = AnsweringQuestioner


class MakeMigrations(makemigrations_module.Command):
    def write_migration_files(self, changes, update_previous_migration_paths=None):
        self.djspec_changes = changes
        return super().write_migration_files(changes, update_previous_migration_paths)


class Migrate(migrate_module.Command):
    def migration_progress_callback(self, action, migration=None, fake=False):
        if action == "apply_success":
            self.djspec_applied.append(f"{migration.app_label}.{migration.name}")
        elif action == "unapply_success":
            self.djspec_unapplied.append(f"{migration.app_label}.{migration.name}")


def _operation(op):
    out = {"type": type(op).__name__, "describe": op.describe()}
    if hasattr(op, "model_name"):
        out["model"] = op.model_name
        if hasattr(op, "name"):
            out["field"] = op.name
    elif hasattr(op, "name"):
        out["model"] = op.name
    if type(op).__name__ == "CreateModel":
        out["fields"] = [name for name, _ in op.fields]
    if hasattr(op, "preserve_default") and op.preserve_default is False:
        out["preserve_default"] = False
    return out


def _dependency(dep):
    """As the written file has it: a swappable dependency is the swapped-in app's first migration."""
    app, name = dep[0], dep[1]
    if app == "__setting__":
        from django.conf import settings

        return [getattr(settings, name).split(".")[0], "__first__"]
    return [str(app), str(name)]


def _exit_message(e, stderr, lines=()):
    """The line a management command printed before exiting (what the user reads)."""
    printed = [line for line in stderr.getvalue().splitlines() if line.strip()]
    return "\n".join(lines) if lines else (printed[-1] if printed else str(e.code))


def _migration(m):
    return {
        "app": m.app_label,
        "name": m.name,
        "initial": bool(m.initial),
        "dependencies": [_dependency(d) for d in m.dependencies],
        "operations": [_operation(op) for op in m.operations],
    }


@command("makemigrations")
def _makemigrations(s, c):
    for app in arg(c, "apps"):
        project.reload_models(app, s)
        for i, existing in enumerate(s.setup.get("apps") or []):
            if existing.get("name") == app.get("name"):
                s.setup["apps"][i] = {**existing, **app}
    s.materialize()
    importlib.invalidate_caches()
    AnsweringQuestioner.answers = {k: s.codec.decode(v) for k, v in (c.get("defaults") or {}).items()}
    AnsweringQuestioner.lines = []
    cmd = MakeMigrations()
    cmd.djspec_changes = {}
    stderr = io.StringIO()
    try:
        call_command(cmd, *(c.get("app_labels") or []), interactive=False, dry_run=bool(c.get("dry_run")), verbosity=1,
                     stdout=io.StringIO(), stderr=stderr)
    except SystemExit as e:
        e.djspec_message = _exit_message(e, stderr, AnsweringQuestioner.lines)
        raise
    # In the order Django writes (and prints) them.
    made = [m for migrations in cmd.djspec_changes.values() for m in migrations]
    return {"migrations": [_migration(m) for m in made]}


@command("migrate")
def _migrate(s, c):
    s.materialize()
    importlib.invalidate_caches()
    s.schema_dirty = True
    args = []
    if c.get("app") is not None:
        args.append(c["app"])
        if c.get("target") is not None:
            args.append(c["target"])
    cmd = Migrate()
    cmd.djspec_applied, cmd.djspec_unapplied = [], []
    stderr = io.StringIO()
    try:
        call_command(cmd, *args, interactive=False, verbosity=0, stdout=io.StringIO(), stderr=stderr)
    except SystemExit as e:
        e.djspec_message = _exit_message(e, stderr)
        raise
    result = {"applied": cmd.djspec_applied, "unapplied": cmd.djspec_unapplied}
    if not cmd.djspec_applied and not cmd.djspec_unapplied:
        # Django's warning after "No migrations to apply.".
        loader = MigrationLoader(connection)
        changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(graph=loader.graph)
        result["unmigrated_changes"] = sorted(changes)
    return result


@command("showmigrations")
def _showmigrations(s, c):
    s.materialize()
    importlib.invalidate_caches()
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    out = []
    for app in sorted(loader.migrated_apps):
        shown = set()
        for node in loader.graph.leaf_nodes(app):
            for plan_node in loader.graph.forwards_plan(node):
                if plan_node not in shown and plan_node[0] == app:
                    out.append({"app": app, "name": plan_node[1], "applied": plan_node in loader.applied_migrations})
                    shown.add(plan_node)
    return out


@command("tables")
def _tables(s, c):
    out = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name, is_nullable, column_default FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, column_name"
            )
            tables = {}
            for table, column, nullable, default in cursor.fetchall():
                tables.setdefault(table, []).append({"name": column, "null": nullable == "YES", "has_default": default is not None})
        else:
            names = [r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()]
            tables = {}
            for table in names:
                rows = cursor.execute(f'PRAGMA table_info("{table}")').fetchall()
                tables[table] = [{"name": r[1], "null": not r[3] and not r[5], "has_default": r[4] is not None} for r in rows]
    for table in sorted(tables):
        if table == "django_migrations":
            continue
        out.append({"table": table, "columns": sorted(tables[table], key=lambda col: col["name"])})
    return out
