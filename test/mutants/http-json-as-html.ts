/** Serves JSON responses as text/html (the content-type default of a plain HttpResponse). */
import { ResponseHeaders } from '../../reference/http/response.js';
import { mutantOf } from './mutant.js';

export const kills = ['views.class.json-handler', 'http.json.python-text', 'views.function.echoes-json-body'];

export const createImplementation = mutantOf(() => {
  const set = ResponseHeaders.prototype.set;
  ResponseHeaders.prototype.set = function (name: string, value: string) {
    set.call(this, name, value === 'application/json' ? 'text/html; charset=utf-8' : value);
  };
});
