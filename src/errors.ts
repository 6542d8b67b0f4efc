import type * as z from 'zod';

/**
 * Stable codes of input problems. Apps may switch on them; the message is for people.
 */
export type IssueCode =
  | 'required'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_instant'
  | 'invalid_day'
  | 'invalid_time_zone'
  | 'unrecognized_keys'
  | 'unknown_event_kind'
  | 'too_small'
  | 'too_big'
  | 'too_large'
  | 'out_of_range'
  | 'attestation_required'
  | 'proxy_required'
  | 'proxy_not_allowed'
  | 'visit_order'
  | 'reserved_id'
  | 'duplicate_id'
  | 'unknown_void_target'
  | 'self_void'
  | 'void_cycle'
  | 'now_before_submission'
  | 'isolation_after_submission'
  | 'role_required'
  | 'invalid_duration'
  | 'policy_mismatch'
  | 'inconsistent'
  | 'invalid_key'
  | 'needs_full_history'

  | 'unreadable'
  | 'invalid'
  | 'internal';

/** How many issues the message of a `HealthCodeInputError` lists; its `issues` hold every one. */
export const MAX_ISSUES_LISTED = 100;

/** The longest message an issue carries: a message that quotes an input is cut here (RULES §9). */
export const MAX_MESSAGE_LENGTH = 500;

/** `text`, cut to `MAX_MESSAGE_LENGTH` characters with an ellipsis when longer. */
export function clip(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/** One problem with an input, located by its path (e.g. `['history', 3, 'at']`). */
export interface InputIssue {
  readonly path: readonly (string | number)[];
  readonly code: IssueCode;
  readonly message: string;
}

/** `history[3].at` for `['history', 3, 'at']`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Thrown by `evaluate`, `check` and `createEngine` (and returned by their safe twins) when an input
 * is invalid: `issues` lists every problem, each with its path and a stable code (RULES §9).
 *
 * @example
 * try { evaluate(declaration, history, now) } catch (e) {
 *   if (e instanceof HealthCodeInputError) for (const i of e.issues) console.log(i.code, i.path)
 * }
 */
export class HealthCodeInputError extends Error {
  override readonly name = 'HealthCodeInputError';
  /** Every problem found, in input order. */
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[], subject = 'input') {
    // The message lists the first MAX_ISSUES_LISTED problems (`issues` holds every one), so that
    // an input with 10⁵ problems does not give a message of megabytes.
    const listed = issues.length <= MAX_ISSUES_LISTED ? issues : issues.slice(0, MAX_ISSUES_LISTED);
    super(
      `Invalid ${subject}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` +
        listed.map((issue) => `  ${formatPath(issue.path)}: ${issue.message} [${issue.code}]`).join('\n') +
        (listed.length < issues.length ? `\n  … and ${issues.length - listed.length} more (see issues)` : ''),
    );
    this.issues = issues;
  }
}

function codeOf(issue: z.core.$ZodIssue, input: unknown): IssueCode {
  const path = issue.path;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? 'required' : 'invalid_type';
    case 'invalid_value':
      return path[path.length - 1] === 'attestation' ? 'attestation_required' : 'invalid_value';
    case 'unrecognized_keys':
      return 'unrecognized_keys';
    case 'invalid_union':
      // The one union of the schemas is the event's, by `kind`: zod reports it only when no kind
      // matches (RULES §9), with the kinds it knows as `options`.
      return 'unknown_event_kind';
    case 'too_small':
      return issue.origin === 'number' ? 'out_of_range' : 'too_small';
    case 'too_big':
      return issue.origin === 'number' ? 'out_of_range' : 'too_large';
    case 'custom':
      // Every refinement of the schemas names its code in `params`.
      return (issue.params as { code: IssueCode }).code;
    default:
      return 'invalid';
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  // Each key of an issue's path was read by zod from an object or a list: none is read from null
  // or from a primitive (a primitive root has no own key of a path either).
  for (const key of path) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turns zod issues into input issues under a path prefix. */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[],
  root: unknown,
): InputIssue[] {
  return issues.map((issue) => {
    // The schemas' keys are strings and lists are indexed by numbers: no path has a symbol.
    const path = issue.path as (string | number)[];
    const code = codeOf(issue, valueAt(root, issue.path));
    const message =
      code === 'required'
        ? 'is required'
        : code === 'unknown_event_kind'
          ? `unknown event kind; expected one of ${(issue as { options: unknown[] }).options.map(String).join(', ')}`
          : // zod quotes unknown keys in its message: cut, so that long keys give a short message.
            clip(issue.message);
    return { path: [...prefix, ...path], code, message };
  });
}

/** What an exception is, in words, without calling anything the exception defines. */
function describeCause(cause: unknown): string {
  try {
    if (cause instanceof Error) {
      const { name, message } = cause;
      return clip(`${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : ''}`);
    }
  } catch {
    // A revoked proxy, or a getter that throws: described by its type below.
  }
  return `a thrown ${cause === null ? 'null' : typeof cause}`;
}

/**
 * The issue for an exception inside the engine that no input explains (a defect of the library):
 * code `internal`, distinct from every input code, at the root path, with a bounded description.
 *
 * @param cause - what was thrown
 * @param doing - what the engine was doing ("evaluate", "check", "compile the policy")
 * @returns the issue
 * @example
 * internalIssue(new TypeError('x is undefined'), 'evaluate').code // 'internal'
 */
export function internalIssue(cause: unknown, doing: string): InputIssue {
  return {
    path: [],
    code: 'internal',
    message: `internal error of health-code-rules, not a problem with the input (could not ${doing}: ${describeCause(cause)}); please report it`,
  };
}
