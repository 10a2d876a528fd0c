import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** A local HTTP endpoint that records what robots and webhooks would receive; can fail on purpose. */
export class WebhookSink {
  readonly received: ReceivedRequest[] = [];
  private server: http.Server | null = null;
  /** Fraction of requests answered 500 (0..1), decided by `random`. */
  failureRate = 0;
  random: () => number = Math.random;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.failureRate > 0 && this.random() < this.failureRate) {
          res.writeHead(500).end('{"errcode":500}');
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* not JSON: kept as text */
        }
        this.received.push({ at: Date.now(), path: req.url ?? '', headers: req.headers, body, json });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
