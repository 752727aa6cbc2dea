/**
 * Makes untrusted strings safe to print on a terminal. Resource names, messages and file
 * names come from the manifests being scanned, i.e. from whoever wrote them: an ANSI escape
 * sequence in a name could rewrite the scan report on the reviewer's screen, and a bidi
 * override could make a line read differently from what it says ("Trojan Source").
 * Printable Unicode (CJK, emoji, accents) passes through untouched.
 */

// C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces every control and bidi character with a visible escape (`\n`, `\u001b`), so the
 * reader sees that the input contained one.
 *
 * @example
 * terminalSafe('evil\u001b[2Jname'); // 'evil\\u001b[2Jname'
 */
export function terminalSafe(value: string): string {
  return value.replace(UNSAFE_FOR_TERMINAL, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
