import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';

/** Paths that are the API's, never the web app's (no SPA fallback there). */
const API_PATHS = /^\/(api|open311|health)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's own code only; antd writes its styles inline (CSS-in-JS). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  /** Compressed by the build (`<file>.br`, `<file>.gz` beside it), else gzip made here once. */
  br: Buffer | null;
  gzip: Buffer | null;
  etag: string;
}

/** A compressed copy the build wrote beside `file`, if it is of this build (not older) and smaller. */
function precompressed(file: string, mtimeMs: number, size: number): Buffer | null {
  try {
    const st = statSync(file);
    return st.isFile() && st.mtimeMs >= mtimeMs && st.size < size ? readFileSync(file) : null;
  } catch {
    return null;
  }
}

/**
 * The built web app (`dist/web`, from `npm run build`): where the compiled api runs from dist/,
 * else under the working directory.
 */
export function webAppDir(): string {
  const candidates = [
    resolve(__dirname, '..', '..', '..', '..', 'web'),
    resolve(process.cwd(), 'dist', 'web'),
  ];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

/**
 * Serves the web app at `/`: its hashed assets with a year's cache, any other path that is not the
 * API's (`/api`, `/open311`, `/health`) the app's `index.html` (the app routes in the browser).
 * Files are read once per build and sent compressed to clients that accept it: brotli or gzip as
 * the build wrote them (vite.config.mts), else gzip made at the first request. Without a build,
 * those paths answer 404 with the command that builds it.
 */
export function webAppMiddleware(dir: string) {
  const cache = new Map<string, CachedFile>();

  const load = (file: string): CachedFile | null => {
    let mtimeMs: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return null;
      mtimeMs = st.mtimeMs;
    } catch {
      return null;
    }
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const body = readFileSync(file);
    const compressible = /^(text\/|application\/json|image\/svg)/.test(TYPES[extname(file)] ?? '');
    const br = compressible ? precompressed(`${file}.br`, mtimeMs, body.length) : null;
    const built = compressible ? precompressed(`${file}.gz`, mtimeMs, body.length) : null;
    const gz = built ?? (compressible && body.length > 1024 ? gzipSync(body, { level: 9 }) : null);
    const entry: CachedFile = {
      mtimeMs,
      body,
      br,
      gzip: gz && gz.length < body.length ? gz : null,
      etag: `W/"${body.length.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
    };
    cache.set(file, entry);
    return entry;
  };

  const send = (req: Request, res: Response, file: string, f: CachedFile, immutable: boolean) => {
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', f.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (extname(file) === '.html') {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('Referrer-Policy', 'same-origin');
    }
    if (req.headers['if-none-match'] === f.etag) {
      res.status(304).end();
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding =
      f.br && /\bbr\b/.test(accepts) ? 'br' : f.gzip && /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const body = encoding === 'br' ? f.br! : encoding === 'gzip' ? f.gzip! : f.body;
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const index = load(join(dir, 'index.html'));
    if (!index) {
      res
        .status(404)
        .type('text/plain')
        .send(
          'The web app is not built: run `npm run build` (or `npm run build:web`) in the hub checkout.\n',
        );
      return;
    }
    const file = resolve(dir, `.${path}`);
    const inside = file.startsWith(dir + sep);
    const found = inside && path !== '/' ? load(file) : null;
    if (found) return send(req, res, file, found, path.startsWith('/assets/'));
    // A missing asset is a 404 (a stale page after a new build), not the app's HTML.
    if (path.startsWith('/assets/') || extname(path)) {
      res.status(404).type('text/plain').send(`no such file: ${path}\n`);
      return;
    }
    send(req, res, join(dir, 'index.html'), index, false);
  };
}

/** Mounts the web app on the api's HTTP server, in front of the API routes. */
export function serveWebApp(app: NestExpressApplication, webDir?: string): void {
  const dir = webDir ? resolve(webDir) : webAppDir();
  app.use(webAppMiddleware(dir));
  if (!existsSync(join(dir, 'index.html')))
    Logger.warn(`web app not built (${dir}): run npm run build; / answers 404 until then`, 'web');
}
