import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { webAppMiddleware } from './web-static';

/** GET `path` from the server with these request headers: status, headers and the raw body. */
function get(server: Server, path: string, headers: Record<string, string> = {}) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the web app server (a real HTTP server over a build directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-static-'));
  const script = `export const x = "${'a'.repeat(5000)}";\n`;
  const style = `.x{color:red}${' '.repeat(3000)}\n`;
  let server: Server;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'app-1.js'), script);
    // As the build writes them: brotli and gzip copies beside the file, made after it.
    writeFileSync(join(dir, 'assets', 'app-1.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'app-1.js.gz'), gzipSync(script));
    // A stylesheet without copies: compressed by the server.
    writeFileSync(join(dir, 'assets', 'app-1.css'), style);
    // A copy older than its file (left from another build): not used.
    writeFileSync(join(dir, 'assets', 'old-1.js'), script);
    writeFileSync(join(dir, 'assets', 'old-1.js.br'), Buffer.from('stale'));
    const past = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, 'assets', 'old-1.js.br'), past, past);
    const app = express();
    app.use(webAppMiddleware(dir));
    app.use((_req, res) => res.status(418).send('the API'));
    server = await new Promise<Server>((up) => {
      const s = app.listen(0, '127.0.0.1', () => up(s));
    });
  });

  afterAll(async () => {
    await new Promise((down) => server.close(down));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the build’s brotli copy to a browser that accepts it, for a year', async () => {
    const res = await get(server, '/assets/app-1.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and the plain file to one without either', async () => {
    const gz = await get(server, '/assets/app-1.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(server, '/assets/app-1.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('compresses a file the build left uncompressed, and ignores a copy older than its file', async () => {
    const css = await get(server, '/assets/app-1.css', { 'accept-encoding': 'gzip, br' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(css.body).toString()).toBe(style);
    const old = await get(server, '/assets/old-1.js', { 'accept-encoding': 'br, gzip' });
    expect(old.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(old.body).toString()).toBe(script);
  });

  it('answers the app for the app’s paths, 404 for a missing asset, and leaves the API’s paths alone', async () => {
    const page = await get(server, '/queue?status=open');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body.toString()).toContain('<title>app</title>');
    expect((await get(server, '/assets/gone-2.js')).status).toBe(404);
    expect((await get(server, '/api/v1/cases')).status).toBe(418);
    expect((await get(server, '/health')).status).toBe(418);
  });

  it('answers 304 to a request that has the current version', async () => {
    const first = await get(server, '/assets/app-1.js', { 'accept-encoding': 'br' });
    const again = await get(server, '/assets/app-1.js', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});
