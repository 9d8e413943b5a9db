"""Runs the contract's declarative bodies (receivers, ready(), views, model methods, save()
overrides) as the Python they stand for, on real Python and Django objects."""
import builtins
import importlib
import json
import operator
from collections.abc import Mapping

from django.db import models

from .codec import BadValue, get_model

EXPR_TAGS = {
    "$arg", "$self", "$var", "$get", "$op", "$call", "$str", "$format", "$slugify", "$reverse", "$request",
    "$values", "$count", "$exists", "$HttpResponse", "$JsonResponse", "$apps", "$get_model",
    "$dict", "$list", "$HttpResponseNotAllowed", "$get_object_or_404",
}

_BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
    "%": operator.mod, "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge, "in": lambda a, b: a in b,
}


def is_expr(v):
    return isinstance(v, dict) and any(k in EXPR_TAGS for k in v)


class Return(Exception):
    def __init__(self, value):
        super().__init__()
        self.value = value


class Scope:
    def __init__(self, args=None, self_obj=None, has_self=False, observed=None, pk_set=None, app=None, request=None):
        self.args = args if args is not None else {}
        self.self_obj = self_obj
        self.has_self = has_self or self_obj is not None
        self.vars = {}
        self.observed = observed
        self.pk_set = pk_set
        self.app = app
        self.request = request


