// The Redis Streams transport of the city service: partition streams with one consumer group, the
// per-person state, and the atomic commit (state + output + XACK in one Lua script, guarded by the
// event id). Everything Redis-specific lives here; the worker only sees the transport interface
// below, so that a Kafka adapter (a consumer group over partitioned topics, a transactional
// producer writing the state topic, the output and the consumer offset at once) can follow.
//
// Transport interface (what worker.mjs, ingest.mjs, query.mjs and demo.mjs call):
//   partitions                                   P, the number of input partitions
//   setup()                                      create the consumer group on every partition
//   publish(records)                             append `{ subjectId, kind, body }` records
//   poll(consumer, { count, blockMs })           new entries for this consumer (at most `count` a partition)
//   reclaim(consumer, { minIdleMs, count })      entries idle longer than minIdleMs, taken over (XAUTOCLAIM)
//   load(subjectId, guard, { history })          the person's stored state
//   history(subjectId)                           the person's full history (every applied event)
//   commit(entry, change)                        'applied' | 'duplicate' | 'conflict', atomically
//   ack(entry)                                   acknowledge only (the no-op consumer of the benchmark)
//   deadLetter(entry, issues)                    record the entry with its issues and acknowledge it
//   summary(subjectId)                           the stored summary, or null
//   backlog()                                    { pending, lag, length } over every partition
//   pendingOf(consumer)                          how many entries a consumer holds unacknowledged
//   stats()                                      the counters the scripts keep
//   close()
import { createClient, defineScript } from 'redis';
import { partitionOf } from './partition.mjs';

/** Key names (docs/service.md "Keys and streams"). */
export const keys = {
  input: (p) => `hc:in:${p}`,
  person: (s) => `hc:person:${s}`,
  history: (s) => `hc:history:${s}`,
  applied: (s) => `hc:applied:${s}`,
  summary: (s) => `hc:summary:${s}`,
  out: 'hc:out',
  dead: 'hc:dead',
  deadSeen: 'hc:dead:seen',
  stats: 'hc:stats',
};

// The one atomic step of an entry. It checks, in this order: the event id was applied already
// (then only acknowledge: a redelivered entry changes nothing), the person's state is still the
// version the worker read (else 'conflict': another worker moved it, read it again), and only then
// writes the new state, the history, the summary and the colour change, marks the event id
// applied and acknowledges the entry. Nothing is ever half done.
const COMMIT = `
if redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then
  redis.call('XACK', KEYS[6], ARGV[1], ARGV[2])
  redis.call('HINCRBY', KEYS[7], 'duplicates', 1)
  return 'duplicate'
end
local version = redis.call('HGET', KEYS[1], 'version')
if not version then version = '0' end
if version ~= ARGV[4] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', tostring(tonumber(version) + 1))
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'declaration', ARGV[5]) end
if ARGV[6] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[6]) end
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'snapshot', ARGV[7]) else redis.call('HDEL', KEYS[1], 'snapshot') end
if ARGV[8] ~= '' then
  redis.call('SET', KEYS[4], ARGV[8])
  redis.call('HSET', KEYS[1], 'colour', ARGV[9])
end
if ARGV[10] ~= '' then
  redis.call('XADD', KEYS[5], '*', 'subject', ARGV[12], 'from', ARGV[10], 'to', ARGV[9], 'since', ARGV[11],
    'rules', ARGV[13], 'stream', KEYS[6], 'entry', ARGV[2])
  redis.call('HINCRBY', KEYS[7], 'colourChanges', 1)
end
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('XACK', KEYS[6], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[7], 'applied', 1)
redis.call('HINCRBY', KEYS[7], 'path:' .. ARGV[14], 1)
return 'applied'
`;

// A poison entry: recorded once in the dead-letter stream with its issues, then acknowledged, so
// that it is never delivered again (a second worker that took it over only acknowledges it).
const DEAD_LETTER = `
local first = redis.call('SADD', KEYS[1], KEYS[3] .. '/' .. ARGV[2])
if first == 1 then
  redis.call('XADD', KEYS[2], '*', 'stream', KEYS[3], 'entry', ARGV[2], 'subject', ARGV[3], 'kind', ARGV[4],
    'body', ARGV[5], 'issues', ARGV[6])
  redis.call('HINCRBY', KEYS[4], 'deadLettered', 1)
else
  redis.call('HINCRBY', KEYS[4], 'duplicates', 1)
end
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
return first
`;

