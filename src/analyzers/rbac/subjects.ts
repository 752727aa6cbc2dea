/**
 * Identities and subjects: how `user:NAME`, `group:NAME` and `sa:NS:NAME` become the user name
 * and groups the authorizer sees, and how binding subjects are matched against them.
 */
import { UsageError } from '../../errors.js';
import type { Identity, SubjectRef } from './types.js';

export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const MASTERS = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

/**
 * `system:serviceaccount:NS:NAME`, the user name a ServiceAccount token authenticates as.
 *
 * @example
 * serviceAccountUser('shop', 'cart'); // 'system:serviceaccount:shop:cart'
 */
export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/**
 * Splits `system:serviceaccount:NS:NAME` into namespace and name; undefined for other users.
 *
 * @example
 * parseServiceAccountUser('system:serviceaccount:shop:cart'); // { namespace: 'shop', name: 'cart' }
 */
export function parseServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const rest = user.slice(SA_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/**
 * The groups every identity carries besides its explicit ones: `system:authenticated` (or
 * `system:unauthenticated` for `system:anonymous`), and for ServiceAccounts
 * `system:serviceaccounts` and `system:serviceaccounts:NS`.
 *
 * @example
 * implicitGroups('system:anonymous'); // ['system:unauthenticated']
 */
export function implicitGroups(user: string): string[] {
  if (user === ANONYMOUS) return [UNAUTHENTICATED];
  const sa = parseServiceAccountUser(user);
  if (sa) return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`, AUTHENTICATED];
  return [AUTHENTICATED];
}

/**
 * An identity with its implicit groups added (each group once).
 *
 * @example
 * identityOf('alice', ['dev']).groups; // ['dev', 'system:authenticated']
 */
export function identityOf(user: string, groups: readonly string[] = []): Identity {
  return { user, groups: [...new Set([...groups, ...implicitGroups(user)])] };
}

/**
 * Parses a command-line subject: `user:NAME`, `group:NAME` or `sa:NS:NAME`. A group subject
 * stands for an authenticated member of the group with no other groups (user name `""`).
 *
 * @example
 * parseSubject('sa:shop:cart').user; // 'system:serviceaccount:shop:cart'
 */
export function parseSubject(text: string, extraGroups: readonly string[] = []): Identity {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (kind === 'user' && rest !== '') return identityOf(rest, extraGroups);
  if (kind === 'group' && rest !== '') {
    const groups = rest === UNAUTHENTICATED ? [rest] : [rest, AUTHENTICATED];
    return { user: '', groups: [...new Set([...groups, ...extraGroups])] };
  }
  if (kind === 'sa') {
    const [namespace, name, ...more] = rest.split(':');
    if (namespace && name && more.length === 0) return identityOf(serviceAccountUser(namespace, name), extraGroups);
  }
  throw new UsageError(`invalid subject "${text}": expected user:NAME, group:NAME or sa:NAMESPACE:NAME`);
}

/**
 * `user:NAME` / `group:NAME`: the keys an identity is looked up by.
 *
 * @example
 * identityKeys(identityOf('alice')); // ['group:system:authenticated', 'user:alice']
 */
export function identityKeys(identity: Identity): string[] {
  const keys = identity.groups.map((g) => `group:${g}`);
  if (identity.user !== '') keys.push(`user:${identity.user}`);
  return keys;
}

/**
 * The key a binding subject matches, as the authorizer's `appliesTo` decides: a ServiceAccount
 * without a namespace takes the binding's namespace (and matches nothing in a
 * ClusterRoleBinding); unknown kinds match nothing.
 *
 * @example
 * subjectKey({ kind: 'ServiceAccount', name: 'ci' }, 'shop'); // 'user:system:serviceaccount:shop:ci'
 */
export function subjectKey(subject: SubjectRef, bindingNamespace: string | undefined): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `user:${subject.name}`;
    case 'Group':
      return `group:${subject.name}`;
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace ? `user:${serviceAccountUser(namespace, subject.name)}` : undefined;
    }
  }
}

/**
 * Human form of a subject key: `User alice`, `Group dev`, `ServiceAccount shop/cart`.
 *
 * @example
 * describeSubjectKey('user:system:serviceaccount:shop:ci'); // 'ServiceAccount shop/ci'
 */
export function describeSubjectKey(key: string): string {
  if (key.startsWith('group:')) return `Group ${key.slice(6)}`;
  const user = key.slice(5);
  const sa = parseServiceAccountUser(user);
  return sa ? `ServiceAccount ${sa.namespace}/${sa.name}` : `User ${user}`;
}

/**
 * The command-line form of a subject key: `user:alice`, `group:dev`, `sa:shop:cart`.
 *
 * @example
 * subjectArgument('user:system:serviceaccount:shop:ci'); // 'sa:shop:ci'
 */
export function subjectArgument(key: string): string {
  if (key.startsWith('group:')) return key;
  const sa = parseServiceAccountUser(key.slice(5));
  return sa ? `sa:${sa.namespace}:${sa.name}` : key;
}

/**
 * The identity a subject key stands for (with implicit groups).
 *
 * @example
 * identityOfKey('group:dev').groups; // ['dev', 'system:authenticated']
 */
export function identityOfKey(key: string): Identity {
  if (key.startsWith('group:')) return parseSubject(key);
  return identityOf(key.slice(5));
}
