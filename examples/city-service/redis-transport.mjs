// The Redis Streams transport of the city service: partition streams with one consumer group, the
// per-person state, and the atomic commit (state + output + XACK in one Lua script, guarded by the
// event id). Everything Redis-specific lives here; the worker only sees the transport interface
// below, so that a Kafka adapter (a consumer group over partitioned topics, a transactional
// producer writing the state topic, the output and the consumer offset at once) can follow.
//
// Transport interface (what worker.mjs, query.mjs, demo.mjs and verify.mjs call):
//   partitions                                   P, the number of input partitions
//   setup()                                      create the consumer group on every partition
//   publish(records)                             append `{ subjectId, kind, body }` records
//   lease(consumer, leaseMs), release(consumer)  the partitions this consumer owns now (renewed each call)
//   poll(consumer, { count, blockMs, partitions }) new entries of those partitions (at most `count` each)
//   reclaim(consumer, { minIdleMs, count, partitions }) entries idle longer than minIdleMs, taken over (XAUTOCLAIM)
//   load(subjectId, guard, { history })          the person's stored state
//   loadMany([{ subjectId, guards }], { history, cache }) the same for every person of a batch, one
//                                                round trip (people whose version is in `cache` unsent)
//   history(subjectId)                           the person's full history (every applied event)
//   commit(entry, change)                        'applied' | 'duplicate' | 'conflict', atomically
//   commitMany([{ entry, change }])              the same for a batch, one script call, a result each
//   ack(entry), ackMany(entries)                 acknowledge only (the no-op consumer of the benchmark)
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
  /** The field of the person's hash that marks an event id (its guard) applied. */
  applied: (guard) => `applied:${guard}`,
  summary: (s) => `hc:summary:${s}`,
  out: 'hc:out',
  dead: 'hc:dead',
  deadSeen: 'hc:dead:seen',
  stats: 'hc:stats',
  workers: 'hc:workers',
  lease: (p) => `hc:lease:${p}`,
};

// The atomic step of a batch of entries, each checked on its own, in order: the event id was
// applied already (then only acknowledge: a redelivered entry changes nothing), the person's state
// is still the version the worker read (else 'conflict': another worker moved it, the worker reads
// it again), and only then the new state, the history, the summary and the colour change are
// written, the event id marked applied and the entry acknowledged. A script runs alone on the
// server, so nothing is ever half done; one call per batch keeps the round trips off the rate.
// After a conflict, the person's later entries of the batch (computed on top of the refused one)
// are refused too.
//
// KEYS: hc:out, hc:stats, then per item: person, history, summary, input stream. The event ids
// applied are fields \`applied:<guard>\` of the person's hash, read with its version in one call.
// ARGV: group, then per item 14 fields: entry id, guard, expected version, flags ('n' expects a new
// event id, 's' a snapshot is stored), declaration,
// event, snapshot, summary, colour, previous colour (when it changed), since, subject, rules, path.
const COMMIT = `
local group = ARGV[1]
local failed = {}
local results = {}
local acks = {}
local applied, duplicates, changes = 0, 0, 0
local paths = {}
local function ack(stream, entry)
  local ids = acks[stream]
  if not ids then ids = {}; acks[stream] = ids end
  ids[#ids + 1] = entry
end
local n = (#KEYS - 2) / 4
for i = 1, n do
  local k = 2 + (i - 1) * 4
  local a = 1 + (i - 1) * 14
  local person, history, summary, stream = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4]
  local entry, guard, expected, flags = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local expectNew = string.find(flags, 'n', 1, true) ~= nil
  local marker = 'applied:' .. guard
  local current = failed[person] and {} or redis.call('HMGET', person, 'version', marker)
  if failed[person] then
    results[i] = 'conflict'
  elseif current[2] then
    ack(stream, entry)
    duplicates = duplicates + 1
    results[i] = 'duplicate'
    -- The worker computed what follows on a state without this event: read again.
    if expectNew then failed[person] = true end
  else
    local version = current[1] or '0'
    if version ~= expected or not expectNew then
      failed[person] = true
      results[i] = 'conflict'
    else
      local declaration, event, snapshot, summaryJson, colour = ARGV[a + 5], ARGV[a + 6], ARGV[a + 7], ARGV[a + 8], ARGV[a + 9]
      local fields = { 'version', tostring(tonumber(version) + 1), marker, '1' }
      if declaration ~= '' then fields[#fields + 1] = 'declaration'; fields[#fields + 1] = declaration end
      -- A change without a new snapshot leaves none: an older one would miss this change.
      if snapshot ~= '' then fields[#fields + 1] = 'snapshot'; fields[#fields + 1] = snapshot
      else redis.call('HDEL', person, 'snapshot') end
      if summaryJson ~= '' then
        redis.call('SET', summary, summaryJson)
        fields[#fields + 1] = 'colour'; fields[#fields + 1] = colour
      end
      redis.call('HSET', person, unpack(fields))
      if event ~= '' then redis.call('RPUSH', history, event) end
      local from = ARGV[a + 10]
      if from ~= '' then
        redis.call('XADD', KEYS[1], '*', 'subject', ARGV[a + 12], 'from', from, 'to', colour, 'since', ARGV[a + 11],
          'rules', ARGV[a + 13], 'stream', stream, 'entry', entry)
        changes = changes + 1
      end
      ack(stream, entry)
      applied = applied + 1
      local path = 'path:' .. ARGV[a + 14]
      paths[path] = (paths[path] or 0) + 1
      results[i] = 'applied'
    end
  end
end
for stream, ids in pairs(acks) do redis.call('XACK', stream, group, unpack(ids)) end
if applied > 0 then redis.call('HINCRBY', KEYS[2], 'applied', applied) end
if duplicates > 0 then redis.call('HINCRBY', KEYS[2], 'duplicates', duplicates) end
if changes > 0 then redis.call('HINCRBY', KEYS[2], 'colourChanges', changes) end
for path, count in pairs(paths) do redis.call('HINCRBY', KEYS[2], path, count) end
return results
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

// The state of every person of a batch in one round trip: per person, version, declaration,
// snapshot, colour, which of the batch's event ids were applied already, and (when asked) the
// whole history, unless the worker already holds that version of the person (a worker that
// leases a partition sees the same people again and again). KEYS: per person, person and
// history. ARGV: with-history, then per person the version it holds ('' for none), the number of
// its guards and the guards.
const LOAD = `
local out = {}
local a = 2
for i = 1, #KEYS / 2 do
  local k = (i - 1) * 2
  local known = ARGV[a]
  local count = tonumber(ARGV[a + 1])
  local fields = { 'version' }
  for g = 1, count do fields[1 + g] = 'applied:' .. ARGV[a + 1 + g] end
  local f = redis.call('HMGET', KEYS[k + 1], unpack(fields))
  local version = f[1] or ''
  local seen = {}
  for g = 1, count do seen[g] = f[1 + g] and '1' or '0' end
  a = a + count + 2
  local one = { version, '', '', '', table.concat(seen), '0' }
  if known == '' or version ~= known then
    -- Not the version the worker holds: the whole state.
    one[6] = '1'
    local rest = redis.call('HMGET', KEYS[k + 1], 'declaration', 'snapshot', 'colour')
    for j = 1, 3 do one[1 + j] = rest[j] or '' end
    if ARGV[1] == '1' then
      local h = redis.call('LRANGE', KEYS[k + 2], 0, -1)
      for j = 1, #h do one[6 + j] = h[j] end
    end
  end
  out[i] = one
