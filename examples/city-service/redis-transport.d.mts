import type { RedisClientType } from 'redis';
import type { StoredState } from './advance.mjs';

/** One entry of a partition stream, as a worker handles it. */
export interface Entry {
  stream: string;
  id: string;
  subjectId: string;
  kind: string;
  body: string;
  redelivered: boolean;
  deliveries: number;
}
/** What a worker commits for one entry. */
export interface Change {
  guard: string;
  expectedVersion: string;
  path: string;
  hadSnapshot?: boolean;
  declaration?: unknown;
  /** The declaration as received (stored as it is, instead of `declaration` serialised again). */
  declarationJson?: string;
  event?: unknown;
  /** The event as received. */
  eventJson?: string;
  snapshot?: unknown;
  summary?: { colour: string; rules: string[]; releaseAt: string | null; nextChangeAt: string | null };
  colourChange?: { from: string; since: string; rules: string[] };
}
/** The transport interface of the city service (redis-transport.mjs, top comment). */
export interface Transport {
  partitions: number;
  group: string;
  client: RedisClientType;
  setup(): Promise<void>;
  publish(records: { subjectId: string; kind: string; body: string }[]): Promise<string[]>;
  lease(consumer: string, leaseMs?: number): Promise<number[]>;
  release(consumer: string): Promise<number>;
  poll(consumer: string, options?: { count?: number; blockMs?: number; partitions?: number[] | null }): Promise<Entry[]>;
  reclaim(consumer: string, options?: { minIdleMs?: number; count?: number; partitions?: number[] | null }): Promise<Entry[]>;
  loadMany(
    requests: { subjectId: string; guards: string[] }[],
    options?: { history?: boolean; cache?: Map<string, { version: string; declaration: unknown; snapshot: unknown; colour: string | null; history: unknown[] | null }> | null },
  ): Promise<(StoredState & { version: string; colour: string | null; seen: Set<string> })[]>;
  ackMany(entries: Entry[]): Promise<number>;
  commitMany(items: { entry: Entry; change: Change }[]): Promise<('applied' | 'duplicate' | 'conflict')[]>;
  load(subjectId: string, guard: string, options?: { history?: boolean }): Promise<StoredState & { version: string; colour: string | null; seen: boolean }>;
  history(subjectId: string): Promise<Record<string, unknown>[]>;
  ack(entry: Entry): Promise<number>;
  commit(entry: Entry, change: Change): Promise<'applied' | 'duplicate' | 'conflict'>;
  deadLetter(entry: Entry, issues: unknown[]): Promise<'dead-lettered' | 'duplicate'>;
  summary(subjectId: string): Promise<{ colour: string; rules: string[]; releaseAt: string | null; nextChangeAt: string | null } | null>;
  backlog(): Promise<{ pending: number; lag: number; length: number }>;
  pendingOf(consumer: string): Promise<number>;
  stats(): Promise<Record<string, number>>;
  close(): Promise<void>;
}
export declare const keys: {
  input(p: number): string;
  person(s: string): string;
  history(s: string): string;
  applied(guard: string): string;
  summary(s: string): string;
  out: string;
  dead: string;
  deadSeen: string;
  stats: string;
  workers: string;
  lease(p: number): string;
};
export declare function createRedisTransport(options: { url: string; partitions?: number; group?: string; onError?: (error: Error) => void }): Promise<Transport>;
export declare function clearService(client: RedisClientType): Promise<void>;
