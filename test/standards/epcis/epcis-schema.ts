import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * GS1's EPCIS 2.0 JSON Schema (draft-07, so ajv's default class) as a validator. It compiles with ajv's
 * default options, strict mode included; ajv-formats supplies the `date-time` and `uri` formats the schema
 * leans on (event times, eventIDs, EPCs and locations are all `format: uri` / `date-time`).
 */
function compile() {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(__dirname, 'EPCIS-JSON-Schema.json'), 'utf8')) as object);
}

let validator: ReturnType<typeof compile> | undefined;

/** The schema's errors for `document`, none when it is valid EPCIS 2.0. */
export function epcisSchemaErrors(document: unknown): ErrorObject[] {
  validator ??= compile();
  return validator(document) ? [] : [...(validator.errors ?? [])];
}
