/**
 * String fields with validators, after Django's: EmailField (max_length 254, EmailValidator),
 * URLField (max_length 200, URLValidator), SlugField (max_length 50, validate_slug).
 * The regular expressions are Django's (`django/core/validators.py`), written for JavaScript.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { CharField, registerFieldType } from './fields.js';
import { ValidationError, pyLen, type Validator } from './validators.js';

// Django's DomainNameValidator parts; `ul` is the "Unicode letters" range, BMP only as in Python.
const ul = '\\u00a1-\\uffff';
const hostnameRe = `[a-z${ul}0-9](?:[a-z${ul}0-9-]{0,61}[a-z${ul}0-9])?`;
const domainRe = `(?:\\.(?!-)[a-z${ul}0-9-]{1,63}(?<!-))*`;
const tldNoFqdnRe = `\\.(?!-)(?:[a-z${ul}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`;
const tldRe = `${tldNoFqdnRe}\\.?`;

const userRegex = new RegExp(
  "(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$" +
    '|^"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*"$)',
  'iu',
);
const emailDomainRegex = new RegExp(`^${hostnameRe}${domainRe}${tldNoFqdnRe}$`, 'iu');
const literalRegex = /^\[([A-F0-9:.]+)\]$/i;

function invalidValue(message: string, value: unknown): ValidationError {
  return ValidationError.single('invalid', message, { value });
}

/** Django's `EmailValidator` (split on the last "@", dot-atom or quoted local part, host or IP literal). */
export const validateEmail: Validator = (value) => {
  const message = 'Enter a valid email address.';
  const text = String(value);
  if (!text || !text.includes('@') || pyLen(text) > 320) throw invalidValue(message, value);
  const at = text.lastIndexOf('@');
  const user = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (!userRegex.test(user)) throw invalidValue(message, value);
  if (domain === 'localhost') return;
  if (emailDomainRegex.test(domain)) return;
  const literal = literalRegex.exec(domain);
  if (literal && (isIPv4(literal[1]!) && strictIPv4(literal[1]!) || isIPv6(literal[1]!))) return;
  throw invalidValue(message, value);
};

/** Python's `ipaddress.IPv4Address` refuses leading zeros ("01.1.1.1"). */
function strictIPv4(text: string): boolean {
  return text.split('.').every((part) => part === '0' || !part.startsWith('0'));
}

const ipv4Re = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const ipv6Re = '\\[[0-9a-f:.]+\\]';
const hostRe = `(${hostnameRe}${domainRe}${tldRe}|localhost)`;
const urlRegex = new RegExp(
  '^(?:[a-z0-9.+-]*)://' + '(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?' + `(?:${ipv4Re}|${ipv6Re}|${hostRe})` + '(?::[0-9]{1,5})?' + '(?:[/?#][^\\s]*)?$',
  'iu',
);
const URL_SCHEMES = ['http', 'https', 'ftp', 'ftps'];
const MAX_URL_LENGTH = 2048;

/** Django's `URLValidator` (schemes http, https, ftp, ftps). */
export const validateUrl: Validator = (value) => {
  const message = 'Enter a valid URL.';
  if (typeof value !== 'string' || pyLen(value) > MAX_URL_LENGTH) throw invalidValue(message, value);
  if (/[\t\r\n]/.test(value)) throw invalidValue(message, value);
  const scheme = value.split('://')[0]!.toLowerCase();
  if (!URL_SCHEMES.includes(scheme)) throw invalidValue(message, value);
  const netloc = netlocOf(value);
  // urlsplit() raises ValueError for an unbalanced IPv6 bracket.
  if (netloc.includes('[') !== netloc.includes(']')) throw invalidValue(message, value);
  if (!urlRegex.test(value)) throw invalidValue(message, value);
  const bracketed = /^\[(.+)\](?::[0-9]{1,5})?$/.exec(netloc);
  if (bracketed && !isIPv6(bracketed[1]!)) throw invalidValue(message, value);
  const host = hostnameOf(netloc);
  if (host === undefined || pyLen(host) > 253) throw invalidValue(message, value);
};

/** `urlsplit(url).netloc`: between "//" and the first "/", "?" or "#". */
function netlocOf(url: string): string {
  const rest = url.slice(url.indexOf('://') + 3);
  const end = rest.search(/[/?#]/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** `urlsplit(url).hostname`: the netloc without credentials, port and brackets, lower-cased. */
function hostnameOf(netloc: string): string | undefined {
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  const bracket = /^\[([^\]]*)\]/.exec(host);
  const name = bracket ? bracket[1]! : host.split(':')[0]!;
  return name === '' ? undefined : name.toLowerCase();
}

export const validateSlug: Validator = (value) => {
  if (!/^[-a-zA-Z0-9_]+$/.test(String(value))) {
    throw invalidValue('Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.', value);
  }
};

/** A CharField whose own validator runs before MaxLengthValidator, as in Django. */
function validatedCharField(defaultMaxLength: number, validator: Validator) {
  return class extends CharField {
    constructor(spec: FieldSpec) {
      super({ max_length: defaultMaxLength, ...spec });
    }
    override validators(): Validator[] {
      return [validator, ...super.validators()];
    }
  };
}

export const EmailField = validatedCharField(254, validateEmail);
export const URLField = validatedCharField(200, validateUrl);
export const SlugField = validatedCharField(50, validateSlug);

registerFieldType('EmailField', EmailField);
registerFieldType('URLField', URLField);
registerFieldType('SlugField', SlugField);
