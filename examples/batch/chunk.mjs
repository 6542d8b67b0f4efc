// One chunk of NDJSON lines → one chunk of NDJSON results, in order. Shared by the worker threads,
// the single-threaded mode of the batch command line and bench/city.mjs; and the reader that cuts
// the input into such chunks.
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

/**
 * The input (a stream of byte chunks), cut at line ends into chunks that each own their memory (so
 * that they can be transferred to a worker), each with the 1-based number of its first line.
 */
export async function* readChunks(input) {
  let rest = new Uint8Array(0);
  let line = 1;
  let first = true;
  for await (const received of input) {
    // A byte-order mark at the start of the file is not part of the first case.
    const piece = first && received[0] === 0xef && received[1] === 0xbb && received[2] === 0xbf ? received.subarray(3) : received;
    first = false;
    const bytes = rest.length === 0 ? piece : Buffer.concat([rest, piece]);
    const end = bytes.lastIndexOf(10);
    if (end < 0) {
      rest = Uint8Array.from(bytes);
      continue;
    }
    const chunk = new Uint8Array(end + 1);
    chunk.set(bytes.subarray(0, end + 1));
    rest = Uint8Array.from(bytes.subarray(end + 1));
    const firstLine = line;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) line++;
    yield { bytes: chunk, firstLine };
  }
  // A last line without its newline is still a line.
  if (rest.length > 0) {
    const chunk = new Uint8Array(rest.length + 1);
    chunk.set(rest);
    chunk[rest.length] = 10;
    yield { bytes: chunk, firstLine: line };
  }
}