// The person's state in one round trip: version, declaration, snapshot, colour, whether the event
// id was applied, and (when asked) the whole history.
const LOAD = `
local f = redis.call('HMGET', KEYS[1], 'version', 'declaration', 'snapshot', 'colour')
local out = {}
for i = 1, 4 do out[i] = f[i] or '' end
out[5] = tostring(redis.call('SISMEMBER', KEYS[3], ARGV[1]))
if ARGV[2] == '1' then
  local h = redis.call('LRANGE', KEYS[2], 0, -1)
  for i = 1, #h do out[5 + i] = h[i] end
end
return out
`;

const scripts = {
  hcCommit: defineScript({
    SCRIPT: COMMIT,
    NUMBER_OF_KEYS: 7,
    parseCommand(parser, keyList, args) {
      for (const key of keyList) parser.pushKey(key);
      for (const arg of args) parser.push(arg);
    },
    transformReply: (reply) => reply,
  }),
  hcDeadLetter: defineScript({
    SCRIPT: DEAD_LETTER,
    NUMBER_OF_KEYS: 4,
    parseCommand(parser, keyList, args) {
      for (const key of keyList) parser.pushKey(key);
      for (const arg of args) parser.push(arg);
    },
    transformReply: (reply) => reply,
  }),
  hcLoad: defineScript({
    SCRIPT: LOAD,
    NUMBER_OF_KEYS: 3,
    parseCommand(parser, keyList, args) {
      for (const key of keyList) parser.pushKey(key);
      for (const arg of args) parser.push(arg);
    },
    transformReply: (reply) => reply,
  }),
};

/**
 * A connected client that reconnects by itself (capped back-off) and reports its errors to
 * `onError` instead of crashing the process: a Redis restart is an outage to wait out, not a bug.
 */
async function connect(url, onError) {
  const client = createClient({
    url,
    scripts,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000), connectTimeout: 5000 },
  });
  client.on('error', onError);
  await client.connect();
  return client;
}

/** Turns one stream message into an entry the worker handles. */
function toEntry(stream, message, redelivered, deliveries = 1) {
  const fields = message.message;
  return {
    stream,
    id: message.id,
    subjectId: fields.s ?? '',
    kind: fields.k ?? '',
    body: fields.b ?? '',
    redelivered,
    deliveries,
  };
}

/**
 * Connects to Redis and returns the transport of the city service.
 * @param {{ url: string, partitions?: number, group?: string, onError?: (error: Error) => void }} options
 */
