import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The vendored schema of each kind infra/k8s uses, by `apiVersion` and `kind` (README.md beside this file). */
export const SCHEMA_FILES: Record<string, string> = {
  'v1/Namespace': 'namespace-v1.json',
  'v1/ConfigMap': 'configmap-v1.json',
  'v1/Secret': 'secret-v1.json',
  'v1/Service': 'service-v1.json',
  'apps/v1/Deployment': 'deployment-apps-v1.json',
  'batch/v1/Job': 'job-batch-v1.json',
  'policy/v1/PodDisruptionBudget': 'poddisruptionbudget-policy-v1.json',
  'keda.sh/v1alpha1/ScaledObject': 'scaledobject-keda-v1alpha1.json',
};

type Schema = Record<string, unknown>;

/**
 * The "strict" reading of a standalone schema, as yannh/kubernetes-json-schema's `-strict` variants and
 * kubeconform's -strict make it: an object that lists its properties admits no others, so a misspelt
 * field (`readinesProbe`) fails instead of being ignored by the API server. The file itself stays as vendored.
 */
export function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (!node || typeof node !== 'object') return node;
  const schema: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, strict(value)]));
  if (schema.properties && typeof schema.properties === 'object' && !('additionalProperties' in schema))
    schema.additionalProperties = false;
  return schema;
}

/** The OpenAPI annotations (`x-kubernetes-list-type`, …) used anywhere: ajv's strict mode must know them. */
function annotationKeywords(schemas: unknown[]): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-kubernetes-')) found.add(key);
        walk(value);
      }
  };
  schemas.forEach(walk);
  return [...found];
}

function compileAll(): Map<string, ValidateFunction> {
  const loaded = Object.entries(SCHEMA_FILES).map(
    ([kind, file]) => [kind, JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as Schema] as const,
  );
  // strictTypes off: the generated schemas pair `type: [x, "null"]` with `enum`/`format`, which ajv
  // would only log about.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // Kubernetes' OpenAPI number and byte formats: the type already says integer / string.
  for (const format of ['int32', 'int64', 'byte']) ajv.addFormat(format, true);
  ajv.addVocabulary(annotationKeywords(loaded.map(([, schema]) => schema)));
  return new Map(loaded.map(([kind, schema]) => [kind, ajv.compile(strict(schema) as Schema)]));
}

let validators: Map<string, ValidateFunction> | undefined;

/** The schema's errors for one manifest document; throws for a kind with no vendored schema. */
export function k8sSchemaErrors(document: { apiVersion?: unknown; kind?: unknown }): ErrorObject[] {
  validators ??= compileAll();
  const key = `${String(document.apiVersion)}/${String(document.kind)}`;
  const validate = validators.get(key);
  if (!validate) throw new Error(`no vendored schema for ${key} (test/standards/k8s/README.md lists them)`);
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

/** The vendored schema files, to check the table above against the folder. */
export function vendoredSchemaFiles(): string[] {
  return readdirSync(__dirname).filter((file) => file.endsWith('.json'));
}
