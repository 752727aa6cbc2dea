/**
 * The vocabulary of the check engine: severities, frameworks, controls, check definitions and
 * the findings they produce.
 */
import type { Inventory } from '../model/inventory.js';
import type { Resource, ResourceRef } from '../model/types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse. */
export function severityRank(severity: Severity): number {
  // A switch rather than indexOf: reporters sort tens of thousands of findings by it.
  switch (severity) {
    case 'critical':
      return 5;
    case 'high':
      return 4;
    case 'medium':
      return 3;
    case 'low':
      return 2;
    case 'info':
      return 1;
    default:
      return 0;
  }
}

export const FRAMEWORKS = ['cis-k8s', 'nsa-cisa', 'pss', 'mitre-attack', 'pci-dss', 'hipaa', 'soc2'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** A structured reference to one control of a compliance framework. */
export interface Control {
  framework: Framework;
  id: string;
}

export const DOMAINS = [
  'pod-security',
  'workload',
  'image',
  'secrets',
  'rbac',
  'network',
  'namespace',
  'admission',
  'runtime',
  'control-plane',
  'monitoring',
  'reliability',
  'deprecation',
  'governance',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** What a check reports: a message id, its placeholders and the JSON Pointer (inside the resource body) it concerns. */
export interface Report<MessageId extends string> {
  messageId: MessageId;
  data?: Readonly<Record<string, string | number>>;
  /** JSON Pointer inside the resource body; "" for the whole resource. */
  path: string;
  /** For inventory-scoped checks: the resource the finding belongs to. */
  resource?: Resource;
}

export interface CheckContext<MessageId extends string, Options> {
  /** The resource under evaluation (for inventory-scoped checks: undefined). */
  readonly resource: Resource;
  readonly inventory: Inventory;
  readonly options: Options;
  /** The settings of this run that checks may read (Pod Security level and version, target posture…). */
  readonly settings: RunSettings;
  report(report: Report<MessageId>): void;
}

export interface InventoryCheckContext<MessageId extends string, Options> {
  readonly inventory: Inventory;
  readonly options: Options;
  readonly settings: RunSettings;
  report(report: Report<MessageId> & { resource: Resource }): void;
}

export type PssLevel = 'baseline' | 'restricted';

/** Settings of one evaluation run, shared by every check. */
export interface RunSettings {
  pssLevel: PssLevel;
  /** Pod Security version as "1.N" (already resolved from `latest`). */
  pssVersion: string;
}

export interface VersionedEvaluate<MessageId extends string, Options> {
  /** First version ("1.N") whose behaviour this entry implements. Entries are listed oldest first. */
  since: string;
  evaluate(context: CheckContext<MessageId, Options>): void;
}

interface CheckMeta<MessageId extends string, Options> {
  /** Stable id, dotted or kebab-case; never reused. */
  id: string;
  title: string;
  domain: Domain;
  severity: Severity;
  controls: readonly Control[];
  /** A full sentence (or several) telling the user what to change. */
  remediation: string;
  /** Markdown explaining what the check looks at and why it matters. */
  docs: string;
  /** Message templates with `{{placeholder}}` slots. */
  messages: Readonly<Record<MessageId, string>>;
  /** Resource kinds this check applies to; `'*'` for every kind; `'pod-templates'` for every resource carrying a pod template. */
  match: readonly string[] | '*' | 'pod-templates';
  defaultOptions?: Options;
  /** Which version of the behaviour applies, for versioned checks: reads the run settings. */
  versionOf?: (settings: RunSettings) => string;
  /** Only run when this returns true for the run settings (e.g. restricted-only checks). */
  enabledFor?: (settings: RunSettings) => boolean;
}

export interface ResourceCheck<MessageId extends string = string, Options = unknown> extends CheckMeta<MessageId, Options> {
  scope: 'resource';
  evaluate?: (context: CheckContext<MessageId, Options>) => void;
  versions?: ReadonlyArray<VersionedEvaluate<MessageId, Options>>;
}

export interface InventoryCheck<MessageId extends string = string, Options = unknown> extends CheckMeta<MessageId, Options> {
  scope: 'inventory';
  evaluate: (context: InventoryCheckContext<MessageId, Options>) => void;
}

/** Findings produced by the engine itself (suppression governance); the definition carries their metadata. */
export interface EngineCheck<MessageId extends string = string, Options = unknown> extends CheckMeta<MessageId, Options> {
  scope: 'engine';
}

export type CheckDefinition<MessageId extends string = string, Options = unknown> =
  | ResourceCheck<MessageId, Options>
  | InventoryCheck<MessageId, Options>
  | EngineCheck<MessageId, Options>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<string, any>;

/**
 * Identity function that fixes the message-id and option types of a check, so a typo in a
 * message id does not compile.
 *
 * @example
 * export default defineCheck({ id: 'workload.example', messages: { bad: '{{name}} is bad' }, … });
 */
export function defineCheck<MessageId extends string, Options = Record<string, never>>(
  check: CheckDefinition<MessageId, Options>,
): CheckDefinition<MessageId, Options> {
  return check;
}

/** One finding as reported, with its location. */
export interface Finding {
  checkId: string;
  severity: Severity;
  domain: Domain;
  title: string;
  message: string;
  resource: ResourceRef;
  file: string;
  line: number;
  column: number;
  /** JSON Pointer inside the resource body. */
  path: string;
  /** Shared by every finding of the check (frozen): copy before changing. */
  controls: readonly Control[];
  fingerprint: string;
  /** Chart template (from Helm `# Source:`), when known. */
  template?: string;
}

/** An error with a location: a document that did not parse, a check that threw. */
export interface RunError {
  file: string;
  line?: number;
  message: string;
  checkId?: string;
  resource?: ResourceRef;
}

export interface Summary {
  documents: number;
  resources: number;
  skipped: number;
  failed: number;
  findings: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
}

export interface ScanResult {
  summary: Summary;
  findings: Finding[];
  errors: RunError[];
  /** Documents skipped, with why (not Kubernetes objects, binary files…). */
  skipped: Array<{ file: string; line?: number; reason: string }>;
  /** The checks that ran, for reporters that describe rules (SARIF). */
  checks: readonly AnyCheck[];
}
