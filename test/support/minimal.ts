/**
 * The smallest valid declaration, as an app sends it: only the required fields, every fact left
 * to its default (RULES §10 example 1). A fresh object each call, so a test may change or freeze it.
 */
export function minimalDeclaration(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'app-1',
    subjectId: 's-1',
    submittedAt: '2020-02-01T10:00:00+08:00',
    category: 'resident',
    channel: 'self',
    attestation: true,
    ...over,
  };
}
