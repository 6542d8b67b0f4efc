import type { Assessment, CheckDecision, CheckpointContextInput, Engine, SafeResult } from 'health-code-rules';
import type { Transport } from './redis-transport.mjs';

export declare function summaryFor(transport: Transport, subjectId: string): ReturnType<Transport['summary']>;
export declare function assessmentFor(transport: Transport, subjectId: string, now: string, engine?: Engine): Promise<SafeResult<Assessment> | null>;
export declare function checkFor(transport: Transport, subjectId: string, context: CheckpointContextInput & { at: string }, engine?: Engine): Promise<SafeResult<CheckDecision>>;
