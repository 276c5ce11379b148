/**
 * Builds the customer-portal panel (Custom UI) into static/portal/build, the manifest's `portal`
 * resource. Written against React's API and shipped as Preact through preact/compat: the panel must
 * show the status quickly in the portal's side panel, and Preact is a fraction of React's size.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Forge serves a resource from a sub-path: every asset URL must be relative.
  base: './',
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
    ],
  },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    // .vite/manifest.json tells what index.html loads at once from what is loaded lazily (the size test).
    manifest: true,
    // Atlassian cloud products support current browsers only.
    target: 'es2022',
  },
});
