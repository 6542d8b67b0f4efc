import type { InputIssue, IssueCode } from './errors.js';
import type { ValidPolicy } from './schema/policy.js';

/**
 * RULES §9, size limits: every argument is read once, here, before any schema or rule looks at
 * it. The reader copies the argument into plain data (plain objects, dense arrays, primitives) and
 * checks every limit of `policy.limits` on the way down, each before the work it bounds: an
 * array's length before its elements are read, an object's number of keys before its values, a
 * string's length at once. Whatever the size of an oversize input, it is refused with `too_large`
 * at its path after a bounded amount of work.
 *
 * Everything after this reads only the copy: a getter runs once, here, and what it returns is what
 * the schemas see; a getter or a proxy that throws, a revoked proxy, a cycle, a hole in a sparse
 * array, a class instance or a function is an issue at its path, not an exception.
 */

/** The limits of a policy (FORMAT "Policy", `limits`). */
export type Limits = ValidPolicy['limits'];

/** How one argument is read. */
export interface ReadOptions {
  /** The most elements the argument itself may have when it is an array (a history: `maxEvents`). */
  readonly rootArrayLimit?: number;
  /** What the elements of the argument itself are called in a message ("events"). */
  readonly rootArrayName?: string;
  /** Strings below a key of this name may be as long as `maxMessageLength` (an assessment's rendered messages). */
  readonly messageKey?: string;
}

/**
 * An argument as read: its copy, the issues found, and whether the copy is `complete`. A string or
 * a key over its limit leaves the copy complete (the schemas still read it, so that every other
 * problem is listed too: each of their checks is bounded whatever a string's length); a problem
 * with the shape of the input (an array, an object or a nesting too large, a hole, a value that
 * cannot be read, one that is not data) stops the reading, and nothing reads the copy.
 */
export interface Bounded {
  readonly value: unknown;
  readonly issues: InputIssue[];
  readonly complete: boolean;
}

/** At most this many issues per argument: the rest of an argument this bad is not read. */
export const MAX_READ_ISSUES = 100;

class Reader {
  readonly issues: InputIssue[] = [];
  stopped = false;
  complete = true;
  private values = 0;
  // The path below the argument, one list pushed and popped; a path is copied only for an issue.
  private readonly keys: (string | number)[] = [];
  // Each object is read once: a second reference to it (a cycle too) gets the same copy, so a
  // shared value costs nothing more and a cycle is not walked forever.
  private readonly copies = new Map<object, unknown>();

  constructor(
    private readonly limits: Limits,
    private readonly prefix: readonly (string | number)[],
    private readonly options: ReadOptions,
  ) {}

  private report(code: IssueCode, message: string, fatal: boolean): void {
    this.issues.push({ path: [...this.prefix, ...this.keys], code, message });
    if (fatal) this.complete = false;
    if (fatal || this.issues.length >= MAX_READ_ISSUES) this.stopped = true;
  }

  private unreadable(): undefined {
    this.report('unreadable', 'could not be read: reading this value threw an exception', true);
    return undefined;
  }

  read(value: unknown, inMessage: boolean): unknown {
    const { limits } = this;
    if (++this.values > limits.maxValues) {
      this.report('too_large', `more than the policy's limit of ${limits.maxValues} values in one argument`, true);
      return undefined;
    }
    if (typeof value === 'string') {
      const limit = inMessage ? limits.maxMessageLength : limits.maxStringLength;
      if (value.length > limit) this.report('too_large', `longer than the policy's limit of ${limit} characters`, false);
      return value;
    }
    if (typeof value === 'function') {
      this.report('invalid_type', 'a function, not data', true);
      return undefined;
    }
    // Numbers, booleans, undefined, bigints and symbols are primitives: the schemas decide.
    if (typeof value !== 'object' || value === null) return value;
    if (this.keys.length >= limits.maxDepth) {
      this.report('too_large', `nested deeper than the policy's limit of ${limits.maxDepth} levels`, true);
      return undefined;
    }
    if (this.copies.has(value)) return this.copies.get(value);
    let isArray: boolean;
    let prototype: unknown = null;
    try {
      isArray = Array.isArray(value);
      if (!isArray) prototype = Object.getPrototypeOf(value);
    } catch {
      return this.unreadable();
    }
    if (isArray) return this.readArray(value as readonly unknown[], inMessage);
    if (prototype !== Object.prototype && prototype !== null) {
      this.report('invalid_type', 'an object that is not plain data (a class instance, a Map, a Date …); expected a JSON value', true);
      return undefined;
    }
    return this.readObject(value, inMessage);
  }

