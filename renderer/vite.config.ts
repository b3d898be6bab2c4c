// Vite build of the workstation renderer into dist/renderer. Relative base so the same bundle loads
// from the loopback server and from Electron's file:// / custom protocol. No remote origins: every
// asset (maplibre's CSP worker, fonts, geography) is bundled.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: {
    // maplibre's CSP build: no blob: worker creation from inline source; the worker is a bundled file.
    alias: [{ find: /^maplibre-gl$/, replacement: 'maplibre-gl/dist/maplibre-gl-csp.js' }],
  },
  build: {
    outDir: resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    target: 'es2022',
  },
  server: { host: '127.0.0.1' },
});
