const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.LOGISTICS_TEST_STOP_KAFKA !== '1') return;
  execFileSync(process.execPath, [join(__dirname, '../../../infra/infra.mjs'), 'down'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};
