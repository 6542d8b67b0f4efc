// Draws the picture at the top of the README (docs/timeline.svg): the timeline of RULES §10
// example 2 (a dry cough declared, then reported again: Y1, reset, green from 02-20), in English.
// `npm run picture` writes it; test/picture/readme.test.ts redraws it from src/ and fails on a difference.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The committed picture's path, relative to the repository. */
export const PICTURE_PATH = 'docs/timeline.svg';

/** The README's picture, drawn with the given `evaluate` and `timelineSvg`. */
export function readmePicture({ evaluate, timelineSvg }) {
  const kase = JSON.parse(readFileSync(fileURLToPath(new URL('../examples/cases/example-2-dry-cough.json', import.meta.url)), 'utf8'));
  return timelineSvg(evaluate(kase.declaration, kase.history, kase.now), { lang: 'en', width: 900 });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { evaluate } = await import('health-code-rules');
  const { timelineSvg } = await import('health-code-rules/picture');
  writeFileSync(fileURLToPath(new URL(`../${PICTURE_PATH}`, import.meta.url)), readmePicture({ evaluate, timelineSvg }));
  console.log(PICTURE_PATH);
}
