import { invalidParameter } from './cognito-error.ts';

/** A parsed JSON request body. */
export type JsonObject = Record<string, unknown>;

/** Whether a JSON value is an object (not an array or null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Cognito's validation wording, which names the member in camelCase.
function validationError(field: string, constraint: string, value: unknown = null): never {
  const shown = value === null || value === undefined ? 'null' : `'${String(value).slice(0, 40)}'`;
  const member = field.charAt(0).toLowerCase() + field.slice(1);
  throw invalidParameter(
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** A required, non-empty string member of the request. */
export function requireString(input: JsonObject, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) validationError(field, 'Member must not be null');
  if (typeof value !== 'string') validationError(field, 'Member must be a string', typeof value);
  if (value.length === 0) validationError(field, 'Member must have length greater than or equal to 1', value);
  return value;
}

/** An optional string member (such as `Session`): absent or null gives undefined, anything else as required. */
export function optionalString(input: JsonObject, field: string): string | undefined {
  return input[field] === undefined || input[field] === null ? undefined : requireString(input, field);
}

/** A string-to-string map member (AuthParameters, ChallengeResponses, ClientMetadata); absent gives undefined. */
export function optionalStringMap(input: JsonObject, field: string): Record<string, string> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value) || !Object.values(value).every((entry) => typeof entry === 'string')) {
    validationError(field, 'Member must be a map of strings to strings', '{…}');
  }
  return value as Record<string, string>;
}

/** A required string-to-string map member. */
export function requireStringMap(input: JsonObject, field: string): Record<string, string> {
  return optionalStringMap(input, field) ?? validationError(field, 'Member must not be null');
}

/** A required entry of a parameter map such as AuthParameters, reported the way Cognito reports it. */
export function requireParameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}
