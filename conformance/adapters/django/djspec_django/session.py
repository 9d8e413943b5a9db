"""One session, in its own forked process: boots the project from the session setup, answers
commands, records receiver calls, and ends (the process exits) at `close`."""
import os
import re
import weakref
import traceback

import django
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.dispatch import Signal

from . import boot, db, hooks, project, wire
from .codec import BadValue, Codec
from .errors import error_data
from .interp import Interpreter, Scope

SHUTDOWN = 3

# Settings a session leaves out keep Django's defaults (DEFAULT_AUTO_FIELD unset: AutoField and
# check models.W042, as in Django).
SETTING_DEFAULTS = {}


def builtin_signals():
    from django.contrib.auth import signals as auth_signals
    from django.core import signals as core_signals
    from django.db.models import signals as model_signals

    out = {}
    for name in ("pre_init", "post_init", "pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed",
                 "class_prepared", "pre_migrate", "post_migrate"):
        out[name] = getattr(model_signals, name)
    for name in ("request_started", "request_finished", "got_request_exception", "setting_changed"):
        out[name] = getattr(core_signals, name)
    for name in ("user_logged_in", "user_logged_out", "user_login_failed"):
        out[name] = getattr(auth_signals, name)
    return out


def _identifier(name):
    out = re.sub(r"\W", "_", name)
    return out if out and not out[0].isdigit() else f"r_{out}"


class AdapterError(Exception):
    """The request could not be carried out by the adapter (not an exception of Django's)."""

    def __init__(self, kind, message, detail=None):
        super().__init__(message)
        self.kind = kind
        self.detail = detail


