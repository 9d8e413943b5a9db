"""The contract's commands, each one Django call (`conformance/contract/commands.ts`)."""
import django
from django.apps import apps
from django.core import checks

from . import db
from .codec import BadValue, get_model


class MissingArgument(KeyError):
    def __str__(self):
        return self.args[0]


def arg(command, name):
    if name not in command:
        raise MissingArgument(f'"{command.get("op")}" needs "{name}"')
    return command[name]


def obj(session, command, name="obj"):
    ref = arg(command, name)
    if not isinstance(ref, dict) or "$h" not in ref:
        raise BadValue(f'"{name}" must be a handle such as {{"$h": "h1"}}')
    return session.codec.instance(ref["$h"])


def values(session, command, name="values"):
    raw = command.get(name) or {}
    if not isinstance(raw, dict):
        raise BadValue(f'"{name}" must be an object')
    return {k: session.codec.decode(v) for k, v in raw.items()}


def model(command):
    return get_model(arg(command, "model"))


def queryset(session, command):
    qs = model(command)._default_manager.filter(**values(session, command, "where"))
    if command.get("exclude"):
        qs = qs.exclude(**values(session, command, "exclude"))
    if command.get("order_by"):
        qs = qs.order_by(*command["order_by"])
    return qs


HANDLERS = {}


def command(name):
    def register(fn):
        HANDLERS[name] = fn
        return fn

    return register


# Models and fields -----------------------------------------------------------------------------

@command("new")
def _new(s, c):
    return model(c)(**values(s, c))


@command("create")
def _create(s, c):
    return model(c)._default_manager.create(**values(s, c))


@command("assign")
def _assign(s, c):
    instance = obj(s, c)
    for name, value in values(s, c).items():
        setattr(instance, name, value)
    return instance


@command("save")
def _save(s, c):
    instance = obj(s, c)
    kwargs = {k: c[k] for k in ("update_fields", "force_insert", "force_update") if k in c}
    if c.get("raw"):
        # What fixture loading does (DeserializedObject.save()).
        instance.save_base(raw=True, **{k: v for k, v in kwargs.items() if k == "update_fields"})
    else:
        instance.save(**kwargs)
    return instance


@command("read")
def _read(s, c):
    value = obj(s, c)
    from .interp import attribute

    for name in arg(c, "attr").split("."):
        value = attribute(value, name)
    return value


@command("get")
def _get(s, c):
    return model(c)._default_manager.get(**values(s, c, "where"))


@command("filter")
def _filter(s, c):
    return list(queryset(s, c))


@command("values")
def _values(s, c):
    qs = model(c)._default_manager.filter(**values(s, c, "where"))
    if c.get("order_by"):
        qs = qs.order_by(*c["order_by"])
    return list(qs.values(*(c.get("fields") or [])))


@command("count")
def _count(s, c):
    return model(c)._default_manager.filter(**values(s, c, "where")).count()


@command("update")
def _update(s, c):
    return model(c)._default_manager.filter(**values(s, c, "where")).update(**values(s, c))


@command("bulk_create")
def _bulk_create(s, c):
    m = model(c)
    rows = arg(c, "rows")
    return m._default_manager.bulk_create([m(**{k: s.codec.decode(v) for k, v in row.items()}) for row in rows])


@command("full_clean")
def _full_clean(s, c):
    kwargs = {}
    if "exclude" in c:
        kwargs["exclude"] = c["exclude"]
    if "validate_unique" in c:
        kwargs["validate_unique"] = c["validate_unique"]
    obj(s, c).full_clean(**kwargs)
    return None


@command("delete")
def _delete(s, c):
    if c.get("obj") is not None:
        total, per_model = obj(s, c).delete()
    elif c.get("model") is not None:
        qs = model(c)._default_manager.filter(**values(s, c, "where"))
        if c.get("limit") is not None:
            qs = qs[: c["limit"]]
        if c.get("values") is not None:
            qs = qs.values(*c["values"])
        total, per_model = qs.delete()
    else:
        raise BadValue('"delete" needs "obj" or "model"')
    return [total, dict(per_model)]


@command("refresh")
def _refresh(s, c):
    instance = obj(s, c)
    instance.refresh_from_db()
    return instance


@command("str")
def _str(s, c):
    return str(obj(s, c))


@command("repr")
def _repr(s, c):
    return repr(obj(s, c))


@command("equals")
def _equals(s, c):
    return obj(s, c, "a") == obj(s, c, "b")


@command("call")
def _call(s, c):
    args = [s.codec.decode(a) for a in c.get("args") or []]
    return getattr(obj(s, c), arg(c, "method"))(*args)


def _field_meta(f):
    related = getattr(f, "related_model", None)
    return {
        "name": f.name,
        "attname": getattr(f, "attname", f.name),
        "column": f.column if getattr(f, "concrete", False) else None,
        "type": type(f).__name__,
        "primary_key": bool(f.primary_key),
        "auto_created": bool(f.auto_created),
        "null": bool(f.null),
        "blank": bool(f.blank),
        "unique": bool(f.unique),
        "editable": bool(f.editable),
        "max_length": f.max_length,
        "verbose_name": str(f.verbose_name),
        "help_text": str(f.help_text),
        "related_model": related._meta.label if isinstance(related, type) else (related if isinstance(related, str) else None),
    }


@command("meta")
def _meta(s, c):
    opts = model(c)._meta
    accessors = []
    for rel in opts.related_objects:
        name = rel.get_accessor_name()
        if name:
            accessors.append(name)
    return {
        "label": opts.label,
        "object_name": opts.object_name,
        "db_table": opts.db_table,
        "verbose_name": str(opts.verbose_name),
        "verbose_name_plural": str(opts.verbose_name_plural),
        "pk": opts.pk.name,
        "fields": [_field_meta(f) for f in list(opts.fields) + list(opts.many_to_many)],
        "related_accessors": accessors,
    }


