"""The capabilities this adapter declares (names from conformance/contract/capabilities.ts)."""
CAPABILITIES = [
    "models.crud", "models.meta", "models.checks", "models.str", "models.methods", "models.bulk",
    "validation.full_clean",
    "fields.char", "fields.integer", "fields.integer.exact64", "fields.float", "fields.decimal", "fields.boolean",
    "fields.datetime", "fields.email", "fields.url", "fields.file", "fields.uuid",
    "relations.fk", "relations.o2o", "relations.m2m", "relations.reverse",
    "delete.cascade", "delete.protect", "delete.restrict", "delete.set", "delete.do_nothing",
    "signals.deletion", "signals.m2m_changed", "signals.dispatcher", "signals.model",
    "apps.registry", "apps.ready",
    "auth.users", "auth.passwords", "auth.login",
    "views.function", "views.class_based", "http.responses", "http.serve", "http.request_signals",
    "urls.routing", "urls.reverse",
    "migrations",
    "models.delete_override", "delete.queryset_forms", "db.queries",
]
