#!/usr/bin/env node
// The example command line of health-code-rules. It uses only the package's public API, and it is
// the one place that reads files, standard input and the clock (the library never does).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  HealthCodeInputError,
  createEngine,
  defaultEngine,
  formatPath,
  glossary,
  stateDiagram,
  transitions,
} from 'health-code-rules';
import { code as codeCommand, keygen, scan } from './code-cli.mjs';
import { compareCommand } from './compare-cli.mjs';
import { PICTURE_OPTIONS, writePictures } from './picture-cli.mjs';
import { DETAILED_ISSUES, HELP_HINT, ISSUE_TEXT, LABELS, LANGS, TRANSITION_TEXT, USAGE } from './i18n.mjs';

const CASE_KEYS = new Set(['declaration', 'history', 'now', 'expect', 'note']);
const MAX_UNKNOWN_KEYS = 10;
const MAX_KEY_SHOWN = 64;
const FLAG_OF = { venue: '--venue', direction: '--direction', role: '--role', celsius: '--celsius', at: '--now', recordId: '--record-id' };

/** A problem with what the user gave us, reported like the library's input errors (exit 2). */
class UsageError extends Error {
  constructor(issues) {
    super('usage');
    this.issues = issues;
  }
}

const problem = (path, message) => ({ path, code: 'invalid', message });

let stdinUsed = false;
function readSource(name, what) {
  try {
    if (name === '-') {
      if (stdinUsed) throw new UsageError([problem([what], 'standard input can be read only once')]);
      stdinUsed = true;
      return readFileSync(0, 'utf8');
    }
    return readFileSync(name, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError([problem([what], `cannot read ${name}: ${error.code ?? error.message}`)]);
  }
}

// A byte-order mark (as some editors write one) is not part of the JSON text.
const stripBom = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function readJson(name, what) {
  const text = stripBom(readSource(name, what));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError([problem([what], `${name} is not valid JSON: ${error.message}`)]);
  }
}

/**
 * A case file: `{ declaration, history, now?, expect?, note? }`. Problems with the file's own keys
 * go into `issues`, to be reported together with those the engine finds.
 */
function readCase(name, issues) {
  const data = readJson(name, 'case');
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError([problem([], `${name}: a case is an object { "declaration": …, "history": [ … ] }`)]);
  // Each unknown key is named in its path, unless it is too long to print; at most ten are listed.
  const unknown = Object.keys(data).filter((key) => !CASE_KEYS.has(key));
  for (const key of unknown.slice(0, MAX_UNKNOWN_KEYS))
    issues.push({
      path: key.length <= MAX_KEY_SHOWN ? [key] : [],
      code: 'unrecognized_keys',
      message: `unknown key${key.length <= MAX_KEY_SHOWN ? '' : ` of ${key.length} characters`} in a case file (expected ${[...CASE_KEYS].join(', ')})`,
    });
  if (unknown.length > MAX_UNKNOWN_KEYS)
    issues.push({ path: [], code: 'unrecognized_keys', message: `${unknown.length - MAX_UNKNOWN_KEYS} more unknown keys in the case file` });
  if (data.now !== undefined && typeof data.now !== 'string')
    issues.push({ path: ['now'], code: 'invalid_instant', message: 'an ISO-8601 instant with offset, e.g. 2020-02-10T12:00:00+08:00' });
  return data;
}

/** Adds the engine's issues to the file's, leaving out a second report of a bad `now` (one issue per problem). */
function addIssues(issues, more) {
  const nowReported = issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'now');
  for (const issue of more) if (!(nowReported && issue.path.length === 1 && issue.path[0] === 'now')) issues.push(issue);
}

/** Evaluates a case, or throws every problem of the file and of the evaluation at once. */
function evaluateCase(engine, kase, now, issues) {
  const result = engine.safeEvaluate(kase.declaration, kase.history, now);
  if (!result.success) addIssues(issues, result.error.issues);
  if (issues.length > 0) throw new HealthCodeInputError(issues);
  return result.data;
}

function engineFor(values) {
  return values.policy === undefined ? defaultEngine : createEngine(readJson(values.policy, 'policy'));
}

function nowOf(values, kase) {
  // --now wins; then the case file's own instant; the current time only when neither is given.
  if (values.now !== undefined) return values.now;
  if (kase !== null && kase.now !== undefined) return kase.now;
  return new Date();
}

