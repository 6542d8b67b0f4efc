// The example CLI's pictures (issue 15): `explain CASE.json --svg FILE.svg` and `--png FILE.png`
// draw the assessment's timeline with health-code-rules/picture; the PNG comes from the same SVG
// through @resvg/resvg-js. Like the rest of the CLI, this is where files are written.
import { writeFileSync } from 'node:fs';
import resvg from '@resvg/resvg-js';
import { timelineSvg } from 'health-code-rules/picture';

/** The picture flags of `explain`, for parseArgs. */
export const PICTURE_OPTIONS = { svg: { type: 'string' }, png: { type: 'string' }, width: { type: 'string' } };

/**
 * Writes the timeline of `a` to `--svg` and/or `--png`, in `--lang`, `--width` pixels wide (default
 * 960); names each file written on standard error, so that `--json` output stays clean.
 * Returns false when neither flag was given.
 */
export function writePictures(a, values, ctx) {
  if (values.svg === undefined && values.png === undefined) return false;
  let width = 960;
  if (values.width !== undefined) {
    width = Number(values.width);
    if (!Number.isInteger(width) || width < 480 || width > 4096) throw ctx.usage(['--width'], 'a width in pixels, 480 … 4096');
  }
  const svg = timelineSvg(a, { lang: values.lang, width });
  const write = (file, flag, bytes) => {
    try {
      writeFileSync(file, bytes);
    } catch (error) {
      throw ctx.usage([flag], `cannot write ${file}: ${error.code ?? error.message}`);
    }
    process.stderr.write(`${file}\n`);
  };
  if (values.svg !== undefined) write(values.svg, '--svg', svg);
  if (values.png !== undefined) {
    const { Resvg } = resvg;
    // Twice the SVG's width, so that the small labels stay sharp on paper and on phones.
    write(values.png, '--png', new Resvg(svg, { fitTo: { mode: 'width', value: width * 2 }, background: '#fff' }).render().asPng());
  }
  return true;
}
