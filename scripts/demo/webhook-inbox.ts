/** The demo's stand-in for a town's group robot: prints every message it receives. */
import * as http from 'node:http';

const port = Number(process.env.PORT ?? 3099);
http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const m = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        console.log(`[${new Date().toISOString()}] 【${m.title}】${m.text}`);
      } catch {
        console.log(Buffer.concat(chunks).toString('utf8'));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`webhook inbox on http://127.0.0.1:${port}/hook`));