  private readArray(value: readonly unknown[], inMessage: boolean): unknown[] | undefined {
    let length: unknown;
    try {
      length = value.length;
    } catch {
      return this.unreadable();
    }
    if (typeof length !== 'number') return this.unreadable();
    const root = this.keys.length === 0 && this.options.rootArrayLimit !== undefined;
    const limit = root ? this.options.rootArrayLimit : this.limits.maxArrayLength;
    if (length > limit) {
      this.report('too_large', `${length} ${root ? (this.options.rootArrayName ?? 'elements') : 'elements'}; the policy's limit is ${limit}`, true);
      return undefined;
    }
    const copy: unknown[] = [];
    this.copies.set(value, copy);
    for (let i = 0; i < length && !this.stopped; i++) {
      this.keys.push(i);
      let present: boolean;
      let item: unknown;
      try {
        present = i in value;
        item = present ? value[i] : undefined;
      } catch {
        present = true;
        this.unreadable();
      }
      if (!present) this.report('invalid_type', 'a hole in a sparse array: no element at this index', true);
      else if (!this.stopped) copy.push(this.read(item, inMessage));
      this.keys.pop();
    }
    return copy;
  }

  private readObject(value: object, inMessage: boolean): Record<string, unknown> | undefined {
    const { limits } = this;
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      return this.unreadable();
    }
    if (keys.length > limits.maxKeys) {
      this.report('too_large', `${keys.length} keys; the policy's limit is ${limits.maxKeys}`, true);
      return undefined;
    }
    const copy: Record<string, unknown> = {};
    this.copies.set(value, copy);
    for (const key of keys) {
      if (this.stopped) break;
      // Reported at the object: a path holding the key would be as long as the key.
      if (key.length > limits.maxKeyLength) {
        this.report('too_large', `a key of ${key.length} characters; the policy's limit is ${limits.maxKeyLength}`, false);
        continue;
      }
      this.keys.push(key);
      let item: unknown;
      let readable = true;
      try {
        item = (value as Record<string, unknown>)[key];
      } catch {
        readable = false;
        this.report('unreadable', 'could not be read: reading this value threw an exception', true);
      }
      if (readable) {
        const read = this.read(item, inMessage || key === this.options.messageKey);
        // An own `__proto__` key (as JSON.parse makes it) stays an own key, never a prototype.
        if (key === '__proto__') Object.defineProperty(copy, key, { value: read, enumerable: true, writable: true, configurable: true });
        else copy[key] = read;
      }
      this.keys.pop();
    }
    return copy;
  }
}

/**
 * Reads one argument within the policy's limits (RULES §9): a copy of it as plain data and every
 * problem found (at most `MAX_READ_ISSUES`; the first problem with the shape of the input ends the
 * reading). Never throws, whatever the value.
 *
 * @param value - the argument as given
 * @param prefix - its path (`['history']`)
 * @param limits - the policy's limits
 * @param options - a limit of its own for the argument's own length, the key of long texts
 * @returns `{ value, issues, complete }`: the copy, the problems, whether the schemas may read the copy
 * @example
 * readBounded(new Array(2 ** 32 - 1), ['history'], limits, { rootArrayLimit: limits.maxEvents })
 * // { complete: false, issues: [{ path: ['history'], code: 'too_large', … }], … }, at once
 */
export function readBounded(value: unknown, prefix: readonly (string | number)[], limits: Limits, options: ReadOptions = {}): Bounded {
  const reader = new Reader(limits, prefix, options);
  const copy = reader.read(value, false);
  return { value: copy, issues: reader.issues, complete: reader.complete };
}
