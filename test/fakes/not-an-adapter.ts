/** A module that loads but does not export the adapter contract (`createImplementation`). */
export const implementation = { hello: () => 'not the contract' };
