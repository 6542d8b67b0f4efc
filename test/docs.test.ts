import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as api from '../src/index.js';
import { generateDocs } from '../scripts/gen-docs.mjs';

// The generated docs are committed so that they can be read on the web; these tests regenerate
// them in memory from the current source and fail when a committed file differs (run `npm run docs`).

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = generateDocs({ z, api: api as unknown as Record<string, unknown> });
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

describe('docs/', () => {
  it('RULES §5: docs/state-machine.md carries the Mermaid diagram generated from the exported transitions', () => {
    const page = generated.get('docs/state-machine.md') as string;
    expect(page).toContain(['```mermaid', api.stateDiagram().trimEnd(), '```'].join('\n'));
    expect(read('docs/state-machine.md')).toBe(page);
  });

  it('RULES §5: the diagram and its table name every transition id of the catalogue', () => {
    const diagram = api.stateDiagram();
    const page = read('docs/state-machine.md');
    for (const t of api.transitions) {
      expect(diagram).toContain(` : ${t.id} (`);
      expect(page).toContain(`| \`${t.id}\` |`);
    }
  });

  it('FORMAT: docs/schema/*.json are the JSON Schemas generated from the zod schemas', () => {
    const schemaFiles = [...generated.keys()].filter((path) => path.startsWith('docs/schema/'));
    expect(schemaFiles.length).toBeGreaterThanOrEqual(6);
    for (const path of schemaFiles) expect(read(path), path).toBe(generated.get(path));
    const committed = readdirSync(`${root}docs/schema`).map((name) => `docs/schema/${name}`);
    expect(committed.sort()).toEqual(schemaFiles.sort());
  });

  it('FORMAT: the declaration schema lets an app leave the health facts out and requires the attestation (A-3)', () => {
    const schema = JSON.parse(read('docs/schema/declaration.json')) as { $defs: { Declaration: { required: string[]; properties: Record<string, unknown> } } };
    const d = schema.$defs.Declaration;
    expect(d.required).toEqual(expect.arrayContaining(['id', 'subjectId', 'submittedAt', 'category', 'channel', 'attestation']));
    expect(d.required).not.toContain('symptoms');
    expect(d.properties['attestation']).toMatchObject({ const: true });
  });

  it('FORMAT: every JSON example in docs/format.md (case, event, checkpoint context) is valid input', () => {
    const format = read('docs/format.md');
    const blocks = [...format.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as Record<string, unknown>);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      if ('declaration' in block) {
        const r = api.safeEvaluate(block['declaration'], block['history'], block['now']);
        expect(r.success, JSON.stringify(r.success ? null : r.error.issues)).toBe(true);
      } else if ('kind' in block) expect(api.EventSchema.safeParse(block).success).toBe(true);
      else expect(api.CheckpointContextSchema.safeParse(block).success).toBe(true);
    }
  });
});
