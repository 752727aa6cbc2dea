/**
 * The unconditional procMount rule (upstream `procMount_1_0`), shared by the baseline procMount
 * check (1.0 – 1.34, and 1.35+ outside user namespaces) and procMount_restricted (1.35+). It has
 * its own module because each of those two files needs it and one of them imports the other.
 */
import { ALLOWED, describeContainers, forbidden, joinQuote, podContainers, sortedSet, valueAt } from './helpers.js';
import type { PodCheckFn } from './types.js';

export const forbidNonDefaultProcMount: PodCheckFn = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const types: string[] = [];
  const paths: string[] = [];
  for (const c of podContainers(podSpec)) {
    const procMount = valueAt(c.container, 'securityContext', 'procMount');
    if (procMount === undefined || procMount === 'Default') continue;
    badContainers.push(c.name);
    types.push(typeof procMount === 'string' ? procMount : String(procMount));
    paths.push(`${c.pointer}/securityContext/procMount`);
  }
  if (badContainers.length === 0) return ALLOWED;
  return forbidden(
    'procMount',
    `${describeContainers(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths,
  );
};
