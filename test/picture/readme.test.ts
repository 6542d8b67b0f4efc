import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../support/untyped.js';
import { timelineSvg } from '../../src/picture/index.js';
import { PICTURE_PATH, readmePicture } from '../../scripts/gen-picture.mjs';

// The picture at the top of the README is generated (npm run picture); this test redraws it from
// the current source and fails when the committed file differs.

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('README picture', () => {
  it('RULES §10 example 2 (T-Y1-reset): docs/timeline.svg is the timeline drawn from the current source', () => {
    expect(readFileSync(`${root}${PICTURE_PATH}`, 'utf8')).toBe(readmePicture({ evaluate, timelineSvg: timelineSvg as never }));
  });

  it('the README shows it near the top and links docs/picture.md', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const at = readme.indexOf(`](${PICTURE_PATH})`);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(readme.indexOf('## Install'));
    expect(readme).toContain('](docs/picture.md)');
  });
});