def exception_class(name):
    """The exception class a `raise` action names: Python's, Django's, or a new one of that name."""
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, BaseException):
        return cls
    import django.core.exceptions as core
    import django.db as db
    import django.http as http
    import django.urls as urls

    for module in (core, db, http, urls):
        cls = getattr(module, name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            return cls
    return type(name, (Exception,), {"__module__": "djspec_user_code"})


class Interpreter:
    def __init__(self, session):
        self.session = session
        self.codec = session.codec

    def run(self, body, scope):
        """Runs a body; returns what it `return`s (None when it returns nothing)."""
        try:
            self.block(body or [], scope)
        except Return as r:
            return r.value
        return None

    def block(self, body, scope):
        for action in body:
            self.action(action, scope)

    def action(self, a, scope):
        if not isinstance(a, dict):
            raise BadValue(f"an action is an object, got {a!r}")
        if "return" in a:
            raise Return(self.expr(a["return"], scope))
        if "raise" in a:
            spec = a["raise"]
            raise exception_class(spec["type"])(spec.get("message", ""))
        if "create" in a:
            spec = a["create"]
            created = get_model(spec["model"])._default_manager.create(**self.expr_map(spec.get("values") or {}, scope))
            if a.get("as"):
                scope.vars[a["as"]] = created
            return
        if "save" in a:
            target = self.expr(a["save"], scope)
            if "update_fields" in a:
                target.save(update_fields=a["update_fields"])
            else:
                target.save()
            return
        if "set" in a:
            target = self.expr(a["set"], scope)
            for name, e in a["values"].items():
                setattr(target, name, self.expr(e, scope))
            return
        if "delete" in a:
            self.expr(a["delete"], scope).delete()
            return
        if "let" in a:
            scope.vars[a["let"]] = self.expr(a["be"], scope)
            return
        if "record" in a:
            if scope.observed is not None:
                scope.observed.append(self.codec.encode(self.expr(a["record"], scope)))
            else:
                self.expr(a["record"], scope)
            return
        if "connect" in a:
            self.session.connect(a["connect"])
            return
        if "disconnect" in a:
            self.session.disconnect(a["disconnect"])
            return
        if "send" in a:
            spec = a["send"]
            sender = self.expr(spec["sender"], scope) if "sender" in spec else None
            if isinstance(sender, str) and not is_expr(spec.get("sender")):
                sender = self.codec.sender(sender)
            kwargs = self.expr_map(spec.get("kwargs") or {}, scope)
            signal = self.session.signal(spec["signal"])
            (signal.send_robust if a.get("robust") else signal.send)(sender, **kwargs)
            return
        if "import" in a:
            module = a["import"]
            importlib.import_module(f"{scope.app.name}.{module}" if scope.app is not None else module)
            return
        if "if" in a:
            self.block(a["then"] if self.expr(a["if"], scope) else a.get("else") or [], scope)
            return
        if "pk_set_discard" in a:
            for e in a["pk_set_discard"]:
                if scope.pk_set is not None:
                    scope.pk_set.discard(self.expr(e, scope))
            return
        if "eval" in a:
            self.expr(a["eval"], scope)
            return
        raise BadValue(f"unknown action {sorted(a)}")

    def expr_map(self, m, scope):
        return {k: self.expr(e, scope) for k, e in m.items()}

    def expr(self, e, scope):
        if not is_expr(e):
            if isinstance(e, list):
                return [self.expr(x, scope) for x in e]
            if isinstance(e, dict) and not (len(e) == 1 and next(iter(e)).startswith("$")):
                return {k: self.expr(x, scope) for k, x in e.items()}
            return self.codec.decode(e)
        if "$arg" in e:
            name = e["$arg"]
            if name not in scope.args:
                raise KeyError(name)
            return scope.args[name]
        if "$self" in e:
            if not scope.has_self:
                raise NameError("name 'self' is not defined")
            return scope.self_obj
        if "$var" in e:
            name = e["$var"]
            if name not in scope.vars:
                raise NameError(f"name '{name}' is not defined")
            return scope.vars[name]
        if "$get" in e:
            base, *path = e["$get"]
            value = self.expr(base, scope)
            for name in path:
                value = attribute(value, name)
            return value
        if "$op" in e:
            op, args = e["$op"], e.get("args", [])
            if op == "and":
                left = self.expr(args[0], scope)
                return left if not left else self.expr(args[1], scope)
            if op == "or":
                left = self.expr(args[0], scope)
                return left if left else self.expr(args[1], scope)
            values = [self.expr(x, scope) for x in args]
            if op == "not":
                return not values[0]
            if op == "neg":
                return -values[0]
            if op not in _BINARY:
                raise BadValue(f"unknown operator {op!r}")
            return _BINARY[op](values[0], values[1])
        if "$call" in e:
            target, method, *arg_exprs = e["$call"]
            obj = self.expr(target, scope)
            args = [self.expr(x, scope) for x in arg_exprs]
            return getattr(obj, method)(*args)
        if "$str" in e:
            return str(self.expr(e["$str"], scope))
        if "$format" in e:
            import re

            parts = [str(self.expr(x, scope)) for x in e.get("args") or []]
            return re.sub(r"\{(\d+)\}", lambda m: parts[int(m.group(1))] if int(m.group(1)) < len(parts) else "", e["$format"])
        if "$slugify" in e:
            from django.utils.text import slugify

            return slugify(self.expr(e["$slugify"], scope), allow_unicode=bool(e.get("allow_unicode", False)))
        if "$reverse" in e:
            from django.urls import reverse

            spec = e["$reverse"]
            args = [self.expr(x, scope) for x in spec.get("args") or []]
            kwargs = self.expr_map(spec.get("kwargs") or {}, scope)
            return reverse(spec["name"], args=args or None, kwargs=kwargs or None)
        if "$request" in e:
            return request_part(scope.request, e["$request"])
        if "$values" in e:
            spec = e["$values"]
            return list(self.queryset(spec, scope).values(*(spec.get("fields") or [])))
        if "$count" in e:
            return self.queryset(e["$count"], scope).count()
        if "$exists" in e:
            return self.queryset(e["$exists"], scope).exists()
        if "$apps" in e:
            from django.apps import apps

            flag = e["$apps"]
            if flag not in ("apps_ready", "models_ready", "ready"):
                raise BadValue(f"unknown registry flag {flag!r}")
            return getattr(apps, flag)
        if "$get_model" in e:
            from django.apps import apps

            return apps.get_model(self.expr(e["$get_model"], scope))
        if "$HttpResponse" in e:
            from django.http import HttpResponse

            spec = e["$HttpResponse"]
            kwargs = {}
            if "status" in spec:
                kwargs["status"] = self.expr(spec["status"], scope)
            if "content_type" in spec:
                kwargs["content_type"] = spec["content_type"]
            if "charset" in spec:
                kwargs["charset"] = spec["charset"]
            if "headers" in spec:
                kwargs["headers"] = spec["headers"]
            content = self.expr(spec["content"], scope) if "content" in spec else b""
            return HttpResponse(content, **kwargs)
        if "$JsonResponse" in e:
            from django.http import JsonResponse

            spec = e["$JsonResponse"]
            kwargs = {}
            if "safe" in spec:
                kwargs["safe"] = spec["safe"]
            if "status" in spec:
                kwargs["status"] = spec["status"]
            if "content_type" in spec:
                kwargs["content_type"] = spec["content_type"]
            if "json_dumps_params" in spec:
                params = dict(spec["json_dumps_params"])
                if "separators" in params:
                    params["separators"] = tuple(params["separators"])
                kwargs["json_dumps_params"] = params
            return JsonResponse(self.expr(spec["data"], scope), **kwargs)
        if "$dict" in e:
            return {k: self.expr(x, scope) for k, x in e["$dict"].items()}
        if "$list" in e:
            return [self.expr(x, scope) for x in e["$list"]]
        if "$HttpResponseNotAllowed" in e:
            from django.http import HttpResponseNotAllowed

            return HttpResponseNotAllowed(e["$HttpResponseNotAllowed"]["permitted"])
        if "$get_object_or_404" in e:
            from django.shortcuts import get_object_or_404

            spec = e["$get_object_or_404"]
            return get_object_or_404(get_model(spec["model"]), **self.expr_map(spec.get("where") or {}, scope))
        raise BadValue(f"unknown expression {sorted(e)}")

    def queryset(self, spec, scope):
        qs = get_model(spec["model"])._default_manager.filter(**self.expr_map(spec.get("where") or {}, scope))
        if spec.get("order_by"):
            qs = qs.order_by(*spec["order_by"])
        return qs


def attribute(value, name):
    if isinstance(value, Mapping) and not isinstance(value, models.Model) and name in value:
        return value[name]
    return getattr(value, name)


def request_part(request, part):
    if request is None:
        raise NameError("name 'request' is not defined")
    if part == "method":
        return request.method
    if part == "path":
        return request.path
    if part == "GET":
        return request.GET
    if part == "POST":
        return request.POST
    if part == "headers":
        return request.headers
    if part == "body":
        return request.body.decode("utf-8", errors="replace")
    if part == "json":
        return json.loads(request.body)
    if part == "content_type":
        return request.content_type
    if part == "user":
        return request.user
    raise BadValue(f"unknown request part {part!r}")
