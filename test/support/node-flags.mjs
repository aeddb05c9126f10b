// V8 flags for the test processes that run PGlite: every server test file and every e2e server.
//
// --liftoff-only: PGlite's WebAssembly (a 9 MB PostgreSQL) stays on V8's baseline compiler. By default
// V8 recompiles each hot function again with TurboFan on background threads, which for a process that
// lives seconds to a minute costs more CPU than the faster code saves. Measured on the shared 2-core
// machine (process CPU, user + system, at load 8-20): an e2e server up from a seeded copy 5.4-5.8 s ->
// 3.3-3.5 s; server test files on PGlite articles 8.6 -> 5.2 s, community 9.3 -> 6.4, email 8.6 -> 6.1,
// excerpt 6.2 -> 4.5; the one long file, api-property (~1,800 requests), 28.9 -> 29.9 s.
export const NODE_WASM_FLAGS = ['--liftoff-only'];
