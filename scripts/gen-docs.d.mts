import type * as z from 'zod';

/** Every file that scripts/gen-docs.mjs generates, by its path under the repository root. */
export declare function generateDocs(deps: { z: typeof z; api: Record<string, unknown> }): Map<string, string>;
