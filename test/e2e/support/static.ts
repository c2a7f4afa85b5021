/** A static server for the built studio at /studio/ (used when the studio is tested on its own). */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export async function serveStudio(dist: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/studio')) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const rel = normalize(path.replace(/^\/studio\/?/, '')).replace(/^(\.\.[/\\])+/, '');
    const file = rel && rel !== '.' ? join(dist, rel) : join(dist, 'index.html');
    try {
      const body = await readFile(file);
      res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(body);
    } catch {
      res.setHeader('content-type', 'text/html');
      res.end(await readFile(join(dist, 'index.html')));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/studio/`, close: () => new Promise((r) => server.close(() => r())) };
}
