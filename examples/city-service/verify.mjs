// Checks the service's end state against the engine itself: every entry appended was applied
// exactly once or dead-lettered, and every person's summary is what `evaluate` of their whole
// history gives at `now`.
import { summaryOf } from './advance.mjs';
import { keys } from './redis-transport.mjs';

/**
 * @param {object} options
 * @param {Awaited<ReturnType<import('./redis-transport.mjs').createRedisTransport>>} options.transport
 * @param {import('health-code-rules').Engine} options.engine
 * @param {{ declaration: object, history: object[] }[]} options.cases - the truth
 * @param {{ subjectId: string, kind: string, body: string }[]} options.records - every entry appended
 * @param {string} options.now
 * @returns {Promise<{ mismatches: number, lost: number, appliedTwice: number, deadLettered: number, examples: object[], summaries: object[] }>}
 */
export async function verify({ transport, engine, cases, records, now }) {
  const { client } = transport;
  const dead = new Set();
  for (const { message } of await client.xRange(keys.dead, '-', '+')) dead.add(`${message.subject}\u0000${message.kind}\u0000${message.body}`);

  const bySubject = new Map();
  for (const record of records) {
    const list = bySubject.get(record.subjectId);
    if (list) list.push(record);
    else bySubject.set(record.subjectId, [record]);
  }
  let lost = 0;
  let appliedTwice = 0;
  const subjects = [...bySubject.keys()];
  await Promise.all(
    subjects.map(async (subjectId) => {
      const list = bySubject.get(subjectId);
      const guards = list.map((r) => {
        try {
          const body = JSON.parse(r.body);
          return `${r.kind === 'declaration' ? 'd' : 'e'}:${body.id}`;
        } catch {
          return null;
        }
      });
      const [applied, history] = await Promise.all([
        client.hmGet(keys.person(subjectId), guards.map((g) => keys.applied(g ?? ''))),
        client.lRange(keys.history(subjectId), 0, -1),
      ]);
      list.forEach((r, i) => {
        if (applied[i] !== '1' && !dead.has(`${r.subjectId}\u0000${r.kind}\u0000${r.body}`)) lost++;
      });
      const ids = history.map((e) => JSON.parse(e).id);
      appliedTwice += ids.length - new Set(ids).size;
    }),
  );

  let mismatches = 0;
  const examples = [];
  const summaries = [];
  await Promise.all(
    cases.map(async ({ declaration, history }) => {
      const subjectId = String(declaration.subjectId);
      const result = engine.safeEvaluate(declaration, history, now);
      const expected = result.success ? summaryOf(result.data) : null;
      const actual = await transport.summary(subjectId);
      summaries.push({ subjectId, ...(actual ?? { colour: null }) });
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        mismatches++;
        if (examples.length < 5) examples.push({ subjectId, expected, actual });
      }
    }),
  );
  summaries.sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  return { mismatches, lost, appliedTwice, deadLettered: dead.size, examples, summaries };
}
