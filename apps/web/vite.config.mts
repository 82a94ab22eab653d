// The staff and public web app (issue 7): `npm run build:web` builds it into dist/web, which the api
// serves at the hub's public base URL. `npx vite --config apps/web/vite.config.mts` runs a dev server
// on :5173 that proxies the API to a running hub (HUB_URL, default http://127.0.0.1:8080).
// Paths are relative to the repo root: every script runs from there.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const hub = process.env.HUB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'apps/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': hub, '/health': hub, '/open311': hub },
  },
});
