/**
 * Evaluates a generated ValidatingAdmissionPolicy the way the API server does: variables in
 * order (each sees the ones before it), then every validation; the request is admitted when
 * every validation is true. Values are converted as Kubernetes converts them (integers are
 * CEL ints). Uses @bufbuild/cel with the strings extension, the library Kubernetes also
 * enables (`lastIndexOf`, `substring`…).
 */
import { celEnv, isCelError, parse, plan, type CelEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { toCel } from '../../../../src/engine/custom-checks.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../../src/model/types.js';

let env: CelEnv | undefined;
function celEnvironment(): CelEnv {
  env ??= celEnv({ funcs: strings });
  return env;
}

type Program = (bindings: Record<string, unknown>) => unknown;
const programs = new Map<string, Program>();

/** Parses and plans an expression (throws on a syntax error). */
export function compileCel(expression: string): Program {
  let program = programs.get(expression);
  if (!program) {
    program = plan(celEnvironment(), parse(expression)) as unknown as Program;
    programs.set(expression, program);
  }
  return program;
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Messages of the validations that returned false. */
  denied: string[];
  /** Evaluation errors (an error is a failure under failurePolicy Fail). */
  errors: string[];
}

/**
 * Runs a ValidatingAdmissionPolicy against `object` (and optional request, namespaceObject, params).
 */
export function evaluatePolicy(policy: JsonObject, object: JsonObject, extra: { request?: JsonObject; namespaceObject?: JsonObject; params?: JsonObject } = {}): PolicyVerdict {
  const spec = policy['spec'];
  if (!isJsonObject(spec)) throw new Error('policy without spec');
  const bindings: Record<string, unknown> = { object: toCel(object), oldObject: null };
  if (extra.request) bindings['request'] = toCel(extra.request);
  if (extra.namespaceObject) bindings['namespaceObject'] = toCel(extra.namespaceObject);
  if (extra.params) bindings['params'] = toCel(extra.params);
  const variables: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const v of (spec['variables'] ?? []) as JsonValue[]) {
    if (!isJsonObject(v)) continue;
    const value = compileCel(String(v['expression']))({ ...bindings, variables: { ...variables } });
    if (isCelError(value)) errors.push(`variable ${String(v['name'])}: ${value.message}`);
    else variables[String(v['name'])] = value;
  }
  const denied: string[] = [];
  for (const validation of (spec['validations'] ?? []) as JsonValue[]) {
    if (!isJsonObject(validation)) continue;
    const result = compileCel(String(validation['expression']))({ ...bindings, variables: { ...variables } });
    if (isCelError(result)) errors.push(`${String(validation['message'])}: ${result.message}`);
    else if (result !== true) {
      if (result !== false) errors.push(`${String(validation['message'])}: not a bool (${String(result)})`);
      denied.push(String(validation['message']));
    }
  }
  return { allowed: denied.length === 0 && errors.length === 0, denied, errors };
}

/** Every CEL expression of a policy (variables and validations). */
export function policyExpressions(policy: JsonObject): string[] {
  const spec = policy['spec'] as JsonObject;
  const out: string[] = [];
  for (const list of [spec['variables'], spec['validations'], spec['matchConditions']]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) if (isJsonObject(entry) && typeof entry['expression'] === 'string') out.push(entry['expression']);
  }
  return out;
}
