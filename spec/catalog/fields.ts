/**
 * Behavior IDs of this area with the rule each stands for, in the project's own words.
 * IDs follow the catalog the suite was built from; they are permanent.
 */
export const FIELDS_BEHAVIORS: Record<string, string> = {
  'FLD-PK-AUTO': '',
  'FLD-PK-TYPE': '',
  'FLD-PK-ASSIGN': '',
  'FLD-PK-SEQUENCE': '',
  'FLD-MANAGER-OBJECTS': '',
  'FLD-CTOR-UNKNOWN-KWARG': '',
  'FLD-SAVE-INSERT-OR-UPDATE': '',
  'FLD-SAVE-EXPLICIT-PK': '',
  'FLD-SAVE-UPDATE-FIELDS': '',
  'FLD-SAVE-NO-COERCE': '',
  'FLD-DELETE': '',
  'FLD-EQ-HASH': '',
  'FLD-GET-ERRORS': '',
  'FLD-VALID-SAVE-SKIPS':
    'save() never validates fields; only full_clean() (or a ModelForm) does.',
  'FLD-VALID-FULLCLEAN-SHAPE': '',
  'FLD-VALID-BLANK-SKIP': '',
  'FLD-VALID-CONVERSION-FIRST': '',
  'FLD-VALID-FORM-CODES': '',
  'FLD-CHAR-MAXLEN-VALIDATION':
    "A CharField value longer than max_length fails full_clean() with code 'max_length' and Django's message naming the limit and the length.",
  'FLD-CHAR-CODEPOINTS':
    'CharField length is counted in Unicode code points, not UTF-16 units or bytes.',
  'FLD-CHAR-255': '',
  'FLD-CHAR-SAVE-OVERLONG': '',
  'FLD-CHAR-NO-MAXLEN': '',
  'FLD-CHAR-DEFAULT-EMPTY': '',
  'FLD-CHAR-COERCION': '',
  'FLD-CHAR-BLANK':
    "An empty string in a CharField without blank=True fails full_clean() with code 'blank', but save() stores it.",
  'FLD-CHAR-NULL-ADVICE': '',
  'FLD-TEXT-UNLIMITED': '',
  'FLD-INT-RANGES': '',
  'FLD-INT-POSITIVE': '',
  'FLD-INT-COERCION': '',
  'FLD-INT-OVERFLOW-SAVE': '',
  'FLD-INT-NO-DEFAULT': '',
  'FLD-INT-BIG-JS': '',
  'FLD-FLOAT-BASICS': '',
  'FLD-DEC-DEFINITION': '',
  'FLD-DEC-VALIDATION': '',
  'FLD-DEC-TRAILING-ZEROS': '',
  'FLD-DEC-FLOAT-INPUT': '',
  'FLD-DEC-INVALID': '',
  'FLD-DEC-ROUNDTRIP': '',
  'FLD-DEC-OVERFLOW-SAVE': '',
  'FLD-DEC-ARITH-SEED-BUG':
    "The seed's get_discounted_price divides an int by 100 (a float) and multiplies the Decimal price by it, which is a TypeError for every discount in (0, 100]; other discounts return the price unchanged.",
  'FLD-BOOL-VALUES': '',
  'FLD-BOOL-NO-DEFAULT': '',
  'FLD-DATE-PARSE': '',
  'FLD-DATETIME-PARSE': '',
  'FLD-DT-PRECISION': '',
  'FLD-DT-AUTO-FLAGS': '',
  'FLD-DT-AUTONOWADD-CREATE': '',
  'FLD-DT-AUTONOWADD-LATER': '',
  'FLD-DT-AUTONOW-SAVE': '',
  'FLD-DT-CREATE-NOT-EQUAL': '',
  'FLD-DT-USETZ-DEFAULTS': '',
  'FLD-EMAIL-DEFINITION': '',
  'FLD-EMAIL-ACCEPT-SET': '',
  'FLD-URL-DEFINITION': '',
  'FLD-URL-ACCEPT-SET': '',
  'FLD-FILE-STORES-PATH': '',
  'FLD-FILE-NAMES': '',
  'FLD-IMAGE-PILLOW': '',
  'FLD-UUID-PK': '',
  'FLD-UUID-PARSE': '',
  'FLD-ARG-DEFAULT-EVAL': '',
  'FLD-ARG-DEFAULT-NOT-IN-DB': '',
  'FLD-ARG-UNIQUE-SAVE': '',
  'FLD-ARG-UNIQUE-FULLCLEAN': '',
  'FLD-ARG-UNIQUE-CASE': '',
  'FLD-ARG-PK-CUSTOM': '',
  'FLD-ARG-VERBOSE-NAME': '',
  'FLD-ARG-HELP-TEXT': '',
  'FLD-ARG-BLANK-NULL-MATRIX': '',
  'FLD-FIELD-NAME-RULES': '',
  'FLD-METH-STR-DEFAULT':
    "Without __str__, str() is \"<ClassName> object (<pk>)\" (None before the first save) and repr() is \"<ClassName: <str>>\".",
  'FLD-METH-STR-CUSTOM':
    "A declared __str__ is used verbatim by str() and inside repr(); reading a missing related object in it raises.",
  'FLD-METH-ABSURL':
    "get_absolute_url() is whatever reverse() builds from the named route and arguments; an unknown name or arguments that do not fit the route raise NoReverseMatch.",
  'FLD-SLUG':
    "slugify() reduces text to lower-case ASCII letters, digits, \"_\" and single hyphens (any script with allow_unicode), trimmed of \"-\" and \"_\".",
  'FLD-METH-SAVE-OVERRIDE':
    "A save() override runs for instance saves and create(), and only a call to super().save() writes and sends the save signals; QuerySet.update() and bulk_create() bypass it.",
  'FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA':
    "makemigrations only plans: it records numbered migrations of ordered operations derived from the model changes and creates or alters no table.",
  'FLD-MIG-NEEDS-PACKAGE':
    "An app without a migrations package is skipped by makemigrations unless it is named, which gives it a package and its 0001_initial.",
  'FLD-MIG-MIGRATE-RECORDS':
    "migrate applies pending migrations in dependency order, each in its own transaction, records each applied one once, and leaves a failed one rolled back and unrecorded.",
  'FLD-MIG-IDEMPOTENT':
    "With nothing new, makemigrations writes no migration and migrate runs none; repeating either changes no schema and no record.",
  'FLD-MIG-PENDING-WARNING':
    "migrate builds the schema only from migrations: with model changes but no new migration it applies nothing and names the apps whose models have unmigrated changes.",
  'FLD-MIG-ADDFIELD-NONNULL':
    "Adding a field that is not null, has no default, is not a blank string-like field and is not auto_now needs a one-off default; without one, makemigrations exits with status 3, even when the table is empty.",
  'FLD-MIG-ADDFIELD-BACKFILL':
    "An added column is filled in existing rows with the default (or the one-off default, which is not kept on the field) and keeps no database default.",
  'FLD-MIG-ALTERFIELD-NO-BACKFILL':
    "Changing a field's default is an AlterField that leaves the values of existing rows as they were.",
  'FLD-MIG-CALLABLE-DEFAULT':
    "A callable default is evaluated once when its column is added, so every existing row gets the same value and a unique such field fails on two or more rows.",
  'FLD-MIG-REVERSE':
    "Migrating back to an earlier migration (or zero) unapplies the later ones, newest first, undoing their schema changes and deleting their records.",
};
