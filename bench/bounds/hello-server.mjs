// The plain Node HTTP server of raw bound 3: node:http, no framework, answering what /health/live answers.
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
