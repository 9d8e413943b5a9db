/**
 * Behavior IDs of this area with the rule each stands for, in the project's own words.
 * IDs follow the catalog the suite was built from; they are permanent.
 */
export const FIELDS_BEHAVIORS: Record<string, string> = {
  'FLD-PK-AUTO':
    "A model that declares no primary key gets an auto-created `id` primary key (verbose name \"ID\"), placed before every declared field, with `pk` as its alias.",
  'FLD-PK-TYPE':
    "The implicit pk class comes from the AppConfig's default_auto_field, then settings.DEFAULT_AUTO_FIELD, then AutoField, the last with check warning models.W042.",
  'FLD-PK-ASSIGN':
    "pk is None on a new instance; save() or create() sets it to the inserted row's positive integer id.",
  'FLD-PK-SEQUENCE':
    "Generated ids only grow, and a deleted row's id is not reused by later creates.",
  'FLD-MANAGER-OBJECTS':
    "`objects` is a manager on the model class; reading it through an instance raises AttributeError.",
  'FLD-CTOR-UNKNOWN-KWARG':
    "Keyword arguments that name no field make Model() and create() raise TypeError naming them, before anything is written.",
  'FLD-SAVE-INSERT-OR-UPDATE':
    "save() inserts when the instance has no pk and otherwise updates the row with all of its fields.",
  'FLD-SAVE-EXPLICIT-PK':
    "A plain save() with the pk of an existing row overwrites that row; create() or force_insert with it is an IntegrityError.",
  'FLD-SAVE-UPDATE-FIELDS':
    "save(update_fields=...) persists only the named fields and rejects names that are not concrete non-pk fields with ValueError.",
  'FLD-SAVE-NO-COERCE':
    "save() converts values only for the database: the attribute keeps what was assigned until a reload or full_clean().",
  'FLD-DELETE':
    "delete() reports (total, per-model counts), sets the instance pk to None, and refuses an instance without a pk.",
  'FLD-EQ-HASH':
    "Instances compare equal by model and non-None pk; unsaved instances are equal only to themselves.",
  'FLD-GET-ERRORS':
    "get() raises DoesNotExist or MultipleObjectsReturned by row count, and a pk value that cannot be converted raises ValueError first.",
  'FLD-VALID-SAVE-SKIPS':
    'save() never validates fields; only full_clean() (or a ModelForm) does.',
  'FLD-VALID-FULLCLEAN-SHAPE':
    "full_clean() raises a single ValidationError keyed by field, listing every failing validator of a field in order; exclude and validate_unique=False narrow it, and fields that failed skip the unique check.",
  'FLD-VALID-BLANK-SKIP':
    "On a blank=True field an empty value (None, '', empty containers) skips every field check, the null check included, leaving NOT NULL to the database.",
  'FLD-VALID-CONVERSION-FIRST':
    "Field.clean() converts the value before checking choices, null and blank, so conversion errors ('invalid') win over 'null' and 'blank' for non-string fields.",
  'FLD-VALID-FORM-CODES': '',
  'FLD-CHAR-MAXLEN-VALIDATION':
    "A CharField value longer than max_length fails full_clean() with code 'max_length' and Django's message naming the limit and the length.",
  'FLD-CHAR-CODEPOINTS':
    'CharField length is counted in Unicode code points, not UTF-16 units or bytes.',
  'FLD-CHAR-255':
    "max_length has no 255 ceiling: any positive integer works, and values up to it validate and save.",
  'FLD-CHAR-SAVE-OVERLONG':
    "Saving an over-long CharField value without full_clean() is a DataError on PostgreSQL and is stored unchanged on SQLite; it is never truncated.",
  'FLD-CHAR-NO-MAXLEN':
    "CharField without max_length is an unlimited string on SQLite and PostgreSQL (checks pass, no length validator); a non-positive max_length is fields.E121.",
  'FLD-CHAR-DEFAULT-EMPTY':
    "A string field without default starts as '' (None if null=True), and save() accepts it whatever blank says.",
  'FLD-CHAR-COERCION':
    "Non-string values given to CharField become str(value); values are never stripped or normalized at the model level.",
  'FLD-CHAR-BLANK':
    "An empty string in a CharField without blank=True fails full_clean() with code 'blank', but save() stores it.",
  'FLD-CHAR-NULL-ADVICE':
    "With null=True a string field has two empty states, NULL and '', matched by different lookups; unique allows many NULLs but a single ''.",
  'FLD-TEXT-UNLIMITED':
    "TextField adds no length validator even when given max_length, and text of any length round-trips exactly.",
  'FLD-INT-RANGES':
    "Integer fields validate against the backend's integer_field_range: PostgreSQL's column ranges (smallint, integer, bigint, non-negative for Positive*), or 64-bit for every type on SQLite; codes min_value and max_value.",
  'FLD-INT-POSITIVE':
    "Positive* fields accept 0 and reject negatives twice: min_value in full_clean() and a column CHECK (IntegrityError) on save().",
  'FLD-INT-COERCION':
    "Integer input goes through Python's int(): integer strings with sign or whitespace parse, floats truncate toward zero, anything else is 'invalid' (ValueError on save()).",
  'FLD-INT-OVERFLOW-SAVE':
    "Saving an unvalidated integer outside the column type is a DataError on PostgreSQL; SQLite stores any 64-bit value.",
  'FLD-INT-NO-DEFAULT':
    "Numeric fields have no implicit default: the value is None, full_clean() says 'null', save() is an IntegrityError.",
  'FLD-INT-BIG-JS':
    "64-bit integer columns round-trip every value exactly, so values past 2^53 cannot travel as JavaScript numbers.",
  'FLD-FLOAT-BASICS':
    "FloatField holds IEEE-754 doubles: finite values round-trip exactly, input goes through float(), and non-numeric text is 'invalid' (ValueError on save()).",
  'FLD-DEC-DEFINITION':
    "DecimalField must declare a positive max_digits and a non-negative decimal_places no larger than it; otherwise checks fields.E130-E134 report it.",
  'FLD-DEC-VALIDATION':
    "DecimalValidator counts digits from the Decimal's digit tuple and exponent and reports only the first failure among max_digits, max_decimal_places and max_whole_digits, with singular wording for 1.",
  'FLD-DEC-TRAILING-ZEROS':
    "Written trailing fraction zeros count as decimal places ('1.50' has two), and stored values come back padded to decimal_places.",
  'FLD-DEC-FLOAT-INPUT':
    "A float for a DecimalField is converted exactly and rounded to max_digits significant digits, so non-dyadic floats like 19.99 fail validation where the string '19.99' passes.",
  'FLD-DEC-INVALID':
    "Non-numeric or non-finite decimal input is 'invalid' in full_clean() and also makes save() raise ValidationError.",
  'FLD-DEC-ROUNDTRIP':
    "Decimals read from the database are exact Decimals quantized to decimal_places; how unvalidated extra places are rounded depends on the backend.",
  'FLD-DEC-OVERFLOW-SAVE':
    "An unvalidated decimal with too many whole digits is a DataError on PostgreSQL; SQLite stores it and fails when reading it back.",
  'FLD-DEC-ARITH-SEED-BUG':
    "Decimal times float is a TypeError in Python, so the seed's discount method fails for every percentage in (0, 100] and returns the price unchanged otherwise.",
  'FLD-BOOL-VALUES':
    "BooleanField accepts only True/False, 1/0 and 't', 'True', '1', 'f', 'False', '0'; other input is 'invalid' in full_clean() and a ValidationError on save().",
  'FLD-BOOL-NO-DEFAULT':
    "A BooleanField with no default is None, reported as 'invalid' (not 'null') by full_clean(), and rejected by NOT NULL on save().",
  'FLD-DATE-PARSE':
    "DateField parses YYYY-M-D (and ISO) text; a wrong format is 'invalid', an impossible calendar day is 'invalid_date', on full_clean() and on save() alike.",
  'FLD-DATETIME-PARSE':
    "DateTimeField parses ISO-like text with optional offset, tells 'invalid' from 'invalid_datetime'/'invalid_date', and with USE_TZ stores the instant and reads it in UTC.",
  'FLD-DT-PRECISION':
    "DateTimeField values keep their microseconds through the database.",
  'FLD-DT-AUTO-FLAGS':
    "auto_now/auto_now_add imply editable=False and blank=True, leave the value None until saved, and may not be combined with each other or default (fields.E160).",
  'FLD-DT-AUTONOWADD-CREATE':
    "auto_now_add stamps the current time at insert, replacing any supplied value, and the instance sees it.",
  'FLD-DT-AUTONOWADD-LATER':
    "Updates never restamp auto_now_add, though an explicit assignment to it is saved.",
  'FLD-DT-AUTONOW-SAVE':
    "auto_now restamps on save() when the field is written, not for update_fields that omit it and not for QuerySet.update().",
  'FLD-DT-CREATE-NOT-EQUAL':
    "On create each auto timestamp reads the clock on its own, in field order, so created_at <= updated_at but they need not be equal.",
  'FLD-DT-USETZ-DEFAULTS':
    "Time defaults should be callables giving aware values (timezone.now); a date or datetime fixed when the model was defined triggers fields.W161.",
  'FLD-EMAIL-DEFINITION':
    "EmailField is a CharField with max_length 254; EmailValidator reports before MaxLengthValidator and values keep their case.",
  'FLD-EMAIL-ACCEPT-SET':
    "An address is valid when, split at its last '@', the local part is a dot-atom or quoted string and the domain is a host with a real TLD, an IP literal, or localhost.",
  'FLD-URL-DEFINITION':
    "URLField is a CharField with max_length 200 validated by URLValidator, so the 201st character is a max_length error.",
  'FLD-URL-ACCEPT-SET':
    "URLValidator accepts http, https, ftp and ftps URLs (scheme case ignored) whose host is a name with TLD, localhost, IPv4 or bracketed IPv6, and rejects whitespace.",
  'FLD-FILE-STORES-PATH':
    "A FileField column stores only the file's name (varchar(100) by default); the empty value is '' and the model does not validate the name's length.",
  'FLD-FILE-NAMES': '',
  'FLD-IMAGE-PILLOW':
    "ImageField stores a name like FileField and needs Pillow, whose absence Django reports as fields.E210.",
  'FLD-UUID-PK':
    "A UUID pk with a callable default exists from construction, so the first save() is a plain INSERT and reusing a UUID in a new instance is an IntegrityError, not an update.",
  'FLD-UUID-PARSE':
    "UUID input may be dashed, bare hex, braced, urn:uuid: or an int, all equivalent and read back lower-case dashed; other text is 'invalid', lookups included.",
  'FLD-ARG-DEFAULT-EVAL':
    "Defaults are filled in when an instance is built and the value is omitted; a callable runs once per such instance and never for given values (None included), at save(), or on loading.",
  'FLD-ARG-DEFAULT-NOT-IN-DB':
    "default= exists only in Python: the column gets no DEFAULT, so inserts that bypass the model must supply the value (db_default is the database-side option).",
  'FLD-ARG-UNIQUE-SAVE':
    "unique=True creates a database constraint, so saving a duplicate is an IntegrityError and leaves no row.",
  'FLD-ARG-UNIQUE-FULLCLEAN':
    "validate_unique() reports duplicates as 'unique' with \"<Model> with this <Field> already exists.\" built from capfirst verbose names, excluding the instance itself.",
  'FLD-ARG-UNIQUE-CASE':
    "Uniqueness is an exact comparison: case variants coexist, any number of NULLs are allowed, and '' counts as a value.",
  'FLD-ARG-PK-CUSTOM':
    "A primary_key=True field replaces the implicit id, is unique, and changing its value before save() creates a second row.",
  'FLD-ARG-VERBOSE-NAME':
    "Field verbose names default to the name with underscores as spaces; model verbose names split the class name at capitals in lower case, plural adding 's'.",
  'FLD-ARG-HELP-TEXT':
    "help_text is stored on the field as given and changes neither validation nor the column.",
  'FLD-ARG-BLANK-NULL-MATRIX':
    "blank decides what full_clean() accepts and null what the column accepts; None on a blank=False, null=True field is reported as 'blank'.",
  'FLD-FIELD-NAME-RULES':
    "A field name may not end in '_', contain '__' or be 'pk' (checks fields.E001, E002, E003).",
  'FLD-METH-STR-DEFAULT': '',
  'FLD-METH-STR-CUSTOM': '',
  'FLD-METH-ABSURL': '',
  'FLD-SLUG':
    "SlugField (max_length 50) allows only ASCII letters, digits, '_' and '-'; slugify() produces such text, lower-cased and hyphen-joined, and is idempotent.",
  'FLD-METH-SAVE-OVERRIDE': '',
  'FLD-MIG-MAKEMIGRATIONS-NO-SCHEMA': '',
  'FLD-MIG-NEEDS-PACKAGE': '',
  'FLD-MIG-MIGRATE-RECORDS': '',
  'FLD-MIG-IDEMPOTENT': '',
  'FLD-MIG-PENDING-WARNING': '',
  'FLD-MIG-ADDFIELD-NONNULL': '',
  'FLD-MIG-ADDFIELD-BACKFILL': '',
  'FLD-MIG-ALTERFIELD-NO-BACKFILL': '',
  'FLD-MIG-CALLABLE-DEFAULT': '',
  'FLD-MIG-REVERSE': '',
};
