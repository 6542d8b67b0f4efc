import type { ChildProcess } from 'node:child_process';
import type { Transport } from './redis-transport.mjs';

/** A worker process. */
export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  ready: Promise<void>;
  readyCpu: { user: number; system: number } | null;
  exit: Promise<{ name: string; code: number | null; signal: string | null; counts: Record<string, unknown> | null; stderr: string }>;
}
export declare function startWorker(options: { url: string; name: string; now: string; partitions: number; minIdleMs: number; leaseMs?: number; noop?: boolean | 'each'; batch?: number }): WorkerProcess;
export declare function waitDrained(transport: Transport, expected: number, timeoutMs: number, onTick?: () => Promise<void>): Promise<boolean>;
