/**
 * `HttpRequest` as a view sees it: method, decoded path, query string, headers and the body,
 * with Django's upload limit (reading a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE raises
 * RequestDataTooBig, a SuspiciousOperation that becomes a 400).
 */
import { PyError } from '../orm/pyvalues.js';
import { loads } from './json.js';

export const DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440;

export class HttpRequest {
  /** `request.path`: the URL path, percent-decoded as the WSGI server does. */
  readonly path: string;
  readonly queryString: string;
  /** Header names in lower case. */
  readonly headers: Map<string, string>;

  constructor(
    readonly method: string,
    rawPath: string,
    headers: Record<string, string | string[] | undefined>,
    private readonly rawBody: Buffer,
    /** True when the request came from the test client (CSRF checks are off, as in Django's Client). */
    readonly fromTestClient: boolean,
  ) {
    const q = rawPath.indexOf('?');
    this.path = decodePath(q === -1 ? rawPath : rawPath.slice(0, q));
    this.queryString = q === -1 ? '' : rawPath.slice(q + 1);
    this.headers = new Map();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  /** `request.get_full_path()`, optionally with the slash CommonMiddleware appends. */
  fullPath(appendSlash = false): string {
    const path = appendSlash && !this.path.endsWith('/') ? `${this.path}/` : this.path;
    return this.queryString ? `${path}?${this.queryString}` : path;
  }

  get contentType(): string {
    return (this.headers.get('content-type') ?? '').split(';')[0]!.trim();
  }

  get body(): Buffer {
    if (Number(this.headers.get('content-length') ?? 0) > DATA_UPLOAD_MAX_MEMORY_SIZE) {
      throw new PyError('RequestDataTooBig', 'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.', ['SuspiciousOperation', 'Exception']);
    }
    return this.rawBody;
  }

  /** `request.GET` as a dict (a QueryDict reads as its last value per key). */
  get GET(): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(this.queryString));
  }

  get POST(): Record<string, string> {
    if (this.method !== 'POST' || this.contentType !== 'application/x-www-form-urlencoded') return {};
    return Object.fromEntries(new URLSearchParams(this.body.toString('utf8')));
  }

  /** `request.headers`: a case-insensitive mapping with Django's Title-Case names. */
  get headerMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.headers) out[name.replace(/(^|-)([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())] = value;
    return new Proxy(out, {
      get: (target, key) => (typeof key === 'string' ? this.headers.get(key.toLowerCase()) ?? Reflect.get(target, key) : Reflect.get(target, key)),
      has: (target, key) => (typeof key === 'string' ? this.headers.has(key.toLowerCase()) || Reflect.has(target, key) : Reflect.has(target, key)),
    });
  }

  part(name: string): unknown {
    switch (name) {
      case 'method':
        return this.method;
      case 'path':
        return this.path;
      case 'GET':
        return this.GET;
      case 'POST':
        return this.POST;
      case 'headers':
        return this.headerMap;
      case 'body':
        return this.body.toString('utf8');
      case 'json':
        return loads(this.body.toString('utf8'));
      case 'content_type':
        return this.contentType;
      default:
        throw new PyError('AttributeError', `'WSGIRequest' object has no attribute '${name}'`);
    }
  }
}

/** Percent-decodes a path as UTF-8; a path that is not valid UTF-8 once decoded stays as sent. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
