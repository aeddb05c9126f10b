import { defineConfig } from 'vite';

// No @vitejs/plugin-react (not installed, and not needed for a build): Vite's esbuild compiles the
// JSX with React 17+'s automatic runtime, as the plugin would.
export default defineConfig({ esbuild: { jsx: 'automatic' } });