const t = (lang, key) => LABELS[key]?.[lang] ?? key;
const yesNo = (lang, flag) => t(lang, flag ? 'yes' : 'no');
const colon = (lang) => (lang === 'en' ? ': ' : '：');

// Ids put in words (docs/glossary.md): `I-5 (a key area is one on …)`.
const WORDS = new Map(glossary.map((g) => [g.id, g]));
const cite = (lang, id) => (WORDS.has(id) ? `${id} (${WORDS.get(id).text[lang]})` : id);
const evidenceOf = (lang, ids) => ids.map((id) => (id === 'declaration' ? t(lang, 'declaration') : id)).join(', ');
// T-1: instants are written in the policy zone; the built-in policy's is Beijing time.
const zoned = (lang, a, instant) =>
  a.policy.id !== 'lianyungang-2020' ? instant : lang === 'en' ? `${instant} (${t(lang, 'zone')})` : `${instant}（${t(lang, 'zone')}）`;

function printAssessment(a, lang) {
  const c = colon(lang);
  const out = [];
  out.push(`${t(lang, 'colour')}${c}${t(lang, a.colour)} (${t(lang, 'since')} ${zoned(lang, a, a.since)})`);
  const review = t(lang, a.review);
  out.push(`${t(lang, 'code')}${c}${a.issued ? `${t(lang, 'issued')}, ${t(lang, a.credential ?? 'app-code')}` : `${t(lang, 'notIssued')}, ${review}`}`);
  out.push(a.reasons.length === 0 ? `${t(lang, 'reasons')}${c}${t(lang, 'none')}` : `${t(lang, 'reasons')}${c.trim()}`);
  for (const r of a.reasons) {
    out.push(`  - ${r.message[lang]}`);
    if (r.interpretations.length > 0) out.push(`    ${t(lang, 'relies')}${c}${r.interpretations.map((id) => cite(lang, id)).join('; ')}`);
  }
  if (a.colour !== 'green') out.push(`${t(lang, 'releaseAt')}${c}${a.releaseAt === null ? t(lang, 'noRelease') : zoned(lang, a, a.releaseAt)}`);
  if (a.awaiting.length > 0) out.push(`${t(lang, 'awaiting')}${c}${a.awaiting.map((x) => t(lang, x)).join(', ')}`);
  if (a.nextChangeAt !== null)
    out.push(`${t(lang, 'nextChangeAt')}${c}${zoned(lang, a, a.nextChangeAt)}${a.nextColour == null ? '' : ` ${t(lang, 'nextColour')} ${t(lang, a.nextColour)}`}`);
  if (a.obligations.length > 0) out.push(`${t(lang, 'obligations')}${c}${a.obligations.map((o) => t(lang, o)).join(', ')}`);
  const p = a.permissions;
  out.push(
    `${t(lang, 'permissions')}${c}${t(lang, 'cityTravel')} ${yesNo(lang, p.cityTravel)}, ${t(lang, 'publicPlaces')} ${yesNo(lang, p.publicPlaces)}, ${t(lang, 'publicTransport')} ${yesNo(lang, p.publicTransport)}`,
  );
  if (a.missedDailyReports.length > 0) out.push(`${t(lang, 'missed')}${c}${a.missedDailyReports.join(', ')}`);
  if (a.ignored.length > 0) out.push(`${t(lang, 'ignored')}${c}${a.ignored.map((i) => `${i.id} (${t(lang, i.why)})`).join(', ')}`);
  out.push(`${t(lang, 'evaluatedAt')}${c}${zoned(lang, a, a.evaluatedAt)}`);
  out.push(`${t(lang, 'policy')}${c}${a.policy.id} ${a.policy.version} ${a.policy.hash}`);
  return out.join('\n');
}

function printDecision(d, lang) {
  const c = colon(lang);
  const out = [`${d.rule}${c}${t(lang, d.admit ? 'admit' : 'refuse')}`];
  out.push(`${t(lang, 'steps')}${c}${d.steps.length === 0 ? t(lang, 'none') : d.steps.map((s) => t(lang, s)).join(' + ')}`);
  out.push(d.message[lang]);
  if (d.record !== null) out.push(`${t(lang, 'record')}${c.trim()}`, JSON.stringify(d.record));
  return out.join('\n');
}

