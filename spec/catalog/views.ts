/**
 * Behavior IDs of this area with the rule each stands for, in the project's own words.
 * IDs follow the catalog the suite was built from; they are permanent.
 */
export const VIEWS_BEHAVIORS: Record<string, string> = {
  'VIEW-FBV-BASIC':
    'A function view is called for every HTTP method and its returned response is sent as is.',
  'VIEW-NONE-FBV':
    'A function view that returns nothing is a ValueError naming the view\'s module and function, served as a 500.',
  'VIEW-NONE-CBV':
    'A class-based handler that returns nothing is a ValueError naming the as_view() closure, served as a 500.',
  'VIEW-NON-RESPONSE':
    'A view returning a value that is not a response (a string, a dict) never succeeds: the request ends in a server error.',
  'VIEW-CBV-DISPATCH':
    'A class-based view routes each request to the handler named after the lower-cased HTTP method, within the http_method_names allow-list.',
  'VIEW-405-ALLOW':
    'A method without a handler gets 405 with an empty body and an Allow header listing the available methods upper-cased, in http_method_names order, with HEAD when get exists and OPTIONS always.',
  'VIEW-405-RESTRICTED-NAMES':
    'http_method_names is authoritative: a defined handler outside it is unreachable and missing from Allow, and HEAD and OPTIONS disappear when they are not listed.',
  'VIEW-OPTIONS-DEFAULT':
    'The inherited OPTIONS handler answers 200 with an empty body, Content-Length 0 and the same Allow value a 405 would carry.',
  'VIEW-HEAD-FALLBACK':
    'HEAD is answered by get() when no head() exists (same status and headers, no body); a declared head() takes precedence.',
  'VIEW-CUSTOM-METHOD':
    'A verb added to http_method_names with a handler of that name dispatches like the built-in ones.',
  'VIEW-AS-VIEW-KWARGS':
    'as_view() keywords must name existing class attributes that are not HTTP method names; valid ones override the attribute on each request\'s instance.',
  'VIEW-AS-VIEW-INSTANCE':
    'as_view() is callable on the class only; on an instance it raises AttributeError.',
  'VIEW-AS-VIEW-ATTRS':
    'Every request gets its own view instance, set up with the request, the positional and the keyword URL arguments; nothing set on one instance is seen by the next request.',
  'VIEW-URL-KWARGS':
    'Route captures reach view handlers as keyword arguments holding the converted values.',
  'VIEW-MIXED-ASYNC':
    'A view class must make its handlers all sync or all async; mixing them is an ImproperlyConfigured error raised by as_view().',
  'VIEW-CSRF-TEST-CLIENT':
    'The test client skips CSRF checks unless asked to enforce them, so a POST that a real client without a token would see rejected with 403 passes through it.',
  'HTTP-RESPONSE-DEFAULTS':
    'A response built without arguments is 200 OK with content type text/html; charset=utf-8 and no body.',
  'HTTP-RESPONSE-CONTENT':
    'Response content that is a string is encoded in the response charset (UTF-8 by default); other values are converted with str().',
  'HTTP-RESPONSE-STATUS':
    'The status is converted with int() and must fall within 100..599 (TypeError for non-integers, ValueError out of range); unknown codes in range get the reason Unknown Status Code.',
  'HTTP-RESPONSE-HEADERS':
    'Response headers are case-insensitive; an explicit content_type is used verbatim; content_type plus a Content-Type header, or a newline in a value, is an error.',
  'HTTP-JSON-DEFAULTS':
    'JsonResponse answers with content type application/json (no charset) and a body in Python\'s json.dumps form: ", " and ": " separators, insertion order, non-ASCII escaped.',
  'HTTP-JSON-SAFE':
    'In its default safe mode JsonResponse only takes a dict and raises TypeError for anything else; safe=False lifts the restriction.',
  'HTTP-JSON-ENCODER':
    'JsonResponse encodes Decimal, date, time, datetime and UUID values as strings in Django\'s formats (times cut to milliseconds, UTC as Z); other unknown types are a TypeError.',
  'HTTP-JSON-OPTIONS':
    'JsonResponse passes status and content_type to the response and json_dumps_params to the JSON encoder.',
  'HTTP-404-DEFAULT':
    'An unmatched URL or an Http404 raised by a view is a 404 carrying Django\'s short Not Found page, without the exception message.',
  'HTTP-500-DEFAULT':
    'With DEBUG off, an unhandled view exception becomes a 500 carrying Django\'s short generic error page, never the exception text.',
  'HTTP-NOT-ALLOWED-CLASS':
    'HttpResponseNotAllowed is a 405 whose Allow header is the given method list joined with a comma and a space.',
  'URL-PATH-EXACT':
    'A path() route must match the entire request path, including a trailing slash and letter case; an unmatched path is a 404.',
  'URL-APPEND-SLASH':
    'With CommonMiddleware and APPEND_SLASH on, a path that matches only with a trailing slash is permanently redirected to it, except for data-carrying methods under DEBUG, which raise RuntimeError.',
  'URL-CONVERTERS':
    'Path converters (int, str, slug, uuid, path) each accept a fixed pattern and hand the view the converted value; a segment outside the pattern does not match.',
  'URL-REVERSE':
    'reverse() turns a route name and arguments into a percent-encoded path, optionally with a query string, that resolves back to the same route and arguments.',
  'URL-NOREVERSE-UNKNOWN':
    'reverse() of a name that no route carries raises NoReverseMatch saying the name is not a valid view function or pattern name.',
  'URL-NOREVERSE-ARGS':
    'reverse() with arguments that fit none of the named routes raises NoReverseMatch describing the arguments and the patterns tried; args and kwargs together are a ValueError.',
  'URL-RESOLVE':
    'resolve() maps a path to the matching route\'s name and converted arguments, and raises Resolver404 (an Http404) when nothing matches.',
};
