/** Drops the Allow header from every response (405s and OPTIONS answers alike). */
import { ResponseHeaders } from '../../reference/http/response.js';
import { mutantOf } from './mutant.js';

export const kills = ['views.class.unsupported-method-is-405-with-allow', 'views.class.options-lists-allowed-methods', 'http.not-allowed.helper'];

export const createImplementation = mutantOf(() => {
  const set = ResponseHeaders.prototype.set;
  ResponseHeaders.prototype.set = function (name: string, value: string) {
    if (name.toLowerCase() !== 'allow') set.call(this, name, value);
  };
});
