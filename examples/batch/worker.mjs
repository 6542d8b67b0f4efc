// A worker thread of the batch command line: evaluates the chunks the main thread sends, and sends
// back the output bytes (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateChunk } from './chunk.mjs';

parentPort.on('message', async ({ seq, bytes, firstLine }) => {
  const result = await evaluateChunk(bytes, firstLine, workerData);
  parentPort.postMessage({ seq, ...result }, [result.output.buffer]);
});
