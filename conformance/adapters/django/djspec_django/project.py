"""Builds a session's project as Django would import it: each app is a package with `apps.py`
(its AppConfig, with the declared `ready()` body), `models.py` (real model classes built from
the field declarations) and extra modules of module-level receivers; the URLconf is a module
with `urlpatterns`."""
import datetime
import sys
import uuid

from django.apps import AppConfig
from django.db import models
from django.utils import timezone

from . import hooks
from .codec import BadValue
from .interp import Scope

RELATION_TYPES = {"ForeignKey", "OneToOneField", "ManyToManyField"}
FIELD_OPTIONS = [
    "verbose_name", "help_text", "null", "blank", "unique", "primary_key", "editable", "db_index", "db_column",
    "max_length", "max_digits", "decimal_places", "auto_now", "auto_now_add", "upload_to",
    "related_name", "related_query_name", "through", "symmetrical",
]
URLCONF = "djspec_urls"
CALLABLES_MODULE = "djspec_defaults"


def python_title(s):
    return s.title()


def is_builtin_app(name):
    return name.startswith("django.")


def register_modules(setup, session):
    """Makes the session's apps and URLconf importable (they are imported by Django itself).
    Each app package is also a real directory in the session's temporary folder, holding its
    `migrations` package unless the app declares `migrations: false`."""
    import os

    served, paths = {}, {}
    for app in setup.get("apps") or []:
        name = app["name"]
        if is_builtin_app(name):
            continue
        parts = name.split(".")
        for i in range(1, len(parts)):
            served.setdefault(".".join(parts[:i]), (True, None))
        served[name] = (True, _package_init(app, session) if app.get("init") else None)
        directory = os.path.join(session.workdir_path(), *parts)
        paths[name] = directory
        if app.get("migrations", True) is not False:
            session.packages.append(os.path.join(directory, "migrations"))
        if app.get("configs") or app.get("config", {}) is not None:
            served[f"{name}.apps"] = (False, _apps_module(app, session))
        served[f"{name}.models"] = (False, _models_module(app, session))
        for module_name, module in (app.get("modules") or {}).items():
            served[f"{name}.{module_name}"] = (False, _receivers_module(app, module_name, module, session))
    served[URLCONF] = (False, _urls_module(setup.get("urls") or [], session))
    hooks.FINDER.modules = served
    hooks.FINDER.paths = paths
    for name in served:
        sys.modules.pop(name, None)


# apps.py -------------------------------------------------------------------------------------

def _package_init(app, session):
    import types

    def build(module):
        # Imports in the package's own code are relative to the package, as in ready().
        session.interp.run(app["init"], Scope(app=types.SimpleNamespace(name=app["name"])))

    return build


def app_label(app):
    configs = app.get("configs") or [app.get("config") or {}]
    return configs[0].get("label") or app["name"].rpartition(".")[2]


def _apps_module(app, session):
    def build(module):
        for config in app.get("configs") or [app.get("config") or {}]:
            cls = _config_class(app, config, module, session)
            setattr(module, cls.__name__, cls)

    return build


def _config_class(app, config, module, session):
    label = config.get("label") or app["name"].rpartition(".")[2]
    attrs = {"name": config.get("name", app["name"]), "__module__": module.__name__}
    for key in ("label", "verbose_name", "default_auto_field", "default"):
        if key in config:
            attrs[key] = config[key]
    body = config.get("ready")

    def ready(self):
        hooks.announce_ready(self)
        if body:
            session.interp.run(body, Scope(app=self, has_self=True, self_obj=self))

    attrs["ready"] = ready
    class_name = config.get("class_name") or python_title(label).replace("_", "") + "Config"
    return type(class_name, (AppConfig,), attrs)


# receivers modules -----------------------------------------------------------------------------

def _receivers_module(app, module_name, spec, session):
    def build(module):
        import importlib

        label = app_label(app)
        session.startup.append({"event": "module_imported", "app": label, "module": module.__name__})
        # A receivers module that names model classes imports them first (`from .models import
        # Post`), so it fails as Django does when the registry is not ready.
        names = {app_label(a): a["name"] for a in session.setup.get("apps") or [] if not is_builtin_app(a["name"])}
        for connection in spec.get("connect") or []:
            sender = connection.get("sender")
            if isinstance(sender, dict) and isinstance(sender.get("$model"), str):
                target = names.get(sender["$model"].partition(".")[0])
                if target:
                    importlib.import_module(f"{target}.models")
        for connection in spec.get("connect") or []:
            session.connect(connection)

    return build


# models.py -----------------------------------------------------------------------------------

def _models_module(app, session):
    def build(module):
        for spec in app.get("models") or []:
            model = build_model(spec, module.__name__, session)
            setattr(module, spec["name"], model)

    return build


