"""Start-up hooks, installed once in the parent: they report Django's three `populate()` phases
(app modules imported, models modules imported, each `ready()`) to the current session, and
serve the session's apps as importable modules (`users`, `users.apps`, `users.models`...)."""
import importlib.abc
import importlib.machinery
import sys

from django.apps import AppConfig


class _State:
    """What the running session wants to hear from start-up (None in the parent)."""

    session = None


STATE = _State()


def install():
    original_create = AppConfig.create.__func__
    original_import_models = AppConfig.import_models

    def create(cls, entry):
        config = original_create(cls, entry)
        if STATE.session is not None:
            STATE.session.startup.append({"event": "app_imported", "app": config.label})
        return config

    def import_models(self):
        if STATE.session is not None and self.name == "django.contrib.auth" and not any(
            c.name == "django.contrib.contenttypes" for c in self.apps.app_configs.values()
        ):
            # auth.models was imported once in the parent; a fresh process importing it without
            # contenttypes installed fails here, as Django does.
            raise RuntimeError(
                "Model class django.contrib.contenttypes.models.ContentType doesn't declare an explicit "
                "app_label and isn't in an application in INSTALLED_APPS."
            )
        original_import_models(self)
        if STATE.session is not None:
            names = [m._meta.object_name for m in self.models.values() if not m._meta.auto_created]
            STATE.session.startup.append({"event": "models_imported", "app": self.label, "models": names})

    AppConfig.create = classmethod(create)
    AppConfig.import_models = import_models
    wrap_ready(AppConfig)
    from django.contrib.auth.apps import AuthConfig
    from django.contrib.contenttypes.apps import ContentTypesConfig

    wrap_ready(AuthConfig)
    wrap_ready(ContentTypesConfig)
    sys.meta_path.insert(0, FINDER)


def announce_ready(config):
    """Called at the start of every ready(): the first one creates the tables (so ready() bodies
    find them, as in a migrated project), then the call is reported."""
    session = STATE.session
    if session is None:
        return
    session.before_first_ready()
    session.startup.append({"event": "ready", "app": config.label, "models": [m._meta.object_name for m in config.get_models()]})


def wrap_ready(cls):
    original = cls.__dict__.get("ready", AppConfig.ready)

    def ready(self):
        announce_ready(self)
        return original(self)

    ready.__wrapped__ = original
    cls.ready = ready


class SessionFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the session's synthetic modules; `modules` maps a dotted name to a builder."""

    def __init__(self):
        self.modules = {}
        # Packages with a real directory (so Django can write and find migration files there).
        self.paths = {}

    def find_spec(self, fullname, path=None, target=None):
        entry = self.modules.get(fullname)
        if entry is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=entry[0])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        is_package, build = self.modules[module.__name__]
        if is_package:
            module.__path__ = [self.paths.get(module.__name__) or f"/nonexistent/djspec/{module.__name__.replace('.', '/')}"]
        if build is not None:
            build(module)


FINDER = SessionFinder()
