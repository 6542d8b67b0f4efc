// One chunk of NDJSON lines → one chunk of NDJSON results, in order. Shared by the worker threads
// and by the single-threaded mode of the batch command line.
import { evaluateMany, formatPath } from 'health-code-rules';

const encoder = new TextEncoder();

/**
 * Evaluates the lines of `bytes` (whole lines, each ending with "\n"); `firstLine` is the 1-based
 * number of the first. Returns the output bytes (one line per input line), the number of lines,
 * the colours seen and the lines that failed with their issues.
 */
export async function evaluateChunk(bytes, firstLine, { now, summary }) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = [];
  const errors = [];
  const colours = { red: 0, yellow: 0, green: 0 };
  for await (const result of evaluateMany(lines, { now, summary })) {
    const line = firstLine + result.index;
    if (result.ok) {
      const value = summary ? result.summary : result.assessment;
      colours[value.colour]++;
      out.push(JSON.stringify(value));
    } else {
      // Never lose a line: a bad case has its own output line, with its line number.
      out.push(JSON.stringify({ line, ok: false, issues: result.issues }));
      errors.push({ line, issues: result.issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`) });
    }
  }
  out.push('');
  return { output: encoder.encode(out.join('\n')), lines: lines.length, colours, errors };
}
