// Brings up what integration tests need (idempotently): Kafka, the database, topics.
// If this run had to start Kafka, global-teardown stops it again; a broker already running is left alone.
const { execFileSync } = require('node:child_process');
const { createConnection } = require('node:net');
const { join } = require('node:path');

const repo = join(__dirname, '../../..');

function kafkaPortOpen() {
  const [host, port] = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',')[0].split(':');
  return new Promise((done) => {
    const socket = createConnection({ host, port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.once('error', () => done(false));
  });
}

module.exports = async () => {
  const running = await kafkaPortOpen();
  execFileSync(process.execPath, [join(repo, 'infra/infra.mjs'), 'up'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (!running) process.env.LOGISTICS_TEST_STOP_KAFKA = '1';
};
