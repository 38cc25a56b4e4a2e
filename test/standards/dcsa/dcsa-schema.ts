import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** DCSA's published TNT 2.2.0 OpenAPI, vendored unchanged (see README.md next to it). */
const SPEC_FILE = join(__dirname, 'tnt_v2.2.0.yaml');
const ID = 'https://dcsa.org/tnt/2.2.0';

type Json = unknown;

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` widens the type to null (`nullable: false` says
 * nothing), and `#/components/schemas/X` becomes `#/$defs/X` so the schemas can sit in one JSON Schema.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', '#/$defs/');
    else out[key] = toJsonSchema(value);
  }
  const { nullable, type } = node as { nullable?: boolean; type?: string };
  if (nullable === true && typeof type === 'string') out.type = [type, 'null'];
  return out;
}

/**
 * The one erratum DCSA fixed in 2.3.0 (their changelog): 2.2.0's documentReferenceType enum carries the
 * description glued to the code ("BKG (Booking)"). Applied to the parsed copy, never to the file.
 */
function applyErrata(schemas: Record<string, any>): void {
  const type = schemas.documentReferences_inner?.properties?.documentReferenceType;
  if (JSON.stringify(type?.enum) !== JSON.stringify(['BKG (Booking)', 'TRD (Transport Document)']))
    throw new Error('the vendored spec changed: revisit the documentReferenceType erratum');
  type.enum = ['BKG', 'TRD'];
}

function load() {
  const spec = parse(readFileSync(SPEC_FILE, 'utf8'));
  const schemas = spec.components.schemas as Record<string, any>;
  applyErrata(schemas);
  const eventsAnswer = spec.paths['/v2/events'].get.responses['200'].content['application/json'].schema;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false });
  addFormats(ajv);
  // OpenAPI's own annotations, and a typo'd format in DCSA's error schema (`$date-time`).
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'discriminator' });
  ajv.addFormat('$date-time', true);
  ajv.addSchema({ $id: ID, $defs: toJsonSchema({ ...schemas, __eventsAnswer: eventsAnswer }) as object });
  const compiled = (name: string): ValidateFunction => ajv.getSchema(`${ID}#/$defs/${name}`)!;
  return {
    transportEvent: compiled('transportEvent'),
    equipmentEvent: compiled('equipmentEvent'),
    shipmentEvent: compiled('shipmentEvent'),
    eventsAnswer: compiled('__eventsAnswer'),
  };
}

let validators: ReturnType<typeof load> | undefined;

export type DcsaSchema = 'transportEvent' | 'equipmentEvent' | 'shipmentEvent' | 'eventsAnswer';

/** The schema's complaints about `body` (an empty list when it conforms), readable in a failed expectation. */
export function dcsaViolations(schema: DcsaSchema, body: unknown): string[] {
  validators ??= load();
  const validate = validators[schema];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** The schema for one event, by its own `eventType`. */
export function dcsaEventSchema(event: { eventType?: unknown }): DcsaSchema {
  switch (event.eventType) {
    case 'TRANSPORT':
      return 'transportEvent';
    case 'EQUIPMENT':
      return 'equipmentEvent';
    case 'SHIPMENT':
      return 'shipmentEvent';
    default:
      throw new Error(`not a DCSA event type: ${String(event.eventType)}`);
  }
}
