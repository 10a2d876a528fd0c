/** The demo's stand-in for a town's group robot and the SMS gateway: prints every message it receives. */
import * as http from 'node:http';

const port = Number(process.env.PORT ?? 3099);
http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const m = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        // the SMS gateway's template call (a verification code of the public request form)
        if (req.url === '/sms') {
          console.log(
            `[${new Date().toISOString()}] 短信 ${m.phone} 模板 ${m.templateId}: ${JSON.stringify(m.params)}`,
          );
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0}');
          return;
        }
        console.log(`[${new Date().toISOString()}] 【${m.title}】${m.text}`);
      } catch {
        console.log(Buffer.concat(chunks).toString('utf8'));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`webhook inbox on http://127.0.0.1:${port}/hook`));