class Session:
    def __init__(self, setup):
        self.setup = setup
        self.codec = Codec()
        self.interp = Interpreter(self)
        self.startup = []
        self.events = []
        self.pending_events = []
        self.running = False
        self.receiver_fns = {}
        self.receiver_ids = weakref.WeakKeyDictionary()
        self.signals = builtin_signals()
        self.signal_names = {id(s): n for n, s in self.signals.items()}
        for spec in setup.get("signals") or []:
            signal = Signal(use_caching=bool(spec.get("use_caching", False)))
            self.signals[spec["name"]] = signal
            self.signal_names[id(signal)] = spec["name"]
        self.receiver_specs = {r["id"]: r for r in setup.get("receivers") or []}
        self.schema = None
        self.schema_reusable = False
        self.schema_dirty = False
        self.tables_ready = False
        self.server = None
        self.extras = {}
        self._workdir = None
        self.packages = []
        self.materialized = False
        self.last_queries = 0

    def workdir_path(self):
        """The session's folder (app packages, migration files); created on first use."""
        if self._workdir is None:
            import tempfile

            self._workdir = os.path.join(tempfile.gettempdir(), f"djspec-session-{os.getpid()}")
        return self._workdir

    def materialize(self):
        """Creates the app packages' folders and `migrations` packages (needed by migration
        commands only, so sessions that never migrate skip the disk)."""
        if self.materialized:
            return
        import shutil

        shutil.rmtree(self.workdir_path(), ignore_errors=True)
        for package in self.packages:
            os.makedirs(package, exist_ok=True)
            open(os.path.join(package, "__init__.py"), "a").close()
        self.materialized = True

    # Start-up ---------------------------------------------------------------------------------

    def apply_settings(self):
        values = dict(SETTING_DEFAULTS)
        values.update(self.setup.get("settings") or {})
        for name, value in values.items():
            setattr(settings, name, value)
        if boot.DB_KIND == "postgres":
            self.schema, self.schema_reusable = db.choose_schema(self.setup)
        db.configure(self.schema)

    def before_first_ready(self):
        """Creates the tables once every model is loaded and before any ready() runs."""
        if self.tables_ready:
            return
        self.tables_ready = True
        create = self.setup.get("create_tables") is not False
        if boot.DB_KIND == "postgres":
            db.prepare_postgres(self.schema, self.schema_reusable, create)
        elif create:
            db.create_tables()

    def boot(self):
        self.apply_settings()
        project.register_modules(self.setup, self)
        hooks.STATE.session = self
        entries = [app.get("entry") or app["name"] for app in self.setup.get("apps") or []]
        if os.environ.get("DJSPEC_DJANGO_ADD_CONTENTTYPES") and "django.contrib.auth" in entries and "django.contrib.contenttypes" not in entries:
            # Diagnostic only: lets a setup that lists auth alone start, to check the rest of a case.
            entries.insert(entries.index("django.contrib.auth"), "django.contrib.contenttypes")
        settings.INSTALLED_APPS = entries
        # The built-in apps' models were registered in the parent; a session that does not
        # install an app must not find its models (a FK to "auth.User" stays unresolved).
        for label, name in (("auth", "django.contrib.auth"), ("contenttypes", "django.contrib.contenttypes")):
            if name not in entries:
                apps.all_models.pop(label, None)
        apps.set_installed_apps(entries)
        self.before_first_ready()
        for connection_spec in self.setup.get("connect") or []:
            self.connect(connection_spec)
        if self.setup.get("urls"):
            # The URLconf is imported at start-up, as the checks of runserver/migrate do, so
            # errors it raises (as_view() keywords) are start-up errors.
            import importlib

            importlib.import_module(project.URLCONF)

    def open(self):
        """The reply to `open`: start-up events, or the exception Django raised during start-up."""
        self.running = True
        try:
            self.boot()
        except BadValue as e:
            raise AdapterError("bad_request", f"the session setup cannot be built: {e}") from e
        except Exception as e:  # noqa: BLE001 - Django's start-up error is the observation
            if os.environ.get("DJSPEC_DEBUG"):
                traceback.print_exc()
            return {"ok": False, "error": error_data(e, self.codec), "startup": self.startup, "events": self.take_events()}
        finally:
            self.running = False
        return {"ok": True, "startup": self.startup, "events": self.take_events()}

    def teardown(self):
        try:
            if self.server is not None:
                self.server.server_close()
            if boot.DB_KIND == "postgres" and self.schema and (not self.schema_reusable or self.schema_dirty):
                db.drop_schema(self.schema)
        finally:
            from django.db import connections

            connections.close_all()
            if self.materialized:
                import shutil

                shutil.rmtree(self._workdir, ignore_errors=True)

    # Events -----------------------------------------------------------------------------------

    def record(self, event):
        (self.events if self.running else self.pending_events).append(event)

    def take_events(self):
        events, self.events = self.events, []
        return events

    def drain_pending(self):
        events, self.pending_events = self.pending_events, []
        return events

    # Signals and receivers --------------------------------------------------------------------

    def signal(self, name):
        try:
            return self.signals[name]
        except KeyError:
            raise BadValue(f'unknown signal "{name}" (declare custom signals in the setup\'s "signals")') from None

    def signal_name(self, signal):
        return self.signal_names.get(id(signal), "?")

    def encode_kwargs(self, kwargs):
        out = {}
        for key, value in kwargs.items():
            if key in ("update_fields", "pk_set") and isinstance(value, (set, frozenset)):
                from .codec import sort_values

                out[key] = sort_values([self.codec.encode_lenient(v) for v in value])
            else:
                out[key] = self.codec.encode_lenient(value)
        return out

    def receiver(self, rid):
        """The callable connected for a declared receiver: one function per id (a module-level
        def), a fresh function per call for `kind: lambda`, a fresh bound method of one object
        for `kind: method`."""
        spec = self.receiver_specs.get(rid)
        if spec is None:
            raise BadValue(f'the case connects an undeclared receiver "{rid}"')
        kind = spec.get("kind") or "function"
        if kind == "function" and rid in self.receiver_fns:
            return self.receiver_fns[rid]
        if kind == "method":
            holder = self.receiver_fns.get(rid)
            if holder is None:
                holder = self.receiver_fns[rid] = type(_identifier(rid).capitalize() + "Holder", (), {"receive": self._make_function(rid, spec)})()
            method = holder.receive
            self.receiver_ids[holder.receive.__func__] = rid
            return method
        fn = self._make_function(rid, spec)
        self.receiver_ids[fn] = rid
        if kind == "function":
            self.receiver_fns[rid] = fn
        return fn

    def _make_function(self, rid, spec):
        body = spec.get("do") or []
        session = self

        def call(signal, sender, kwargs):
            event = {"receiver": rid, "signal": session.signal_name(signal), "sender": session.codec.encode_lenient(sender),
                     "kwargs": session.encode_kwargs(kwargs)}
            session.record(event)
            observed = []
            try:
                pk_set = kwargs.get("pk_set") if isinstance(kwargs.get("pk_set"), set) else None
                scope = Scope(args={"sender": sender, "signal": signal, **kwargs}, observed=observed, pk_set=pk_set)
                return session.interp.run(body, scope)
            finally:
                if observed:
                    event["observed"] = observed

        name = _identifier(rid)
        prefix = "async " if spec.get("async") else ""
        if spec.get("kind") == "method":
            params, args = "self, signal=None, sender=None, **kwargs", "signal, sender, kwargs"
        elif spec.get("accepts_kwargs") is False:
            params, args = "sender", "None, sender, {}"
        else:
            params, args = "signal=None, sender=None, **kwargs", "signal, sender, kwargs"
        source = f"{prefix}def {name}({params}):\n    return _call({args})\n"
        namespace = {"_call": call}
        exec(compile(source, f"<receiver {rid}>", "exec"), namespace)  # noqa: S102 - a real signature
        # Popped, so that nothing but the caller holds the function (a lambda must be collectable).
        fn = namespace.pop(name)
        fn.__module__ = "receivers"
        return fn

    def receiver_id(self, fn):
        target = getattr(fn, "__func__", fn)
        rid = self.receiver_ids.get(target)
        if rid is not None:
            return rid
        return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"

    def connect(self, spec):
        fn = self.receiver(spec["receiver"])
        names = spec["signal"] if isinstance(spec["signal"], list) else [spec["signal"]]
        sender = spec["lazy_sender"] if spec.get("lazy_sender") is not None else self.codec.decode_sender(spec.get("sender"))
        kwargs = {"sender": sender, "dispatch_uid": spec.get("dispatch_uid")}
        if "weak" in spec:
            kwargs["weak"] = spec["weak"]
        for name in names:
            self.signal(name).connect(fn, **kwargs)

    def disconnect(self, spec):
        fn = self.receiver(spec["receiver"]) if spec.get("receiver") is not None else None
        return self.signal(spec["signal"]).disconnect(fn, sender=self.codec.decode_sender(spec.get("sender")), dispatch_uid=spec.get("dispatch_uid"))

    # Commands ---------------------------------------------------------------------------------

    def run(self, command):
        from . import commands

        if not isinstance(command, dict) or not isinstance(command.get("op"), str):
            raise AdapterError("bad_request", 'a command is an object with an "op"')
        handler = commands.HANDLERS.get(command["op"])
        if handler is None:
            raise AdapterError("unsupported", f'the django adapter has no command "{command["op"]}"')
        self.running = True
        self.events = []
        counting = command["op"] != "captured_queries"
        if counting:
            # Every statement is logged, as CaptureQueriesContext does, for captured_queries.
            connection.force_debug_cursor = True
            connection.queries_log.clear()
        try:
            try:
                value = handler(self, command)
            except (BadValue, AdapterError):
                raise
            except KeyError as e:
                if isinstance(e, commands.MissingArgument):
                    raise AdapterError("bad_request", str(e)) from e
                return {"ok": False, "error": error_data(e, self.codec), "events": self.take_events()}
            except SystemExit as e:
                # A management command that exits (makemigrations --noinput without a default).
                error = {"type": "SystemExit", "isa": [], "message": getattr(e, "djspec_message", None) or str(e.code), "code": e.code}
                return {"ok": False, "error": error, "events": self.take_events()}
            except Exception as e:  # noqa: BLE001 - Django's exception is the observation
                if os.environ.get("DJSPEC_DEBUG"):
                    traceback.print_exc()
                return {"ok": False, "error": error_data(e, self.codec), "events": self.take_events()}
            try:
                encoded = self.codec.encode(value, querysets_as_lists=True)
            except BadValue as e:
                raise AdapterError("internal", f'the result of "{command["op"]}" cannot be sent: {e}') from e
            return {"ok": True, "value": encoded, "events": self.take_events()}
        except BadValue as e:
            raise AdapterError("bad_request", f'"{command["op"]}": {e}') from e
        finally:
            self.running = False
            if counting:
                self.last_queries = len(connection.queries_log)