function explain(a, lang) {
  const c = colon(lang);
  const byId = new Map(transitions.map((x) => [x.id, x]));
  const zone = a.policy.id === 'lianyungang-2020' ? `; ${t(lang, 'instantsIn')} ${t(lang, 'zone')}` : '';
  const out = [`${t(lang, 'timeline')} (${a.subjectId}, ${a.declarationId}${zone})`];
  for (const entry of a.trail) {
    const x = byId.get(entry.transition);
    const text = TRANSITION_TEXT[entry.transition]?.[lang] ?? entry.transition;
    const colour = entry.from === undefined ? t(lang, entry.colour) : `${t(lang, entry.from)} → ${t(lang, entry.colour)}`;
    const cites = x === undefined ? '' : ` [${[`${t(lang, 'policySection')} ${x.section}`, ...x.interpretations.map((id) => cite(lang, id))].join('; ')}]`;
    const pad = ' '.repeat(entry.at.length + 2);
    out.push(`${entry.at}  ${entry.transition.padEnd(15)} ${text}${cites}`);
    out.push(`${pad}${colour}; ${t(lang, 'evidence')}${c}${evidenceOf(lang, entry.evidence)}`);
    // Who acted and why (T-void, T-app-rejected, T-R5-on, T-R5-off).
    if (entry.reason !== undefined) {
      const who = entry.authority === undefined ? '' : `${t(lang, 'by')} ${entry.authority}; `;
      const basis = entry.basis === undefined ? '' : `; ${t(lang, 'basis')}${c}${entry.basis}`;
      out.push(`${pad}${who}${t(lang, 'reason')}${c}${entry.reason}${basis}`);
    }
  }
  out.push('', printAssessment(a, lang));
  return out.join('\n');
}

/** The checkpoint context of the flags; a --celsius that is not a number goes into `issues`. */
function contextOf(values, at, issues) {
  const context = { venue: values.venue, direction: values.direction, at };
  if (values.role !== undefined) context.role = values.role;
  if (values['record-id'] !== undefined) context.recordId = values['record-id'];
  if (values.celsius !== undefined) {
    const celsius = Number(values.celsius);
    if (values.celsius.trim() === '' || !Number.isFinite(celsius))
      issues.push({ path: ['context', 'celsius'], code: 'invalid_type', message: `not a number (--celsius ${values.celsius})` });
    else context.celsius = celsius;
  }
  return context;
}

/** What the code commands (examples/code-cli.mjs) use of this file. */
const CODE_CONTEXT = {
  usage: (path, message) => new UsageError([problem(path, message)]),
  readCase,
  readJson,
  readSource,
  engineFor,
  nowOf,
  evaluateCase,
  printDecision,
  contextOf: (values, at) => {
    const issues = [];
    const context = contextOf(values, at, issues);
    if (issues.length > 0) throw new HealthCodeInputError(issues);
    return context;
  },
};

