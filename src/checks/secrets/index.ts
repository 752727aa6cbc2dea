/** secrets checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import argsLiteralCredential from './args-literal-credential.js';
import configmapLiteralCredential from './configmap-literal-credential.js';
import envLiteralCredential from './env-literal-credential.js';
import secretDataInManifest from './secret-data-in-manifest.js';
import secretInEnv from './secret-in-env.js';
import serviceAccountTokenSecret from './service-account-token-secret.js';

export const SECRETS_CHECKS = {
  'secrets.args-literal-credential': argsLiteralCredential,
  'secrets.configmap-literal-credential': configmapLiteralCredential,
  'secrets.env-literal-credential': envLiteralCredential,
  'secrets.secret-data-in-manifest': secretDataInManifest,
  'secrets.secret-in-env': secretInEnv,
  'secrets.service-account-token-secret': serviceAccountTokenSecret,
} as const satisfies Record<string, AnyCheck>;