end
return out
`;

// Partition leases, so that one person's entries are handled by one worker at a time (the way a
// Kafka consumer group assigns partitions): every worker beats its heart into hc:workers, keeps
// its fair share ceil(P / live workers) of the partitions as leases that expire unless renewed,
// gives back what is over its share (a worker joined), and takes free ones (a worker left or
// died: its leases lapse after the lease time). The server's clock decides, not the workers'.
// KEYS: hc:workers, then the lease key of every partition. ARGV: consumer, lease time in ms.
const LEASE = `
local me, ttl = ARGV[1], tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, me)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local partitions = #KEYS - 1
local share = math.ceil(partitions / redis.call('ZCARD', KEYS[1]))
local owned = {}
for p = 1, partitions do
  if redis.call('GET', KEYS[p + 1]) == me then
    if #owned < share then
      redis.call('PEXPIRE', KEYS[p + 1], ttl)
      owned[#owned + 1] = p - 1
    else
      redis.call('DEL', KEYS[p + 1])
    end
  end
end
for p = 1, partitions do
  if #owned >= share then break end
  if redis.call('SET', KEYS[p + 1], me, 'NX', 'PX', ttl) then owned[#owned + 1] = p - 1 end
end
return owned
`;

// A worker that stops gives its leases back at once instead of letting them lapse.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
for p = 2, #KEYS do
  if redis.call('GET', KEYS[p]) == ARGV[1] then redis.call('DEL', KEYS[p]) end
end
return 1
`;

const scripts = {
  hcLease: defineScript({
    SCRIPT: LEASE,
    parseCommand(parser, keyList, args) {
      parser.push(String(keyList.length));
      for (const key of keyList) parser.pushKey(key);
      for (const arg of args) parser.push(arg);
    },
    transformReply: (reply) => reply,
  }),
  hcRelease: defineScript({
    SCRIPT: RELEASE,
    parseCommand(parser, keyList, args) {
      parser.push(String(keyList.length));
      for (const key of keyList) parser.pushKey(key);
      for (const arg of args) parser.push(arg);
    },
    transformReply: (reply) => reply,
  }),
  hcCommit: defineScript({
    SCRIPT: COMMIT,
    parseCommand(parser, keyList, args) {
      parser.push(String(keyList.length));
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
    parseCommand(parser, keyList, args) {
      parser.push(String(keyList.length));
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

    async lease(consumer, leaseMs = 2000) {
      return client.hcLease([keys.workers, ...streams.map((_, p) => keys.lease(p))], [consumer, String(leaseMs)]);
    },

    async release(consumer) {
      return client.hcRelease([keys.workers, ...streams.map((_, p) => keys.lease(p))], [consumer]);
    },

    async poll(consumer, { count = 64, blockMs = 500, partitions: only = null } = {}) {
      reader ??= await connect(url, onError);
      const chosen = only === null ? streams : only.map((p) => streams[p]);
      if (chosen.length === 0) return [];
      const reply = await withGroup(() =>
        reader.xReadGroup(group, consumer, chosen.map((key) => ({ key, id: '>' })), { COUNT: count, BLOCK: blockMs }),
      );
      const entries = [];
      for (const { name, messages } of reply ?? []) for (const message of messages) entries.push(toEntry(name, message, false));
      return entries;
    },

    async reclaim(consumer, { minIdleMs = 5000, count = 64, partitions: only = null } = {}) {
      const entries = [];
      for (const stream of only === null ? streams : only.map((p) => streams[p])) {
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

    async loadMany(requests, { history = true, cache = null } = {}) {
      const keyList = [];
      const args = [history ? '1' : '0'];
      for (const { subjectId, guards } of requests) {
        keyList.push(keys.person(subjectId), keys.history(subjectId));
        const held = cache?.get(subjectId);
        args.push(held && (held.history !== null || !history) ? held.version : '', String(guards.length), ...guards);
      }
      const reply = await client.hcLoad(keyList, args);
      return requests.map(({ subjectId, guards }, i) => {
        const [version, declaration, snapshot, colour, seen, fresh, ...events] = reply[i];
        if (fresh === '0') {
          const held = cache.get(subjectId);
          return {
            version: held.version,
            declaration: held.declaration,
            snapshot: held.snapshot,
            colour: held.colour,
            seen: new Set(guards.filter((_, g) => seen[g] === '1')),
            history: held.history === null ? null : [...held.history],
          };
        }
        return {
          version: version === '' ? '0' : version,
          declaration: declaration === '' ? null : JSON.parse(declaration),
          snapshot: snapshot === '' ? null : JSON.parse(snapshot),
          colour: colour === '' ? null : colour,
          seen: new Set(guards.filter((_, g) => seen[g] === '1')),
          history: history ? events.map((e) => JSON.parse(e)) : null,
        };
      });
    },

    async load(subjectId, guard, options = {}) {
      const [state] = await this.loadMany([{ subjectId, guards: [guard] }], options);
      return { ...state, seen: state.seen.has(guard) };
    },

    async ack(entry) {
      return client.xAck(entry.stream, group, entry.id);
    },

    async ackMany(entries) {
      const byStream = new Map();
      for (const entry of entries) {
        const ids = byStream.get(entry.stream);
        if (ids) ids.push(entry.id);
        else byStream.set(entry.stream, [entry.id]);
      }
      let acked = 0;
      for (const [stream, ids] of byStream) acked += await client.xAck(stream, group, ids);
      return acked;
    },

    async history(subjectId) {
      return (await client.lRange(keys.history(subjectId), 0, -1)).map((e) => JSON.parse(e));
    },

    async commitMany(items) {
      if (items.length === 0) return [];
      const keyList = [keys.out, keys.stats];
      const args = [group];
      for (const { entry, change } of items) {
        const s = entry.subjectId;
        keyList.push(keys.person(s), keys.history(s), keys.summary(s), entry.stream);
        args.push(
          entry.id,
          change.guard,
          change.expectedVersion,
          `${change.path === 'duplicate' ? '' : 'n'}${change.hadSnapshot ? 's' : ''}`,
          change.declarationJson ?? (change.declaration ? JSON.stringify(change.declaration) : ''),
          change.eventJson ?? (change.event ? JSON.stringify(change.event) : ''),
          change.snapshot ? JSON.stringify(change.snapshot) : '',
          change.summary ? JSON.stringify(change.summary) : '',
          change.summary?.colour ?? '',
          change.colourChange?.from ?? '',
          change.colourChange?.since ?? '',
          s,
          change.colourChange ? change.colourChange.rules.join(',') : '',
          change.path,
        );
      }
      return client.hcCommit(keyList, args);
    },

    async commit(entry, change) {
      const [result] = await this.commitMany([{ entry, change }]);
      return result;
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
        if (typeof mine.lag === 'number') lag += mine.lag;
        else {
          // Redis cannot always tell the lag (after an append-only file is replayed, for one):
          // then count what lies after the group's last delivered id.
          const after = await client.xRange(stream, `(${mine['last-delivered-id']}`, '+', { COUNT: 1000 });
          lag += after.length;
        }
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