function contextIssues(error) {
  // The checkpoint's context comes from flags: name the flag next to the path.
  return error.issues.map((issue) =>
    issue.path[0] === 'context' && typeof issue.path[1] === 'string' && FLAG_OF[issue.path[1]] !== undefined
      ? { ...issue, message: `${issue.message} (${FLAG_OF[issue.path[1]]})` }
      : issue,
  );
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      now: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      venue: { type: 'string' },
      direction: { type: 'string' },
      role: { type: 'string' },
      celsius: { type: 'string' },
      'record-id': { type: 'string' },
      'no-code': { type: 'boolean', default: false },
      key: { type: 'string' },
      kid: { type: 'string' },
      issuer: { type: 'string' },
      credential: { type: 'string' },
      holder: { type: 'string' },
      out: { type: 'string' },
      trust: { type: 'string' },
      revoked: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...PICTURE_OPTIONS,
      baseline: { type: 'string' },
      reform: { type: 'string' },
      html: { type: 'string' },
      'min-cell': { type: 'string' },
      sample: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const [command, file, ...rest] = positionals;
  const lang = values.lang;
  if (!LANGS.includes(lang)) throw new UsageError([problem(['--lang'], `expected one of ${LANGS.join(', ')}`)]);
  if (values.help || command === undefined || command === 'help') {
    (values.help || command === 'help' ? process.stdout : process.stderr).write(USAGE[lang]);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (rest.length > 0) throw new UsageError([problem([], `unexpected argument ${rest[0]}`)]);

  switch (command) {
    case 'diagram':
      process.stdout.write(stateDiagram());
      return 0;
    case 'evaluate':
    case 'explain': {
      if (file === undefined) throw new UsageError([problem(['CASE.json'], `${command} needs a case file ("-" for standard input)`)]);
      const issues = [];
      const kase = readCase(file, issues);
      const engine = engineFor(values);
      const a = evaluateCase(engine, kase, nowOf(values, kase), issues);
      if (command === 'explain') writePictures(a, values, CODE_CONTEXT);
      if (values.json) process.stdout.write(`${JSON.stringify(command === 'explain' ? a.trail : a, null, 2)}\n`);
      else process.stdout.write(`${command === 'explain' ? explain(a, lang) : printAssessment(a, lang)}\n`);
      return 0;
    }
    case 'check': {
      const noCode = values['no-code'];
      if (noCode && file !== undefined) throw new UsageError([problem(['CASE.json'], '--no-code takes no case file')]);
      if (!noCode && file === undefined)
        throw new UsageError([problem(['CASE.json'], 'check needs a case file ("-" for standard input), or --no-code')]);
      const issues = [];
      const kase = noCode ? null : readCase(file, issues);
      const engine = engineFor(values);
      let now = nowOf(values, kase);
      const evaluated = kase === null ? null : engine.safeEvaluate(kase.declaration, kase.history, now);
      if (evaluated?.success === false) addIssues(issues, evaluated.error.issues);
      const assessment = evaluated?.success ? evaluated.data : null;
      // The checkpoint's instant is the evaluation's instant, written in the policy's zone.
      if (assessment !== null) now = assessment.evaluatedAt;
      else if (now instanceof Date) now = now.toISOString();
      const context = contextOf(values, now, issues);
      const result = engine.safeCheck(assessment, context);
      // Every problem at once: those of the case and those of the flags.
      // A bad --now is reported once, as the evaluation's `now`, not again as the checkpoint's `at`.
      const nowReported = issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'now');
      if (!result.success)
        issues.push(...contextIssues(result.error).filter((issue) => !(nowReported && issue.path[0] === 'context' && issue.path[1] === 'at')));
      if (issues.length > 0) throw new HealthCodeInputError(issues);
      const d = result.data;
      process.stdout.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : `${printDecision(d, lang)}\n`);
      return 0;
    }
    case 'compare':
      return compareCommand(values, file, CODE_CONTEXT);
    case 'keygen':
      if (file !== undefined) throw new UsageError([problem([], `unexpected argument ${file}`)]);
      return keygen(values, CODE_CONTEXT);
    case 'code':
      return codeCommand(values, file, CODE_CONTEXT);
    case 'scan':
      return scan(values, file, CODE_CONTEXT);
    default:
      throw new UsageError([problem([], `unknown command "${command}" (evaluate, check, explain, diagram, keygen, code, scan, compare)`)]);
  }
}

function report(issues, lang) {
  const c = colon(lang);
  const head = `${t(lang, 'badInput')}${c}${issues.length} ${t(lang, 'problems')}`;
  // The library's messages are English (for logs); other languages render the issue by its code.
  const text = (i) => (lang === 'en' || ISSUE_TEXT[i.code] === undefined ? i.message : `${ISSUE_TEXT[i.code][lang]}${DETAILED_ISSUES.has(i.code) ? `（${i.message}）` : ''}`);
  // At most 100 problems are printed, then how many more there are.
  const shown = issues.slice(0, 100).map((i) => `  ${formatPath(i.path)}${c}${text(i)}${i.code === 'invalid' ? '' : ` [${i.code}]`}`);
  if (issues.length > shown.length) shown.push(`  … ${issues.length - shown.length} more`);
  return [head, ...shown].join('\n');
}

function langOf(argv) {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  return LANGS.includes(value) ? value : 'en';
}

// A reader that stops early (`… | head`) is not an error of the CLI.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

let code;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  const lang = langOf(process.argv.slice(2));
  if (error instanceof HealthCodeInputError || error instanceof UsageError) {
    process.stderr.write(`${report(error.issues, lang)}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${HELP_HINT[lang]}\n`);
    code = 2;
  } else if (error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    process.stderr.write(`${report([problem([], error.message)], lang)}\n\n${USAGE[lang]}`);
    code = 2;
  } else {
    // No stack trace: a message, bounded, whatever was thrown.
    let message;
    try {
      message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    } catch {
      message = 'an unknown error';
    }
    process.stderr.write(`error: ${message.slice(0, 500)}\n`);
    code = 1;
  }
}
process.exitCode = code;
