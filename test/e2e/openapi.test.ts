import { createTestStack, startTestService, type RunningService, type TestStack } from '@lib/testing';
import { modules } from '../support/system';

type Operation = {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { example?: unknown } }> };
  responses: Record<string, unknown>;
};

/** Every endpoint of every service is documented, behind the bearer scheme, with examples. */
describe('OpenAPI at /docs and /docs-json', () => {
  let stack: TestStack;
  const services: Record<string, RunningService> = {};

  beforeAll(async () => {
    stack = await createTestStack('openapi');
    for (const name of ['shipments', 'customs', 'notifications'] as const)
      services[name] = await startTestService(name, modules[name], {}, stack);
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await stack?.dispose();
  });

  it.each(['shipments', 'customs', 'notifications'])(
    '%s documents every API route with the bearer scheme and examples',
    async (name) => {
      const response = await fetch(`${services[name].baseUrl}/docs-json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        components: { securitySchemes: Record<string, unknown> };
        paths: Record<string, Record<string, Operation>>;
      };
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const apiRoutes = Object.entries(document.paths).filter(([path]) => path.startsWith('/v1/'));
      expect(apiRoutes.length).toBeGreaterThan(0);
      for (const [path, operations] of apiRoutes) {
        for (const [method, operation] of Object.entries(operations)) {
          expect({ route: `${method} ${path}`, security: operation.security }).toEqual({
            route: `${method} ${path}`,
            security: [{ bearer: [] }],
          });
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '429']));
          if (operation.requestBody)
            expect(operation.requestBody.content['application/json'].schema.example).toBeDefined();
        }
      }
      const ui = await fetch(`${services[name].baseUrl}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    },
  );
});
