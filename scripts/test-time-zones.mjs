// T-1: the host's time zone must never change a result. Runs the engine's tests under several
// host zones (the default run already covered the machine's own zone).
import { spawnSync } from 'node:child_process';

const zones = (process.env.HCR_TEST_ZONES ?? 'UTC,America/Sao_Paulo,Asia/Shanghai,Pacific/Apia').split(',');
// Every example-based test file: the engine, the rules, the time rules, validation, the calendar,
// checkpoints, applications, the bundled cases, messages and the testing builders (the property
// files check T-1 themselves; the transition properties beside each rule's examples in test/rules
// run here with a few cases each).
const files = [
  'test/engine',
  'test/rules',
  'test/time',
  'test/validation',
  'test/calendar.test.ts',
  'test/checkpoint',
  'test/code/code.test.ts',
  'test/application.test.ts',
  'test/cases.test.ts',
  'test/messages.test.ts',
  'test/testing.test.ts',
];
for (const zone of zones) {
  console.log(`\n# TZ=${zone}`);
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone, FC_RUNS: process.env.HCR_TZ_FC_RUNS ?? '10' },
  });
  if (run.status !== 0) {
    console.error(`tests failed with TZ=${zone}`);
    process.exit(run.status ?? 1);
  }
}