def reload_models(app, session):
    """Replaces the models of an installed app with new definitions, as editing its models.py
    and restarting would (the tables are not touched)."""
    from django.apps import apps

    config = next((c for c in apps.get_app_configs() if c.name == app["name"]), None)
    if config is None:
        raise LookupError(f"No installed app with name '{app['name']}'.")
    module = sys.modules.get(f"{app['name']}.models")
    for name in list(config.models):
        old = config.models.pop(name)
        if module is not None and getattr(module, old.__name__, None) is old:
            delattr(module, old.__name__)
    apps.clear_cache()
    for spec in app.get("models") or []:
        model = build_model(spec, f"{app['name']}.models", session)
        if module is not None:
            setattr(module, spec["name"], model)
    apps.clear_cache()
    config.models_module = module


def callable_default(name, field_name):
    if name == "uuid4":
        return uuid.uuid4
    if name == "now":
        return timezone.now
    if name == "today":
        return datetime.date.today
    if name == "list":
        return list
    if name == "dict":
        return dict
    if name == "counter":
        state = {"n": 0}

        def counter():
            state["n"] += 1
            return state["n"]

        # Importable by name, so migration files can refer to it (as to a function in models.py).
        import types

        module = sys.modules.get(CALLABLES_MODULE)
        if module is None:
            module = sys.modules[CALLABLES_MODULE] = types.ModuleType(CALLABLES_MODULE)
        base = f"counter_{field_name}" if field_name.isidentifier() else "counter"
        fn_name, n = base, 1
        while hasattr(module, fn_name):
            n += 1
            fn_name = f"{base}_{n}"
        counter.__name__ = counter.__qualname__ = fn_name
        counter.__module__ = CALLABLES_MODULE
        setattr(module, fn_name, counter)
        return counter
    raise BadValue(f"unknown callable {name!r}")


