// The alert-sink service for the local stack: an HTTP echo server in the manner of the
// mendhak/http-https-echo image compose runs. It logs every request (method, path, body) as one
// JSON line on stdout, where a test reads Alertmanager's webhook notifications, and answers 200.
//
//   node echo-server.mjs --host 127.0.0.1 --port 8080
// The port defaults to HTTP_PORT, as the image's does (compose sets HTTP_PORT).
import http from 'node:http';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const host = option('host', '127.0.0.1');
const port = Number(option('port', process.env.HTTP_PORT || '8080'));
const maxBody = 1024 * 1024;

const server = http.createServer((request, response) => {
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  });
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    console.log(JSON.stringify({ time: new Date().toISOString(), method: request.method, path: request.url, body }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url, method: request.method }));
  });
});

server.on('error', (error) => {
  console.error(`alert-sink: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.error(`alert-sink: listening on ${host}:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