LEVELS = {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL"}


def check_messages(messages):
    from django.db import models

    out = []
    for m in messages:
        entry = {"id": m.id, "level": LEVELS.get(m.level, "ERROR"), "msg": m.msg}
        if m.obj is not None:
            entry["obj"] = m.obj._meta.label if isinstance(m.obj, type) and issubclass(m.obj, models.Model) else str(m.obj)
        out.append(entry)
    return out


def case_app_configs():
    return [a for a in apps.get_app_configs() if not a.name.startswith("django.")]


@command("check")
def _check(s, c):
    return check_messages(checks.run_checks(app_configs=case_app_configs(), include_deployment_checks=False))


@command("captured_queries")
def _captured_queries(s, c):
    return s.last_queries


@command("reset")
def _reset(s, c):
    db.wipe()
    s.codec.forget()
    return None


# Relations ------------------------------------------------------------------------------------

@command("related")
def _related(s, c):
    manager = getattr(obj(s, c), arg(c, "attr"))
    method = getattr(manager, arg(c, "method"))
    args = [s.codec.decode(a) for a in c.get("args") or []]
    return method(*args, **values(s, c, "kwargs"))


# Signals and apps -----------------------------------------------------------------------------

@command("connect")
def _connect(s, c):
    s.connect(c)
    return None


@command("disconnect")
def _disconnect(s, c):
    return s.disconnect(c)


def _send(s, c, robust):
    signal = s.signal(arg(c, "signal"))
    sender = s.codec.decode_sender(c.get("sender"))
    responses = (signal.send_robust if robust else signal.send)(sender, **values(s, c, "kwargs"))
    return [[s.receiver_id(fn), response] for fn, response in responses]


@command("send")
def _send_cmd(s, c):
    return _send(s, c, False)


@command("send_robust")
def _send_robust(s, c):
    return _send(s, c, True)


@command("has_listeners")
def _has_listeners(s, c):
    return s.signal(arg(c, "signal")).has_listeners(s.codec.decode_sender(c.get("sender")))


@command("import")
def _import(s, c):
    import importlib

    importlib.import_module(arg(c, "module"))
    return None


def app_info(config):
    return {
        "name": config.name,
        "label": config.label,
        "verbose_name": str(config.verbose_name),
        "default_auto_field": config.default_auto_field,
        "class_name": type(config).__name__,
        "models": [m._meta.object_name for m in config.get_models()],
    }


@command("get_app_configs")
def _get_app_configs(s, c):
    return [app_info(a) for a in apps.get_app_configs()]


@command("get_app_config")
def _get_app_config(s, c):
    return app_info(apps.get_app_config(arg(c, "label")))


@command("get_model")
def _get_model(s, c):
    if c.get("model_name") is not None:
        return apps.get_model(arg(c, "app_label"), c["model_name"])
    return apps.get_model(arg(c, "app_label"))


@command("is_installed")
def _is_installed(s, c):
    return apps.is_installed(arg(c, "name"))


@command("setup")
def _setup(s, c):
    django.setup()
    return None


# Auth -----------------------------------------------------------------------------------------

def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def _user_args(s, c):
    return (s.codec.decode(arg(c, "username")), s.codec.decode(c.get("email")), s.codec.decode(c.get("password"))), values(s, c, "extra")


@command("create_user")
def _create_user(s, c):
    args, extra = _user_args(s, c)
    return _user_model()._default_manager.create_user(*args, **extra)


@command("create_superuser")
def _create_superuser(s, c):
    args, extra = _user_args(s, c)
    return _user_model()._default_manager.create_superuser(*args, **extra)


@command("check_password")
def _check_password(s, c):
    return obj(s, c).check_password(s.codec.decode(arg(c, "raw")))


@command("set_password")
def _set_password(s, c):
    obj(s, c).set_password(s.codec.decode(arg(c, "raw")))
    return None


@command("has_usable_password")
def _has_usable_password(s, c):
    return obj(s, c).has_usable_password()


@command("make_password")
def _make_password(s, c):
    from django.contrib.auth.hashers import get_hasher, make_password

    raw = s.codec.decode(arg(c, "raw"))
    if c.get("iterations") is None:
        return make_password(raw, c.get("salt"))
    hasher = get_hasher("default")
    if raw is None:
        return make_password(None)
    salt = c.get("salt") or hasher.salt()
    return hasher.encode(raw, salt, iterations=c["iterations"])


@command("verify_password")
def _verify_password(s, c):
    from django.contrib.auth.hashers import check_password

    return check_password(s.codec.decode(arg(c, "raw")), s.codec.decode(arg(c, "encoded")))


@command("normalize_email")
def _normalize_email(s, c):
    from django.contrib.auth.base_user import BaseUserManager

    return BaseUserManager.normalize_email(s.codec.decode(arg(c, "email")))


@command("authenticate")
def _authenticate(s, c):
    from django.contrib.auth import authenticate

    return authenticate(None, **values(s, c, "credentials"))


def _fresh_request(user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = user if user is not None else AnonymousUser()
    return request


@command("login")
def _login(s, c):
    from django.contrib.auth import login

    user = obj(s, c, "user")
    login(_fresh_request(), user)
    return None


@command("logout")
def _logout(s, c):
    from django.contrib.auth import logout

    user = obj(s, c, "user") if c.get("user") is not None else None
    logout(_fresh_request(user))
    return None


from . import web  # noqa: E402,F401  (registers the HTTP and URL commands)
from . import migrations  # noqa: E402,F401  (registers the migration commands)