def on_delete_of(value, session):
    if isinstance(value, str):
        if value not in ("CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "DO_NOTHING"):
            raise BadValue(f"unknown on_delete {value!r}")
        return getattr(models, value)
    if isinstance(value, dict) and "SET" in value:
        return models.SET(session.codec.decode(value["SET"]))
    if isinstance(value, dict) and "SET_CALLABLE" in value:
        return models.SET(callable_default(value["SET_CALLABLE"], "on_delete"))
    raise BadValue(f"bad on_delete {value!r}")


def build_field(spec, session):
    kind = spec["type"]
    cls = getattr(models, kind, None)
    if not isinstance(cls, type) or not issubclass(cls, models.Field):
        raise BadValue(f"unknown field type {kind!r}")
    kwargs = {k: spec[k] for k in FIELD_OPTIONS if k in spec}
    if "default" in spec:
        d = spec["default"]
        if isinstance(d, dict) and set(d) == {"$callable"}:
            kwargs["default"] = callable_default(d["$callable"], spec["name"])
        else:
            kwargs["default"] = session.codec.decode(d)
    if "db_default" in spec:
        kwargs["db_default"] = session.codec.decode(spec["db_default"])
    if "choices" in spec:
        kwargs["choices"] = [(session.codec.decode(v), label) for v, label in spec["choices"]]
    if "on_delete" in spec:
        kwargs["on_delete"] = on_delete_of(spec["on_delete"], session)
    args = [spec["to"]] if "to" in spec else []
    return cls(*args, **kwargs)


def _str_method(template):
    import re

    pattern = re.compile(r"\{\{|\}\}|\{([^{}]+)\}")

    def __str__(self):
        out, last = [], 0
        for m in pattern.finditer(template):
            out.append(template[last:m.start()])
            last = m.end()
            if m.group(0) == "{{":
                out.append("{")
            elif m.group(0) == "}}":
                out.append("}")
            else:
                value = self
                for name in m.group(1).split("."):
                    value = getattr(value, name)
                out.append(str(value))
        out.append(template[last:])
        return "".join(out)

    return __str__


def build_model(spec, module_name, session):
    attrs = {"__module__": module_name}
    meta = dict(spec.get("meta") or {})
    if "unique_together" in meta:
        meta["unique_together"] = tuple(tuple(x) for x in meta["unique_together"])
    if meta:
        attrs["Meta"] = type("Meta", (), meta)
    for field in spec.get("fields") or []:
        attrs[field["name"]] = build_field(field, session)
    if "str" in spec:
        attrs["__str__"] = _str_method(spec["str"])
    if "absolute_url" in spec:
        attrs["get_absolute_url"] = _absolute_url(spec["absolute_url"], session)
    holder = []
    if "save_override" in spec:
        attrs["save"] = _save_override(spec["save_override"], holder, session)
    if "delete_override" in spec:
        attrs["delete"] = _delete_override(spec["delete_override"], holder, session)
    for method in spec.get("methods") or []:
        attrs[method["name"]] = _method(method, session)
    model = type(spec["name"], (_base_model(spec.get("base"), module_name),), attrs)
    holder.append(model)
    return model


def _base_model(base, module_name):
    """`class Proxy(Base)`: a label (`auth.User`) or a model defined earlier in the same module."""
    if not base:
        return models.Model
    from django.apps import apps

    if "." in base:
        label, _, name = base.partition(".")
        found = apps.all_models.get(label, {}).get(name.lower())
    else:
        found = getattr(sys.modules.get(module_name), base, None)
    if not (isinstance(found, type) and issubclass(found, models.Model)):
        raise LookupError(f"base model {base!r} is not defined (declare it before the models that inherit from it)")
    return found


def _absolute_url(spec, session):
    def get_absolute_url(self):
        from django.urls import reverse

        scope = Scope(self_obj=self)
        args = [session.interp.expr(e, scope) for e in spec.get("args") or []]
        kwargs = session.interp.expr_map(spec.get("kwargs") or {}, scope)
        return reverse(spec["route"], args=args or None, kwargs=kwargs or None)

    return get_absolute_url


def _save_override(spec, holder, session):
    before, after = spec.get("before") or [], spec.get("after") or []
    call_super = spec.get("call_super", True)

    def save(self, *args, **kwargs):
        scope = Scope(self_obj=self, args=dict(kwargs))
        session.interp.block(before, scope)
        if call_super:
            super(holder[0], self).save(*args, **kwargs)
        session.interp.block(after, scope)

    return save


def _delete_override(spec, holder, session):
    before, after = spec.get("before") or [], spec.get("after") or []
    call_super = spec.get("call_super", True)

    def delete(self, *args, **kwargs):
        scope = Scope(self_obj=self, args=dict(kwargs))
        session.interp.block(before, scope)
        result = super(holder[0], self).delete(*args, **kwargs) if call_super else None
        session.interp.block(after, scope)
        return result

    return delete


def _method(spec, session):
    import keyword

    params = list(spec.get("params") or [])
    for p in params:
        if not p.isidentifier() or keyword.iskeyword(p) or p == "self":
            raise BadValue(f"method parameter {p!r} is not a Python identifier")
    name = spec["name"]
    source = f"def {name}(self{''.join(', ' + p for p in params)}):\n    return _run(self, {{{', '.join(repr(p) + ': ' + p for p in params)}}})\n"
    body = spec.get("body") or []

    def _run(self, args):
        return session.interp.run(body, Scope(self_obj=self, args=args))

    namespace = {"_run": _run}
    exec(compile(source, f"<method {name}>", "exec"), namespace)  # noqa: S102 - a signature Python checks
    return namespace[name]


# the URLconf ---------------------------------------------------------------------------------

def _urls_module(routes, session):
    def build(module):
        from django.urls import path

        patterns = []
        for i, route in enumerate(routes):
            view = route["view"]
            view_name = route.get("name") or f"view_{i}"
            if "function" in view:
                fn = _function_view(view["function"], view.get("name") or view_name, session)
            else:
                fn = _class_view(view["class"], view_name, session, route.get("initkwargs") or {})
            kwargs = {"name": route["name"]} if route.get("name") else {}
            patterns.append(path(route["path"], fn, **kwargs))
        module.urlpatterns = patterns

    return build


def _identifier(name):
    import re

    out = re.sub(r"\W", "_", name)
    return out if out and not out[0].isdigit() else f"v_{out}"


def _function_view(body, name, session):
    def view(request, *args, **kwargs):
        return session.interp.run(body, Scope(args=dict(kwargs), request=request))

    view.__name__ = view.__qualname__ = _identifier(name)
    view.__module__ = URLCONF
    return view


def _class_view(spec, name, session, initkwargs):
    from django.views import View

    def handler_for(body, is_async):
        if is_async:
            async def handler(self, request, *args, **kwargs):
                return session.interp.run(body, Scope(args=dict(kwargs), request=request, self_obj=self))
        else:
            def handler(self, request, *args, **kwargs):
                return session.interp.run(body, Scope(args=dict(kwargs), request=request, self_obj=self))

        return handler

    attrs = {"__module__": URLCONF}
    for key, value in (spec.get("attrs") or {}).items():
        attrs[key] = session.codec.decode(value)
    asynchronous = set(spec.get("async") or [])
    for method, body in spec["handlers"].items():
        attrs[method] = handler_for(body, method in asynchronous)
    if "http_method_names" in spec:
        attrs["http_method_names"] = list(spec["http_method_names"])
    class_name = spec.get("name") or "".join(part.capitalize() for part in _identifier(name).split("_")) + "View"
    cls = type(class_name, (View,), attrs)
    cls.__qualname__ = class_name
    return cls.as_view(**{k: session.codec.decode(v) for k, v in initkwargs.items()})
