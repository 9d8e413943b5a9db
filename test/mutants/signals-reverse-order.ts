/** Calls receivers in reverse connection order. */
import { Signal } from '../../reference/signals/dispatcher.js';
import { mutantOf } from './mutant.js';

export const kills = [
  'signals.dispatcher.follows-the-dispatcher-model',
  'signals.dispatcher.responses-in-connection-order',
  'signals.dispatcher.reconnect-moves-to-the-end',
  'signals.model.ready-receivers-run-first',
];

export const createImplementation = mutantOf(() => {
  const live = Signal.prototype.liveReceivers;
  Signal.prototype.liveReceivers = function (sender) {
    return live.call(this, sender).reverse();
  };
});
