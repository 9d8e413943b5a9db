"""Django's exceptions as contract data: `{type, isa, message, ...}` named after Django's classes."""
from django.apps import apps
from django.core.exceptions import ValidationError

# Bases every exception shares, or that carry no meaning for a case.
_GENERIC = {"object", "BaseException", "Exception", "Error"}


def _name(cls):
    # Python names decimal's signals by module (decimal.DivisionByZero); everything else by class.
    if cls.__module__ == "decimal":
        return f"decimal.{cls.__name__}"
    return cls.__name__


def error_type(e):
    return _name(type(e))


def error_isa(e):
    own = error_type(e)
    out = []
    for cls in type(e).__mro__[1:]:
        name = _name(cls)
        if cls.__name__ in _GENERIC or name == own or name in out:
            continue
        out.append(name)
    return out


def _message(e):
    if isinstance(e, KeyError) and len(e.args) == 1:
        return repr(e.args[0])
    from django.db.models.deletion import ProtectedError, RestrictedError

    if isinstance(e, (ProtectedError, RestrictedError)) and e.args:
        # Raised as (message, objects): the message is what Django's text says.
        return str(e.args[0])
    return str(e)


def _validation_message(err):
    message = err.message
    if err.params:
        try:
            message = message % err.params
        except (TypeError, KeyError, ValueError):
            pass
    return str(message)


def _model_of_exception(e):
    for model in (m for app_models in list(apps.all_models.values()) for m in list(app_models.values())):
        for attr in ("DoesNotExist", "MultipleObjectsReturned"):
            cls = model.__dict__.get(attr)
            if cls is not None and isinstance(e, cls):
                return model._meta.label
    return None


def error_data(e, codec):
    data = {"type": error_type(e), "isa": error_isa(e), "message": _message(e)}
    if isinstance(e, ValidationError):
        fields = {}
        if hasattr(e, "error_dict"):
            for name, errors in e.error_dict.items():
                fields[name] = [{"code": err.code, "message": _validation_message(err)} for err in errors]
        else:
            fields["__all__"] = [{"code": err.code, "message": _validation_message(err)} for err in e.error_list]
        data["fields"] = fields
        data["message"] = str(e)
    label = _model_of_exception(e)
    if label:
        data["model"] = label
    from django.db.models.deletion import ProtectedError, RestrictedError

    if isinstance(e, ProtectedError):
        data["objects"] = _objects(e.protected_objects, codec)
    elif isinstance(e, RestrictedError):
        data["objects"] = _objects(e.restricted_objects, codec)
    from django.core.management.base import SystemCheckError

    if isinstance(e, SystemCheckError) and hasattr(e, "djspec_checks"):
        data["checks"] = e.djspec_checks
    return data


def _objects(objs, codec):
    items = list(objs)
    # The contract's order: by label, then pk (one model's pks share a type, so they compare).
    items.sort(key=lambda o: (o._meta.label, o.pk))
    return [codec.encode(o) for o in items]
