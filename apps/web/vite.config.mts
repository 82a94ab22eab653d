// The staff and public web app (issue 7): `npm run build:web` builds it into dist/web, which the api
// serves at the hub's public base URL. `npx vite --config apps/web/vite.config.mts` runs a dev server
// on :5173 that proxies the API to a running hub (HUB_URL, default http://127.0.0.1:8080).
// Paths are relative to the repo root: every script runs from there.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { antdComponentsUsed, antdStaticCss } from './antd-static-style.mts';

const hub = process.env.HUB_URL ?? 'http://127.0.0.1:8080';

/**
 * `import 'virtual:antd-static.css'` (main.tsx): antd's styles for the app's theme, rendered at build
 * time (antd-static-style.mts), so the browser does not build them on every cold load.
 */
function antdStaticStyle(): Plugin {
  const id = 'virtual:antd-static.css';
  return {
    name: 'antd-static-style',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) =>
      resolved === `\0${id}`
        ? antdStaticCss(antdComponentsUsed(fileURLToPath(new URL('src', import.meta.url))))
        : undefined,
  };
}

/**
 * Brotli and gzip copies of the built scripts and styles (`x.js.br`, `x.js.gz`), which the api sends
 * to browsers that accept them (apps/api/src/web/web-static.ts) instead of compressing at run time.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle).filter((f) => /\.(js|css|svg|json)$/.test(f))) {
        const file = join(options.dir!, name);
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * `src/boot.ts` as its own entry, run before the app's (preload.ts): an async script tag for it first
 * in index.html's head. It runs as soon as its own imports are in (React's core in its own small file,
 * a few app modules), waiting neither for the large library file the app needs nor for the styles.
 */
function bootFirst(): Plugin {
  return {
    name: 'boot-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isEntry && c.name === 'boot',
        );
        if (!boot) throw new Error('the boot entry (src/boot.ts) is missing from the bundle');
        return [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  root: 'apps/web',
  base: '/',
  plugins: [react(), antdStaticStyle(), bootFirst(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        boot: fileURLToPath(new URL('src/boot.ts', import.meta.url)),
      },
      output: {
        // A few large files instead of forty small ones: a cold load fetches its scripts over the six
        // connections a browser opens to one host, the API calls and the live stream share them. The
        // libraries every page needs in one file, ECharts (the SLA board and analytics) in another,
        // each page's own code in its own.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            // React's core apart (small): boot.ts needs it, and nothing else from node_modules.
            { name: 'react', test: /node_modules[\\/]react[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': hub, '/health': hub, '/open311': hub },
  },
});