export async function createRedisTransport({ url, partitions = 4, group = 'hc-workers', onError = () => {} }) {
  const client = await connect(url, onError);
  // A blocking XREADGROUP holds its connection until it returns: it gets a connection of its own,
  // so that commits never wait behind it.
  let reader = null;
  const streams = Array.from({ length: partitions }, (_, p) => keys.input(p));
  const cursors = new Map(streams.map((s) => [s, '0-0']));

  async function ensureGroups() {
    for (const stream of streams) {
      try {
        await client.xGroupCreate(stream, group, '0', { MKSTREAM: true });
      } catch (error) {
        if (!String(error?.message).startsWith('BUSYGROUP')) throw error;
      }
    }
  }

  /** Runs `call`; when Redis lost the group (a restart without persistence), creates it again once. */
  async function withGroup(call) {
    try {
      return await call();
    } catch (error) {
      if (!String(error?.message).startsWith('NOGROUP')) throw error;
      await ensureGroups();
      return call();
    }
  }

  return {
    partitions,
    group,
    client,
    setup: ensureGroups,

    async publish(records) {
      return Promise.all(
        records.map(({ subjectId, kind, body }) =>
          client.xAdd(keys.input(partitionOf(subjectId, partitions)), '*', { s: subjectId, k: kind, b: body }),
        ),
      );
    },

    async poll(consumer, { count = 64, blockMs = 500 } = {}) {
      reader ??= await connect(url, onError);
      const reply = await withGroup(() =>
        reader.xReadGroup(group, consumer, streams.map((key) => ({ key, id: '>' })), { COUNT: count, BLOCK: blockMs }),
      );
      const entries = [];
      for (const { name, messages } of reply ?? []) for (const message of messages) entries.push(toEntry(name, message, false));
      return entries;
    },

    async reclaim(consumer, { minIdleMs = 5000, count = 64 } = {}) {
      const entries = [];
      for (const stream of streams) {
        const claimed = await withGroup(() => client.xAutoClaim(stream, group, consumer, minIdleMs, cursors.get(stream), { COUNT: count }));
        cursors.set(stream, claimed.nextId);
        const messages = claimed.messages.filter((m) => m !== null && m.message !== null);
        if (messages.length === 0) continue;
        // XAUTOCLAIM does not say how often an entry was delivered; the pending list does, and a
        // poison entry that kills every worker that takes it is dead-lettered after a few tries.
        const pending = await client.xPendingRange(stream, group, messages[0].id, messages.at(-1).id, messages.length * 2, { consumer });
        const deliveries = new Map(pending.map((p) => [p.id, p.deliveriesCounter]));
        for (const message of messages) entries.push(toEntry(stream, message, true, deliveries.get(message.id) ?? 2));
      }
      if (entries.length > 0) await client.hIncrBy(keys.stats, 'redelivered', entries.length);
      return entries;
    },

    async load(subjectId, guard, { history = true } = {}) {
      const reply = await client.hcLoad([keys.person(subjectId), keys.history(subjectId), keys.applied(subjectId)], [guard, history ? '1' : '0']);
      const [version, declaration, snapshot, colour, seen, ...events] = reply;
      return {
        version: version === '' ? '0' : version,
        declaration: declaration === '' ? null : JSON.parse(declaration),
        snapshot: snapshot === '' ? null : JSON.parse(snapshot),
        colour: colour === '' ? null : colour,
        seen: seen === '1',
        history: history ? events.map((e) => JSON.parse(e)) : null,
      };
    },

    async ack(entry) {
      return client.xAck(entry.stream, group, entry.id);
    },

    async history(subjectId) {
      return (await client.lRange(keys.history(subjectId), 0, -1)).map((e) => JSON.parse(e));
    },

    async commit(entry, change) {
      const s = entry.subjectId;
      return client.hcCommit(
        [keys.person(s), keys.history(s), keys.applied(s), keys.summary(s), keys.out, entry.stream, keys.stats],
        [
          group,
          entry.id,
          change.guard,
          change.expectedVersion,
          change.declaration ? JSON.stringify(change.declaration) : '',
          change.event ? JSON.stringify(change.event) : '',
          change.snapshot ? JSON.stringify(change.snapshot) : '',
          change.summary ? JSON.stringify(change.summary) : '',
          change.summary?.colour ?? '',
          change.colourChange?.from ?? '',
          change.colourChange?.since ?? '',
          s,
          change.colourChange ? change.colourChange.rules.join(',') : '',
          change.path,
        ],
      );
    },

    async deadLetter(entry, issues) {
      const first = await client.hcDeadLetter(
        [keys.deadSeen, keys.dead, entry.stream, keys.stats],
        [group, entry.id, entry.subjectId, entry.kind, entry.body, JSON.stringify(issues)],
      );
      return first === 1 ? 'dead-lettered' : 'duplicate';
    },

    async summary(subjectId) {
      const text = await client.get(keys.summary(subjectId));
      return text === null ? null : JSON.parse(text);
    },

    async backlog() {
      let pending = 0;
      let lag = 0;
      let length = 0;
      for (const stream of streams) {
        length += await client.xLen(stream);
        const groups = await client.xInfoGroups(stream);
        const mine = groups.find((g) => g.name === group);
        if (!mine) {
          lag += await client.xLen(stream);
          continue;
        }
        pending += mine.pending;
        // `lag` is null when Redis cannot tell (after deletions); entries delivered = last id reached.
        lag += mine.lag ?? 0;
      }
      return { pending, lag, length };
    },

    async pendingOf(consumer) {
      let n = 0;
      for (const stream of streams) n += (await client.xPendingRange(stream, group, '-', '+', 100_000, { consumer })).length;
      return n;
    },

    async stats() {
      const raw = await client.hGetAll(keys.stats);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },

    async close() {
      for (const c of [reader, client]) {
        if (c === null) continue;
        try {
          await c.close();
        } catch {
          c.destroy();
        }
      }
    },
  };
}

/**
 * Deletes every key of the service (`hc:*`), so that a demo or a benchmark starts from nothing
 * without touching anything else the server holds.
 * @param {import('redis').RedisClientType} client
 */
export async function clearService(client) {
  let cursor = '0';
  do {
    const reply = await client.scan(cursor, { MATCH: 'hc:*', COUNT: 1000 });
    cursor = String(reply.cursor);
    if (reply.keys.length > 0) await client.unlink(reply.keys);
  } while (cursor !== '0');
}
