import { isOpenPath } from './open-paths';

describe('isOpenPath', () => {
  it.each([
    '/health/live',
    '/health/ready',
    '/metrics',
    '/metrics?x=1',
    '/docs',
    '/docs/',
    '/docs/index.html',
    '/docs/swagger-ui-init.js',
    '/docs/swagger-ui.css',
    '/docs-json',
    '/docs-json?v=2',
  ])('opens %s', (url) => expect(isOpenPath(url)).toBe(true));

  it.each([
    '/healthX',
    '/health-check',
    '/healthz/live',
    '/metricsfoo',
    '/docsfoo',
    '/docs-jsonx',
    '/docs-yaml',
    '/v1/health',
    '//health/live',
    '/',
  ])('does not open %s', (url) => expect(isOpenPath(url)).toBe(false));
});
