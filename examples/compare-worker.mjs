// A worker thread of the compare command: one part of the population per message, compared with
// minCell 0 so that the main thread can add the parts up (mergeReports).
import { parentPort } from 'node:worker_threads';
import { compare } from 'health-code-rules';

parentPort.on('message', async ({ id, lines, options }) => {
  try {
    parentPort.postMessage({ id, report: await compare(lines, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error?.message ?? String(error) });
  }
});
