/**
 * `HttpResponse`, `JsonResponse` and `HttpResponseNotAllowed`, checked the way Django's
 * constructors check them (headers first, then the content type, then the status).
 */
import type { JsonDumpsParams } from '../../conformance/contract/actions.js';
import { PyError, pyRepr, pyStr } from '../orm/pyvalues.js';
import { dumps, isPlainDict } from './json.js';

export const DEFAULT_CHARSET = 'utf-8';

/** Python's `http.HTTPStatus` phrases, which Django uses as reason phrases. */
const REASON_PHRASES: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created', 202: 'Accepted',
  203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
  304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
  411: 'Length Required', 412: 'Precondition Failed', 413: 'Request Entity Too Large', 414: 'Request-URI Too Long',
  415: 'Unsupported Media Type', 416: 'Requested Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
  421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early',
  426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? 'Unknown Status Code';
}

/** A case-insensitive header map that keeps the spelling of the first assignment. */
export class ResponseHeaders {
  private readonly entries = new Map<string, [string, string]>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.set(name, value);
  }

  set(name: string, value: string): void {
    if (/[\r\n]/.test(value)) throw new PyError('BadHeaderError', `Header values can't contain newlines (got ${pyRepr(value).replace(/\n/g, '\\n').replace(/\r/g, '\\r')})`, ['ValueError']);
    const key = name.toLowerCase();
    this.entries.set(key, [this.entries.get(key)?.[0] ?? name, value]);
  }

  get(name: string): string | undefined {
    return this.entries.get(name.toLowerCase())?.[1];
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  list(): Array<[string, string]> {
    return [...this.entries.values()];
  }
}

export interface ResponseOptions {
  content?: unknown;
  status?: unknown;
  content_type?: string;
  charset?: string;
  headers?: Record<string, string>;
}

export class HttpResponse {
  readonly headers: ResponseHeaders;
  readonly status: number;
  readonly charset: string;
  content: Buffer;

  constructor(options: ResponseOptions = {}) {
    this.headers = new ResponseHeaders(options.headers);
    if (!this.headers.has('Content-Type')) {
      this.headers.set('Content-Type', options.content_type ?? `text/html; charset=${options.charset ?? DEFAULT_CHARSET}`);
    } else if (options.content_type) {
      throw new PyError('ValueError', "'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided.");
    }
    this.charset = options.charset ?? /charset=([^;\s]+)/i.exec(this.headers.get('Content-Type') ?? '')?.[1] ?? DEFAULT_CHARSET;
    this.status = options.status === undefined ? 200 : statusCode(options.status);
    this.content = this.encode(options.content ?? '');
  }

  get reason(): string {
    return reasonPhrase(this.status);
  }

  /** Django's `make_bytes`: strings in the response charset, other values through `str()`. */
  private encode(content: unknown): Buffer {
    if (Buffer.isBuffer(content)) return content;
    if (Array.isArray(content)) return Buffer.concat(content.map((part) => this.encode(part)));
    const text = typeof content === 'string' ? content : pyStr(content);
    return Buffer.from(text, /^(latin-?1|iso-8859-1)$/i.test(this.charset) ? 'latin1' : 'utf8');
  }
}

/** `int(status)` and the 100..599 range check. */
function statusCode(status: unknown): number {
  let code: number;
  if (typeof status === 'bigint') code = Number(status);
  else if (typeof status === 'number') code = Math.trunc(status);
  else if (typeof status === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(status)) code = Number(status.replace(/_/g, ''));
  else throw new PyError('TypeError', 'HTTP status code must be an integer.');
  if (!Number.isInteger(code)) throw new PyError('TypeError', 'HTTP status code must be an integer.');
  if (code < 100 || code > 599) throw new PyError('ValueError', 'HTTP status code must be an integer from 100 to 599.');
  return code;
}

export function jsonResponse(data: unknown, options: { safe?: boolean; status?: unknown; content_type?: string; json_dumps_params?: JsonDumpsParams } = {}): HttpResponse {
  if ((options.safe ?? true) && !isPlainDict(data)) {
    throw new PyError('TypeError', 'In order to allow non-dict objects to be serialized set the safe parameter to False.');
  }
  const content = dumps(data, options.json_dumps_params);
  return new HttpResponse({ content, status: options.status, content_type: options.content_type ?? 'application/json' });
}

export function notAllowed(permitted: string[]): HttpResponse {
  return new HttpResponse({ status: 405, headers: { Allow: permitted.join(', ') } });
}

/** Django's default error pages when DEBUG is off (`django.views.defaults`). */
export const ERROR_PAGES = {
  400: '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n',
  403: '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>403 Forbidden</title>\n</head>\n<body>\n  <h1>403 Forbidden</h1><p></p>\n</body>\n</html>\n',
  404: '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
  500: '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n',
} as const;

export function errorPage(status: keyof typeof ERROR_PAGES): HttpResponse {
  return new HttpResponse({ status, content: ERROR_PAGES[status] });
}
