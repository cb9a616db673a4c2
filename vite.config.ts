import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicyForMeta } from './electron/shell/csp.ts';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The policy the shells send as a header, also as a meta tag: a fallback should Electron stop
 * passing its file:// responses through `webRequest`. Imported, not copied, so it has one home.
 * Build only: the dev server injects inline scripts (React refresh) that this policy blocks.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'memory-console:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyForMeta() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: Electron opens index.html from disk (file://), browser mode serves it at /.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // Every runtime that loads this (Electron 45, current Chromium) supports modulepreload.
    modulePreload: { polyfill: false },
  },
});
