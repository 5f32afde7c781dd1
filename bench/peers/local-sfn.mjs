// Peer harness: aws-local-stepfunctions (installed at run time into bench/.peers by bench/run).
// Usage: node local-sfn.mjs PEERS_DIR WORKFLOW_DIR WARMUP_MS MEASURE_MS OUT_JSON
// One StateMachine instance per workflow; a checked run (must succeed), a timed warm-up, then a timed loop.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [peersDir, wfDir, warmupMs, measureMs, outFile] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(peersDir), 'package.json'));
const { StateMachine } = require('aws-local-stepfunctions');
const version = JSON.parse(fs.readFileSync(path.join(path.resolve(peersDir), 'node_modules/aws-local-stepfunctions/package.json'), 'utf8')).version;

const INPUT = { name: 'bench' };

class FlakyError extends Error { constructor(m) { super(m); this.name = 'FlakyError'; } }
class BoomError extends Error { constructor(m) { super(m); this.name = 'BoomError'; } }

function runOptions(name, probe) {
  if (name !== 'retry-catch') return {};
  let attempts = 0; // per execution: a fresh closure for each run
  return {
    overrides: {
      taskResourceLocalHandlers: {
        Flaky: async () => {
          attempts++;
          if (probe) probe.attempts = attempts;
          if (attempts < 3) throw new FlakyError('attempt ' + attempts);
          return { attempt: attempts };
        },
        AlwaysFails: async () => { throw new BoomError('boom'); },
      },
      retryIntervalOverrides: { Flaky: 0 },
    },
  };
}

class WrongResult extends Error { constructor(m) { super(m); this.name = 'WrongResult'; } }

// Every member of `expected` is in `actual` with an equal value; arrays element by element.
function subset(expected, actual) {
  if (expected === null || typeof expected !== 'object') return expected === actual;
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => subset(e, actual[i]));
  }
  if (Array.isArray(actual)) return false;
  return Object.keys(expected).every((k) => subset(expected[k], actual[k]));
}

async function loop(sm, name, ms) {
  const deadline = performance.now() + ms;
  let n = 0;
  do {
    const exec = sm.run(INPUT, runOptions(name));
    await exec.result;
    n++;
  } while (performance.now() < deadline);
  return n;
}

const files = fs.readdirSync(wfDir).filter((f) => f.endsWith('.asl.json')).sort();
const results = [];
for (const file of files) {
  const name = file.replace('.asl.json', '');
  const r = { workflow: name, engine: 'aws-local-stepfunctions', version, mode: 'history' };
  try {
    const definition = JSON.parse(fs.readFileSync(path.join(wfDir, file), 'utf8'));
    const sm = new StateMachine(definition, { validationOptions: { checkArn: false } });
    // Checked run: count StateEntered events and check the output.
    const probe = {};
    const exec = sm.run(INPUT, runOptions(name, probe));
    let entered = 0;
    const drain = (async () => { for await (const ev of exec.eventLogs) if (ev.type === 'StateEntered') entered++; })();
    const output = await exec.result;
    await drain;
    const expectedFile = path.join(wfDir, name + '.expected.json');
    if (fs.existsSync(expectedFile)) {
      const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
      if (!subset(expected, output)) {
        throw new WrongResult(`expected output ${JSON.stringify(expected)} but got ${JSON.stringify(output).slice(0, 300)}`);
      }
    }
    if (name === 'retry-catch' && (probe.attempts !== 3 || !output || output.status !== 'recovered')) {
      throw new Error('retry-catch did not retry 3 times and recover: ' + JSON.stringify({ probe, output }));
    }
    r.transitionsPerExecution = entered;
    await loop(sm, name, Number(warmupMs));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const executions = await loop(sm, name, Number(measureMs));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    Object.assign(r, {
      status: 'ok', executions, transitions: executions * entered, seconds,
      executionsPerSecond: executions / seconds, transitionsPerSecond: (executions * entered) / seconds,
      cpuSeconds, executionsPerCpuSecond: executions / cpuSeconds,
    });
  } catch (e) {
    r.status = e instanceof WrongResult ? 'wrong-result' : 'unsupported';
    r.error = `${e && e.name}: ${String(e && e.message).slice(0, 300)}`;
  }
  console.error('aws-local-stepfunctions ' + name + ': ' + JSON.stringify(r));
  results.push(r);
}
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
process.exit(0);
