/**
 * The `type` of Secrets, without reading them. Metadata-only lists carry no `type`, yet
 * checks need it (a hand-made `kubernetes.io/service-account-token` Secret is a token that
 * never expires). The API server filters Secrets by type with a field selector, so one more
 * metadata-only list per type of interest tells which Secrets have it — still no value, and
 * still only the `list` verb.
 */
import { isJsonObject, type JsonObject } from '../model/types.js';
import type { ApiClient } from './client.js';
import { listAll, type ListSettings } from './list.js';
import type { ApiResourceType, CoverageGap } from './types.js';

/** Secret types that checks look at; other Secrets keep no `type`. */
export const SECRET_TYPES_OF_INTEREST = [
  'kubernetes.io/basic-auth',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/service-account-token',
  'kubernetes.io/ssh-auth',
  'kubernetes.io/tls',
] as const;

function uidOf(item: JsonObject): string | undefined {
  const metadata = item['metadata'];
  return isJsonObject(metadata) && typeof metadata['uid'] === 'string' ? metadata['uid'] : undefined;
}

/**
 * Sets `type` on the metadata-only Secrets in `items` (in place: they are the reader's own
 * fresh objects) and returns the gaps of type lists that failed.
 *
 * @example
 * const gaps = await addSecretTypes(client, secretsType, undefined, outcome.items, settings);
 */
export async function addSecretTypes(client: ApiClient, type: ApiResourceType, namespace: string | undefined, items: JsonObject[], settings: ListSettings): Promise<CoverageGap[]> {
  const byUid = new Map<string, JsonObject>();
  for (const item of items) {
    const uid = uidOf(item);
    if (uid !== undefined) byUid.set(uid, item);
  }
  const gaps: CoverageGap[] = [];
  for (const secretType of SECRET_TYPES_OF_INTEREST) {
    const outcome = await listAll(client, type, namespace, { ...settings, fieldSelector: `type=${secretType}` });
    if (outcome.gap) {
      gaps.push({ ...outcome.gap, message: `Secret type ${secretType}: ${outcome.gap.message}` });
      continue;
    }
    for (const typed of outcome.items) {
      const uid = uidOf(typed);
      const item = uid !== undefined ? byUid.get(uid) : undefined;
      if (item) item['type'] = secretType;
    }
  }
  return gaps;
}
