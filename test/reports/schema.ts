/** Validation of chart specs against the Vega-Lite JSON Schema shipped with vega-lite (draft-07). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);

let validator: ((spec: unknown) => string[]) | null = null;

/** Errors of a spec against the Vega-Lite schema (empty when valid). The schema is compiled once. */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
    const ajv = new Ajv({
      strict: false,
      allowUnionTypes: true,
      // The formats the Vega-Lite schema names: URIs are not checked (specs inline their data), colours are.
      formats: { uri: true, 'uri-reference': true, 'color-hex': /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/ },
    });
    const validate = ajv.compile(schema);
    validator = (s) => (validate(s) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
  }
  return validator(spec);
}
