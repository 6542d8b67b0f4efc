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

// The arguments of the one case the batch has just parsed from a line of NDJSON (`ownParsedCase`).
let parsedDeclaration: object | undefined;
let parsedHistory: object | undefined;

/**
 * Marks the declaration and the history that the batch has just made with `JSON.parse` of one line
 * and hands to the engine at once, never to other code: plain data with no getter, proxy, cycle,
 * hole or shared value. `readBounded` then checks every limit on them as on any argument, with the
 * same issues, but reads them in place instead of copying them; each mark serves one reading.
 */
export function ownParsedCase(declaration: unknown, history: unknown): void {
  parsedDeclaration = typeof declaration === 'object' && declaration !== null ? declaration : undefined;
  parsedHistory = typeof history === 'object' && history !== null ? history : undefined;
}

/** Whether `value` is marked by `ownParsedCase`; the mark is used up. */
function takeParsed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value === parsedDeclaration) {
    // Stryker disable next-line AssignmentOperator,BlockStatement: a used mark is dropped for hygiene; the batch never reads a case twice
    parsedDeclaration = undefined;
    return true;
  }
  if (value === parsedHistory) {
    // Stryker disable next-line AssignmentOperator,BlockStatement: a used mark is dropped for hygiene; the batch never reads a case twice
    parsedHistory = undefined;
    return true;
  }
  return false;
}

class Reader {
  readonly issues: InputIssue[] = [];
  stopped = false;
  complete = true;
  private values = 0;
  // The path below the argument, one list pushed and popped; a path is copied only for an issue.
  private readonly keys: (string | number)[] = [];
  // The objects being read, from the argument down, and their copies: a reference back to one of
  // them (a cycle) gets its copy, so a cycle is read once and never walked forever. The stack is
  // at most maxDepth long. (A value shared without a cycle is read at each place, within maxValues.)
  private readonly ancestors: object[] = [];
  private readonly ancestorCopies: unknown[] = [];

  constructor(
    private readonly limits: Limits,
    private readonly prefix: readonly (string | number)[],
    private readonly options: ReadOptions,
    // The argument is the library's own parsed JSON (`ownParsedCase`): checked without a copy.
    private readonly inPlace = false,
  ) {}

  private report(code: IssueCode, message: string, fatal: boolean): void {
    this.issues.push({ path: [...this.prefix, ...this.keys], code, message });
    // A reading that stops leaves the copy unfinished (its unread values are the input's own):
    // nothing reads it then.
    if (fatal || this.issues.length >= MAX_READ_ISSUES) {
      this.stopped = true;
      this.complete = false;
    }
  }

  private unreadable(): undefined {
    this.report('unreadable', 'could not be read: reading this value threw an exception', true);
    return undefined;
  }

  /**
   * Whether `value` is a number, a boolean or a string within its limit, counted as one value
   * within `maxValues`: what `read` returns unchanged with no issue. Anything else is left to
   * `read`, with its path (the value over `maxValues` included).
   */
  private plain(value: unknown, inMessage: boolean): boolean {
    const type = typeof value;
    if (type === 'string') {
      if ((value as string).length > (inMessage ? this.limits.maxMessageLength : this.limits.maxStringLength)) return false;
    } else if (type !== 'number' && type !== 'boolean') return false;
    if (this.values >= this.limits.maxValues) return false;
    this.values++;
    return true;
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
    const seen = this.ancestors.lastIndexOf(value);
    if (seen >= 0) return this.ancestorCopies[seen];
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
    // Element by element (not `slice`, which would run a subclass's species constructor).
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: reading in place is a shortcut; a copy of parsed JSON is equal to it
    const copy: unknown[] | undefined = this.inPlace ? undefined : [];
    this.enter(value, copy ?? value);
    for (let i = 0; i < length && !this.stopped; i++) {
      this.keys.push(i);
      let present = true;
      let item: unknown;
      try {
        present = i in value;
        if (present) item = value[i];
      } catch {
        this.unreadable();
      }
      if (!present) this.report('invalid_type', 'a hole in a sparse array: no element at this index', true);
      else if (!this.stopped) {
        const read = this.read(item, inMessage);
        copy?.push(read);
      }
      this.keys.pop();
    }
    this.leave();
    return copy ?? (value as unknown[]);
  }

