import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// As the README's Vue section says: Vue leaves the confab-* tags to the browser.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('confab-') } } })],
});
