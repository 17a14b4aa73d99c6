import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test can take down and bring back, to play a database restart
 * between the server and PostgreSQL. `down()` stops accepting (new connections are refused) and
 * cuts every open connection both ways; `up()` accepts again on the same port.
 */
export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  readonly isUp: boolean;
  /** Connections accepted so far, over all ups. */
  readonly accepted: number;
  /** Open client connections now. */
  readonly open: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const host = '127.0.0.1';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let server: net.Server | undefined;
  let port = 0;
  let accepted = 0;

  const onConnection = (client: net.Socket) => {
    accepted++;
    const upstream = net.connect({ host: target.host, port: target.port });
    const pair = { client, upstream };
    pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = async (): Promise<void> => {
    // The port was ours a moment ago; retry briefly in case the kernel has not let go of it yet.
    for (let attempt = 0; ; attempt++) {
      const s = net.createServer(onConnection);
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen({ host, port, exclusive: true }, () => { s.off('error', reject); resolve(); });
        });
        server = s;
        const address = s.address();
        if (typeof address === 'object' && address) port = address.port;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const down = async (): Promise<void> => {
    const s = server;
    server = undefined;
    const closed = s ? new Promise<void>((resolve) => s.close(() => resolve())) : Promise.resolve();
    for (const { client, upstream } of pairs) {
      // A reset, as a crashed or restarted database host leaves behind; the server side sees its
      // socket die mid-query, and PostgreSQL sees its client go away (and rolls back).
      if (typeof client.resetAndDestroy === 'function') client.resetAndDestroy(); else client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    await closed;
  };

  await listen();
  return {
    host,
    get port() { return port; },
    get isUp() { return server !== undefined; },
    get accepted() { return accepted; },
    get open() { return pairs.size; },
    down,
    up: async () => { if (!server) await listen(); },
    close: down,
  };
}
