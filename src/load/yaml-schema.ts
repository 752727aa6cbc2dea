/**
 * The YAML schema Kubernetes tooling effectively uses: kubectl and the API machinery convert YAML
 * to JSON with YAML 1.1 scalar resolution (`yes`/`on` are booleans, `017` is octal) and merge
 * keys, and leave timestamps as strings because JSON has no time type.
 */
import {
  FAILSAFE_SCHEMA,
  Schema,
  boolYaml11Tag,
  floatYaml11Tag,
  intYaml11Tag,
  mergeTag,
  nullYaml11Tag,
} from 'js-yaml';

export const KUBERNETES_YAML_SCHEMA = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);
