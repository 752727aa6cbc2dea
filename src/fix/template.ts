/**
 * Files that are not the source of truth are never rewritten: templates (Helm, or anything with
 * `{{ … }}`) and Helm's rendered output, whose fix belongs in the chart template it names.
 */
import type { Resource } from '../model/types.js';

/**
 * `{{` on a line that is not a comment. Deliberately broad: a ConfigMap that carries a Go
 * template in a string is refused too — a refusal costs a manual edit, a rewritten template
 * could break a chart.
 */
const TEMPLATE_SYNTAX = /^(?![ \t]*#).*\{\{/m;

/**
 * Why a file must not be rewritten, or undefined when it may be.
 *
 * @example
 * templateRefusal('image: {{ .Values.image }}\n', []) // 'the file contains template syntax ({{ … }}) on line 1'
 */
export function templateRefusal(text: string, resources: readonly Resource[]): string | undefined {
  const match = TEMPLATE_SYNTAX.exec(text);
  if (match) {
    const line = text.slice(0, match.index).split('\n').length;
    return `the file contains template syntax ({{ … }}) on line ${line}; fix the template source by hand`;
  }
  const rendered = resources.find((r) => r.source.template !== undefined);
  if (rendered) return `the file is rendered Helm output (# Source: ${rendered.source.template ?? ''}); fix the chart template instead`;
  return undefined;
}
