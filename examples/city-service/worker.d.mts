import type { MaybeSnapshotEngine } from './advance.mjs';
import type { Transport } from './redis-transport.mjs';

/** A worker's counters. */
export interface WorkerCounts {
  read: number;
  redelivered: number;
  applied: number;
  duplicates: number;
  conflicts: number;
  deadLettered: number;
  errors: number;
  paths: Record<string, number>;
  partitions: number[];
}
export declare function runWorker(options: {
  transport: Transport;
  engine?: MaybeSnapshotEngine;
  name: string;
  now: string;
  batch?: number;
  blockMs?: number;
  minIdleMs?: number;
  maxDeliveries?: number;
  leaseMs?: number;
  cacheSize?: number;
  noop?: boolean | 'each';
  log?: (line: string) => void;
}): { counts: WorkerCounts; done: Promise<WorkerCounts>; stop(): Promise<WorkerCounts> };
