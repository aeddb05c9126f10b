// Types for node-flags.mjs.
export const NODE_WASM_FLAGS: string[];
