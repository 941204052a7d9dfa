import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const SCHEMA_DIR = new URL("../../test-data/360giving/", import.meta.url);
/**
 * A schema file as an object. The standard names its dialect `http://json-schema.org/draft/2020-12/schema`,
 * the same draft as the `https://` id ajv registers its meta-schema under; the id is normalised
 * so ajv checks the schema itself against that meta-schema instead of failing to find it.
 */
const readSchema = (name: string): Record<string, unknown> => {
  const schema = JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), "utf8")) as Record<string, unknown>;
  return { ...schema, $schema: "https://json-schema.org/draft/2020-12/schema" };
};

/**
 * A validator for a 360Giving package, from the schemas copied into `test-data/360giving` (see
 * its README for their source and licence), with ajv's draft 2020-12 dialect and formats. The
 * package schema refers to the grant schema at its 1.4.2 address while the grant schema calls
 * itself 1.4.3, so the grant schema is registered under both; nothing is fetched.
 */
export const threeSixtyGivingValidator = (): ValidateFunction => {
  // Unknown keywords stay errors; the standard's `required` inside `oneOf` branches (without
  // `properties` there) and its untyped `format` alternatives are valid JSON Schema that ajv's
  // stricter lint modes would reject.
  const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictRequired: false, strictTypes: false });
  addFormats.default(ajv);
  // The standard's own annotations (for its tools and docs), not validation keywords.
  ajv.addVocabulary(["rollUp", "codelist", "openCodelist"]);
  const grant = readSchema("360-giving-schema.json");
  ajv.addSchema(grant);
  ajv.addSchema({ ...grant, $id: String(grant["$id"]).replace("/1.4.3/", "/1.4.2/") });
  return ajv.compile(readSchema("360-giving-package-schema.json"));
};
