import http from 'node:http';

/**
 * What a first visit to a UI costs on the wire: the page and every script and stylesheet its HTML
 * names (entry, modulepreload, stylesheet), fetched with `Accept-Encoding: br` as a browser asks,
 * counting the bytes sent (compressed), not the bytes they unpack to. Pages loaded later by a click
 * (lazy chunks) are not part of a cold load.
 */
export async function coldLoadBytes(base: string, page: string): Promise<{ page: string; files: number; bytes: number; uncompressed: number }> {
  const html = await raw(`${base}${page}`);
  const urls = new Set<string>();
  for (const m of html.text.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)) urls.add(m[1]!);
  let bytes = html.bytes;
  let uncompressed = html.text.length;
  for (const url of urls) {
    const r = await raw(`${base}${url}`);
    bytes += r.bytes;
    uncompressed += r.unpacked;
  }
  return { page, files: urls.size, bytes, uncompressed };
}

/** The body as sent: node's http does not decompress, so its length is what crossed the wire. */
function raw(url: string): Promise<{ bytes: number; unpacked: number; text: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${url}: HTTP ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', async () => {
        const body = Buffer.concat(chunks);
        const zlib = await import('node:zlib');
        const plain = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(body) : body;
        resolve({ bytes: body.length, unpacked: plain.length, text: plain.toString('utf8') });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}
