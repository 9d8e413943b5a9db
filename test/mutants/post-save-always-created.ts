/** Reports every save to post_save receivers as an insert (`created=True`). */
import { Signal } from '../../reference/signals/dispatcher.js';
import { mutantOf } from './mutant.js';

export const kills = ['signals.model.save-signals-around-the-write', 'signals.model.raw-save-for-fixtures'];

export const createImplementation = mutantOf(() => {
  const send = Signal.prototype.send;
  Signal.prototype.send = function (sender, kwargs = {}) {
    return send.call(this, sender, this.name === 'post_save' ? { ...kwargs, created: true } : kwargs);
  };
});
