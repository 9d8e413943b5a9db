"""Contract values <-> Python values, with the session's handles (`h1`, `h2`...) for instances."""
import base64
import datetime
import decimal
import math
import uuid

from django.apps import apps
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils.duration import duration_iso_string
from django.utils.dateparse import parse_duration

MAX_SAFE = 2**53 - 1


class BadValue(Exception):
    """A value the contract cannot carry (or that a case sent in a wrong shape)."""


class SenderToken:
    """An opaque sender object named by a string in the contract (same name, same object)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<sender {self.name}>"


def model_label(model):
    return model._meta.label


def get_model(label):
    if not isinstance(label, str) or "." not in label:
        raise BadValue(f"a model label such as 'blog.Post' was expected, got {label!r}")
    return apps.get_model(label)


def _sort_key(encoded):
    import json

    if isinstance(encoded, bool) or not isinstance(encoded, (int, float)):
        return (1, 0, json.dumps(encoded, sort_keys=True))
    return (0, encoded, "")


def sort_values(encoded_list):
    return sorted(encoded_list, key=_sort_key)


class Codec:
    def __init__(self):
        self.by_handle = {}
        self.handle_of = {}
        self.counter = 0
        self.senders = {}

    def forget(self):
        self.by_handle.clear()
        self.handle_of.clear()
        self.counter = 0

    def handle(self, obj):
        h = self.handle_of.get(id(obj))
        if h is None or self.by_handle.get(h) is not obj:
            self.counter += 1
            h = f"h{self.counter}"
            self.by_handle[h] = obj
            self.handle_of[id(obj)] = h
        return h

    def instance(self, h):
        try:
            return self.by_handle[h]
        except KeyError:
            raise BadValue(f'unknown handle "{h}" (handles belong to one session and are forgotten by reset)') from None

    def sender(self, name):
        token = self.senders.get(name)
        if token is None:
            token = self.senders[name] = SenderToken(name)
        return token

    # Decoding -----------------------------------------------------------------------------

    def decode(self, v):
        if v is None or isinstance(v, (bool, str, int, float)):
            return v
        if isinstance(v, list):
            return [self.decode(x) for x in v]
        if not isinstance(v, dict):
            raise BadValue(f"not a contract value: {v!r}")
        if len(v) == 1:
            (tag, body), = v.items()
            if tag.startswith("$"):
                return self.decode_tag(tag, body)
        return {k: self.decode(x) for k, x in v.items()}

    def decode_tag(self, tag, body):
        try:
            if tag == "$h":
                return self.instance(body)
            if tag == "$int":
                return int(body)
            if tag == "$decimal":
                return decimal.Decimal(body)
            if tag == "$float":
                return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[body]
            if tag == "$date":
                return datetime.date.fromisoformat(body)
            if tag == "$datetime":
                return datetime.datetime.fromisoformat(body)
            if tag == "$time":
                return datetime.time.fromisoformat(body)
            if tag == "$duration":
                d = parse_duration(body)
                if d is None:
                    raise BadValue(f"not a duration: {body!r}")
                return d
            if tag == "$uuid":
                return uuid.UUID(body)
            if tag == "$bytes":
                return base64.b64decode(body)
            if tag == "$set":
                return {self.decode(x) for x in body}
            if tag == "$model":
                return get_model(body)
            if tag == "$queryset":
                return get_model(body)._default_manager.all()
            if tag == "$class":
                return class_by_name(body, self)
            if tag == "$obj":
                return self.instance(body["h"])
        except BadValue:
            raise
        except (LookupError, ValueError, TypeError) as e:
            raise BadValue(f"bad {tag} value {body!r}: {e}") from None
        raise BadValue(f"unknown tagged value {tag}")

    def decode_sender(self, v):
        if v is None:
            return None
        if isinstance(v, str):
            return self.sender(v)
        return self.decode(v)

    # Encoding -----------------------------------------------------------------------------

    def encode_lenient(self, v):
        """Like encode, but an object the contract cannot carry (a WSGI input stream in a
        request signal's `environ`) becomes `{"$class": <its class name>}` instead of failing."""
        try:
            return self.encode(v)
        except BadValue:
            pass
        if isinstance(v, (list, tuple)):
            return [self.encode_lenient(x) for x in v]
        if isinstance(v, dict):
            return {str(k): self.encode_lenient(x) for k, x in v.items()}
        return {"$class": type(v).__name__}

    def encode(self, v, querysets_as_lists=False):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v if -MAX_SAFE <= v <= MAX_SAFE else {"$int": str(v)}
        if isinstance(v, float):
            if math.isnan(v):
                return {"$float": "nan"}
            if math.isinf(v):
                return {"$float": "inf" if v > 0 else "-inf"}
            return v
        if isinstance(v, decimal.Decimal):
            return {"$decimal": str(v)}
        if isinstance(v, datetime.datetime):
            return {"$datetime": v.isoformat()}
        if isinstance(v, datetime.date):
            return {"$date": v.isoformat()}
        if isinstance(v, datetime.time):
            return {"$time": v.isoformat()}
        if isinstance(v, datetime.timedelta):
            return {"$duration": duration_iso_string(v)}
        if isinstance(v, uuid.UUID):
            return {"$uuid": str(v)}
        if isinstance(v, (bytes, bytearray, memoryview)):
            return {"$bytes": base64.b64encode(bytes(v)).decode("ascii")}
        if isinstance(v, models.Model):
            return self.encode_instance(v)
        if isinstance(v, FieldFile):
            return v.name
        if isinstance(v, SenderToken):
            return v.name
        if isinstance(v, type):
            if issubclass(v, models.Model) and not v._meta.abstract:
                return {"$model": v._meta.label}
            return {"$class": v.__name__}
        if isinstance(v, models.QuerySet):
            if querysets_as_lists:
                return [self.encode(x, True) for x in v]
            return {"$queryset": v.model._meta.label}
        if isinstance(v, models.Manager):
            if querysets_as_lists:
                return [self.encode(x, True) for x in v.all()]
            return {"$queryset": v.model._meta.label}
        if isinstance(v, (set, frozenset)):
            return {"$set": sort_values([self.encode(x, querysets_as_lists) for x in v])}
        if isinstance(v, BaseException):
            from .errors import error_type, error_isa

            return {"$error": {"type": error_type(v), "isa": error_isa(v), "message": str(v)}}
        if isinstance(v, HttpRequest):
            return {"$class": type(v).__name__}
        if isinstance(v, (list, tuple)):
            return [self.encode(x, querysets_as_lists) for x in v]
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if not isinstance(k, str):
                    k = str(k)
                out[k] = self.encode(x, querysets_as_lists)
            return out
        if hasattr(v, "keys") and hasattr(v, "__getitem__"):
            return {str(k): self.encode(v[k], querysets_as_lists) for k in v.keys()}
        raise BadValue(f"cannot encode a {type(v).__module__}.{type(v).__qualname__} as a contract value: {v!r:.200}")

    def encode_instance(self, obj):
        values = {}
        state = obj.__dict__
        for f in obj._meta.concrete_fields:
            if f.attname in state:
                values[f.attname] = self.encode(state[f.attname])
        pk = state.get(obj._meta.pk.attname) if obj._meta.pk else None
        return {"$obj": {"model": obj._meta.label, "pk": self.encode(pk), "h": self.handle(obj), "values": values}}


def class_by_name(name, codec):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import ClientHandler

    known = {"WSGIHandler": WSGIHandler, "ClientHandler": ClientHandler}
    if name in known:
        return known[name]
    if "." in name:
        try:
            return get_model(name)
        except LookupError:
            pass
    return codec.sender(name)
