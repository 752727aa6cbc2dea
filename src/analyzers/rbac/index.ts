/**
 * RBAC analysis with the exact semantics of the Kubernetes RBAC authorizer: can, who-can,
 * effective permissions, risky permissions, multi-hop escalation paths and least privilege from
 * audit logs.
 */
export type { AccessRequest, BindingInfo, Grant, Identity, NonResourceRequest, PolicyRule, RbacProblem, ResourceRequest, RoleInfo, SubjectRef } from './types.js';
export { ruleAllows, verbMatches, apiGroupMatches, resourceMatches, resourceNameMatches, nonResourceURLMatches } from './match.js';
export { buildRbacModel, grantAllows, RbacModel, type Decision, type RbacModelOptions, type SubjectGrants } from './model.js';
export { loadDefaultRoles, DEFAULT_ROLES_FILE } from './defaults.js';
export { describeRequest, nonResourceRequest, parseResourceArgument, resourceRequest } from './requests.js';
export { describeSubjectKey, identityOf, identityOfKey, implicitGroups, parseSubject, subjectArgument } from './subjects.js';
export { findRisks, RISKS, type Probe, type RiskDefinition, type RiskFinding } from './risks.js';
export { buildEscalationGraph, entersThrough, findPaths, PATH_TARGETS, type EscalationGraph, type EscalationPath, type PathHop, type PathTarget } from './paths.js';
export { pathsToDot, pathsToMermaid, pathsToText } from './paths-format.js';
export { parseAuditLog, type AuditRequest, type AuditParseResult } from './audit.js';
export { auditIdentity, generateFromAudit, unusedGrants, type GeneratedPolicy } from './generate.js';
export { modelOfInventory, graphOfInventory } from './cache.js';
