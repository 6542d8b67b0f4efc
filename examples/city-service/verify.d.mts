import type { Engine } from 'health-code-rules';
import type { Case } from './population.mjs';
import type { Transport } from './redis-transport.mjs';

export declare function verify(options: {
  transport: Transport;
  engine: Engine;
  cases: Case[];
  records: { subjectId: string; kind: string; body: string }[];
  now: string;
}): Promise<{ mismatches: number; lost: number; appliedTwice: number; deadLettered: number; examples: unknown[]; summaries: unknown[] }>;