def serve(reader, request, sid):
    if os.environ.get("DJSPEC_PROFILE"):
        import cProfile
        prof = cProfile.Profile()
        try:
            return prof.runcall(_serve, reader, request, sid)
        finally:
            prof.dump_stats(os.environ["DJSPEC_PROFILE"])
    return _serve(reader, request, sid)


def _serve(reader, request, sid):
    """Runs one session on the requests the parent passes through `reader`; replies go straight
    to stdout. Returns the exit code."""
    from .__main__ import parse

    params = request.get("params") or {}
    setup = params.get("setup")
    if not isinstance(setup, dict):
        wire.failure(request["id"], "bad_request", 'open needs params.setup (a SessionSetup object)')
        return 0
    session = Session(setup)
    session.reader = reader
    try:
        result = session.open()
    except AdapterError as e:
        wire.failure(request["id"], e.kind, str(e), e.detail)
        session.teardown()
        return 0
    except Exception as e:  # noqa: BLE001
        wire.failure(request["id"], "internal", f"opening the session failed in the adapter: {type(e).__name__}: {e}", traceback.format_exc())
        session.teardown()
        return 0
    if result["ok"]:
        result["session_id"] = sid
    wire.reply(request["id"], result)
    if not result["ok"]:
        session.teardown()
        return 0
    while True:
        line = reader.readline()
        if line is None:
            session.teardown()
            return SHUTDOWN
        req = parse(line)
        if req is None:
            continue
        method, rid = req["method"], req["id"]
        if method == "run":
            try:
                wire.reply(rid, session.run((req.get("params") or {}).get("command")))
            except AdapterError as e:
                wire.failure(rid, e.kind, str(e), e.detail)
            except Exception as e:  # noqa: BLE001 - an adapter bug must not end the session silently
                wire.failure(rid, "internal", f"the django adapter failed: {type(e).__name__}: {e}", traceback.format_exc())
        elif method == "close":
            session.teardown()
            wire.reply(rid, None)
            return 0
        else:
            wire.failure(rid, "unsupported", f"no such method in a session: {method}")