  private readObject(value: object, inMessage: boolean): Record<string, unknown> | undefined {
    // One copy of the own enumerable properties (each getter runs once, here), then the copy is
    // read. When the copy throws, the slow path below finds the key that cannot be read.
    const { limits } = this;
    let copy: Record<string, unknown>;
    try {
      // The keys are counted before anything is copied: an object of 10⁶ keys is refused after
      // the runtime lists them, without a copy of them (enumerable inherited keys count too).
      let listed = 0;
      for (const key in value) {
        void key;
        if (++listed > limits.maxKeys) {
          this.report('too_large', `more than ${limits.maxKeys} keys; the policy's limit is ${limits.maxKeys}`, true);
          return undefined;
        }
      }
      // Parsed JSON of the library's own has nothing a copy would guard against: it is read in place.
      // Stryker disable next-line ConditionalExpression: reading in place is a shortcut; a copy of parsed JSON is equal to it
      copy = this.inPlace ? (value as Record<string, unknown>) : { ...value };
    } catch {
      return this.readObjectByKey(value);
    }
    this.enter(value, copy);
    for (const key in copy) {
      if (this.stopped) break;
      // Only the copy's own keys: an enumerable key a polluted Object.prototype lists is not the input's.
      if (!Object.prototype.hasOwnProperty.call(copy, key)) continue;
      // Reported at the object: a path holding the key would be as long as the key.
      if (key.length > limits.maxKeyLength) {
        this.report('too_large', `a key of ${key.length} characters; the policy's limit is ${limits.maxKeyLength}`, false);
        delete copy[key];
        continue;
      }
      const item = copy[key];
      // A number, a boolean or a string within its limit, as `read` takes it, without the path.
      if (this.plain(item, inMessage || key === this.options.messageKey)) continue;
      this.keys.push(key);
      const read = this.read(item, inMessage || key === this.options.messageKey);
      // Only an object or a function is replaced (by its copy, or by nothing).
      if (read !== item) {
        // An own `__proto__` key (as JSON.parse makes it) stays an own key, never a prototype.
        if (key === '__proto__') Object.defineProperty(copy, key, { value: read, enumerable: true, writable: true, configurable: true });
        else copy[key] = read;
      }
      this.keys.pop();
    }
    this.leave();
    return copy;
  }

  /** The slow path of an object whose copy threw: key by key, to report the key that cannot be read. */
  private readObjectByKey(value: object): undefined {
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      return this.unreadable();
    }
    for (const key of keys) {
      this.keys.push(key);
      try {
        Reflect.get(value, key);
      } catch {
        this.report('unreadable', 'could not be read: reading this value threw an exception', true);
        this.keys.pop();
        return undefined;
      }
      this.keys.pop();
    }
    // Every key read once without throwing, yet the copy threw (a proxy whose traps differ): the object itself.
    return this.unreadable();
  }

  private enter(value: object, copy: unknown): void {
    // Parsed JSON has no cycle: no stack to keep.
    // Stryker disable next-line ConditionalExpression: a shortcut; the stack of an input without a cycle finds nothing
    if (this.inPlace) return;
    this.ancestors.push(value);
    this.ancestorCopies.push(copy);
  }

  private leave(): void {
    // Stryker disable next-line ConditionalExpression: a shortcut; the stack of an input without a cycle finds nothing
    if (this.inPlace) return;
    this.ancestors.pop();
    this.ancestorCopies.pop();
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
  const reader = new Reader(limits, prefix, options, takeParsed(value));
  const copy = reader.read(value, false);
  return { value: copy, issues: reader.issues, complete: reader.complete };
}
