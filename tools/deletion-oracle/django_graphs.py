"""
Runs random object graphs through real Django 5.2 deletion and prints one JSON line per trial:
the graph (as `spec/support/deletion-oracle.ts` reads it), the root of the delete and what
Django did (error, rows left, return value, pre/post_delete sequence).

    python django_graphs.py --trials 2000 --db sqlite --seed 1 > sqlite.jsonl
    python django_graphs.py --trials 300 --db postgres --seed 2 > pg.jsonl

Each trial runs in a forked child, so every graph gets a fresh app registry and database.
`compare.ts` then checks every line against the oracle.
"""
import argparse
import json
import os
import random
import sys
import tempfile

POLICIES = ["CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "SET", "DO_NOTHING"]


def make_graph(rng):
    n = rng.randint(2, 6)
    models = [f"M{i}" for i in range(n)]
    relations = []
    for m in models:
        for k in range(rng.choice([0, 1, 1, 2, 2, 3])):
            to = rng.choice(models)
            policy = rng.choice(POLICIES)
            nullable = True if policy == "SET_NULL" else rng.random() < 0.4
            relations.append({"model": m, "field": f"f{k}", "to": to, "onDelete": policy, "nullable": nullable})
    m2m = None
    if rng.random() < 0.5:
        a, b = rng.choice(models), rng.choice(models)
        m2m = {"model": a, "to": b}
    rows = {}
    for m in models:
        rows[m] = list(range(1, rng.randint(1, 4) + 1))
    for rel in relations:
        if rel["onDelete"] in ("SET_DEFAULT", "SET"):
            rel["value"] = rng.choice(rows[rel["to"]])
    row_fks = {m: [] for m in models}
    for m in models:
        for pk in rows[m]:
            fks = {}
            for rel in relations:
                if rel["model"] != m:
                    continue
                if rel["nullable"] and rng.random() < 0.3:
                    fks[rel["field"]] = None
                else:
                    fks[rel["field"]] = rng.choice(rows[rel["to"]])
            row_fks[m].append({"pk": pk, "fks": fks})
    through_rows = []
    if m2m:
        pairs = {(rng.choice(rows[m2m["model"]]), rng.choice(rows[m2m["to"]])) for _ in range(rng.randint(0, 4))}
        through_rows = sorted(pairs)
    listen_mode = rng.choice(["none", "none", "all", "some"])
    listened = []
    if listen_mode == "all":
        listened = "all"
    elif listen_mode == "some":
        listened = [m for m in models if rng.random() < 0.5]
    root_model = rng.choice(models)
    queryset = rng.random() < 0.4
    pks = sorted(rng.sample(rows[root_model], rng.randint(0, len(rows[root_model])))) if queryset else [rng.choice(rows[root_model])]
    return {"models": models, "relations": relations, "rows": row_fks, "m2m": m2m, "through_rows": through_rows,
            "listened": listened, "root": {"model": root_model, "pks": pks, "queryset": queryset}}


def run_trial(spec, db):
    import django
    from django.conf import settings
    if db == "sqlite":
        databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    else:
        databases = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "test", "USER": "postgres", "HOST": "127.0.0.1", "PORT": 5432}}
    settings.configure(INSTALLED_APPS=["dgraph"], DATABASES=databases, DEFAULT_AUTO_FIELD="django.db.models.AutoField", USE_TZ=True)
    django.setup()
    from django.apps import apps
    from django.db import connection, models, transaction
    from django.db.models import ProtectedError, RestrictedError
    from django.db.models.signals import pre_delete, post_delete
    from django.db.utils import IntegrityError

    tag = f"g{os.getpid()}"
    classes = {}
    for m in spec["models"]:
        attrs = {"__module__": "dgraph.models", "Meta": type("Meta", (), {"app_label": "dgraph", "db_table": f"{tag}_{m.lower()}"})}
        for rel in spec["relations"]:
            if rel["model"] != m:
                continue
            policy = rel["onDelete"]
            on_delete = models.SET(rel["value"]) if policy == "SET" else getattr(models, policy)
            kwargs = {"on_delete": on_delete, "null": rel["nullable"], "related_name": f"{m.lower()}_{rel['field']}_rev"}
            if policy == "SET_DEFAULT":
                kwargs["default"] = rel["value"]
            attrs[rel["field"]] = models.ForeignKey(f"dgraph.{rel['to']}", **kwargs)
        if spec["m2m"] and spec["m2m"]["model"] == m:
            attrs["tags"] = models.ManyToManyField(f"dgraph.{spec['m2m']['to']}", related_name="tagged_by", symmetrical=False)
        classes[m] = type(m, (models.Model,), attrs)

    registered = [model.__name__ for model in apps.get_app_config("dgraph").get_models(include_auto_created=True)]
    through = None
    if spec["m2m"]:
        through = classes[spec["m2m"]["model"]].tags.through
    with connection.schema_editor() as editor:
        for model in apps.get_app_config("dgraph").get_models():
            editor.create_model(model)  # also creates its auto-created through table
    try:
        with transaction.atomic():
            for m in spec["models"]:
                for row in spec["rows"][m]:
                    classes[m].objects.create(pk=row["pk"], **{f"{k}_id": v for k, v in row["fks"].items()})
            if through:
                src, dst = [f.name for f in through._meta.get_fields() if f.is_relation]
                for i, (a, b) in enumerate(spec["through_rows"], start=1):
                    through.objects.create(pk=i, **{f"{src}_id": a, f"{dst}_id": b})

        events = []

        def receiver(signal, sender, instance, **kwargs):
            events.append(["pre_delete" if signal is pre_delete else "post_delete", sender.__name__, instance.pk])

        listened = spec["listened"]
        if listened == "all":
            pre_delete.connect(receiver, weak=False)
            post_delete.connect(receiver, weak=False)
        else:
            for m in listened:
                pre_delete.connect(receiver, sender=classes[m], weak=False)
                post_delete.connect(receiver, sender=classes[m], weak=False)

        def snapshot():
            out = {}
            for model in apps.get_app_config("dgraph").get_models(include_auto_created=True):
                fields = [f for f in model._meta.concrete_fields if f.is_relation]
                out[model.__name__] = sorted([[obj.pk, {f.name: getattr(obj, f.attname) for f in fields}] for obj in model._base_manager.all()], key=lambda r: r[0])
            return out

        root = spec["root"]
        Root = classes[root["model"]]
        observed = {}
        try:
            if root["queryset"]:
                result = Root.objects.filter(pk__in=root["pks"]).delete()
            else:
                result = Root.objects.get(pk=root["pks"][0]).delete()
            observed["result"] = [result[0], result[1]]
        except (ProtectedError, RestrictedError) as e:
            objs = e.protected_objects if isinstance(e, ProtectedError) else e.restricted_objects
            observed["error"] = {"type": type(e).__name__, "message": e.args[0], "objects": sorted([[o.__class__.__name__, o.pk] for o in objs])}
        except IntegrityError:
            observed["error"] = {"type": "IntegrityError"}
        observed["signals"] = events
        observed["state"] = snapshot()
        return {"registered": registered, "observed": observed}
    finally:
        pre_delete.receivers = []
        post_delete.receivers = []
        with connection.schema_editor() as editor:
            for model in reversed(list(apps.get_app_config("dgraph").get_models())):
                editor.delete_model(model)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    package = tempfile.mkdtemp()
    os.makedirs(os.path.join(package, "dgraph"))
    for name in ("__init__.py", "models.py"):
        open(os.path.join(package, "dgraph", name), "w").close()
    sys.path.insert(0, package)
    rng = random.Random(args.seed)
    for trial in range(args.trials):
        spec = make_graph(rng)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                out = run_trial(spec, args.db)
            except Exception as e:  # a trial that cannot run is reported, not hidden
                out = {"crash": f"{type(e).__name__}: {e}"}
            os.write(write, json.dumps(out).encode())
            os.close(write)
            os._exit(0)
        os.close(write)
        chunks = []
        while True:
            chunk = os.read(read, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read)
        os.waitpid(pid, 0)
        out = json.loads(b"".join(chunks) or b'{"crash": "no output"}')
        print(json.dumps({"trial": trial, "db": args.db, "spec": spec, **out}), flush=True)


if __name__ == "__main__":
    main()
