// dap_test.js - cdbg's DAP server (`cdbg dap`) driven by VS Code's DebugClient
// (@vscode/debugadapter-testsupport, pinned in package-lock.json), as an editor drives it.
//
// Environment: CDBG (the cdbg binary), CDBG_TRACEE_DIR (dap_prog, dl_lib.so), DAP_PROG_SRC
// (tests/tracees/dap_prog.c), DAP_SEED (the seed of the randomized cases; printed, with a
// one-line replay on failure), DAP_ONLY (run only the tests whose name contains it).
// Every case checks what the program itself says (its output, its exit code, /proc) and not
// only what the server answers. Timeouts are bounds for a hung server, never measurements.
'use strict';
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const CDBG = process.env.CDBG;
const TRACEES = process.env.CDBG_TRACEE_DIR;
const SRC = process.env.DAP_PROG_SRC;
const PROG = path.join(TRACEES || '', 'dap_prog');
const DL_SRC = SRC ? path.join(path.dirname(SRC), 'dl_lib.c') : '';
const SEED = Number(process.env.DAP_SEED || Date.now() % 1000000);
const TIMEOUT = 60000;

if (!CDBG || !TRACEES || !SRC) {
  console.error('dap_test: set CDBG, CDBG_TRACEE_DIR and DAP_PROG_SRC (ctest does)');
  process.exit(2);
}

// The line of a "/* L:name */" marker in a source file.
function lineOf(file, marker) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`/* L:${marker} */`));
  assert.ok(i >= 0, `no marker L:${marker} in ${file}`);
  return i + 1;
}
const L = {};
for (const m of ['step_body', 'step_second', 'worker', 'loop_call', 'print_sum'])
  L[m] = lineOf(SRC, m);
const DL_ADD_FIRST = lineOf(DL_SRC, 'add_first');

// A small seeded generator (mulberry32): the same seed gives the same cases.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every event is kept from the start: a case awaits the next one of a kind it has not taken
// yet, whether it came before the case asked or after (DebugClient's waitForEvent only sees
// events that come after the call).
function client() {
  const dc = new DebugClient(CDBG, 'dap', 'cdbg', {
    env: Object.assign({}, process.env, { CDBG_TRACEE_DEADLINE: '60' }),
  });
  dc.defaultTimeout = TIMEOUT;
  const spawned = dc.start.bind(dc);
  dc.start = async () => {
    await spawned();
    const p = dc._adapterProcess;
    dc.exited = new Promise((res) => p.on('exit', (code, signal) => res({ code, signal })));
  };
  dc.kept = {};
  dc.waiting = [];
  const emit = dc.emit.bind(dc);
  dc.emit = (name, ev) => {
    (dc.kept[name] = dc.kept[name] || []).push(ev);
    dc.waiting = dc.waiting.filter((w) => !w.check());
    return emit(name, ev);
  };
  return dc;
}

// The end of a case: disconnect, then the server must exit by itself with status 0 (under
// the sanitizers, a leak or an error report makes it non-zero).
async function finish(dc, args) {
  if (!dc._adapterProcess) return;
  const p = dc._adapterProcess;
  await Promise.race([dc.disconnectRequest(args || {}).catch(() => {}), dc.exited]);
  const timer = setTimeout(() => p.kill('SIGKILL'), TIMEOUT);
  const ex = await dc.exited;
  clearTimeout(timer);
  dc._adapterProcess = null;
  if (ex.code !== 0 || ex.signal !== null)
    endProblems.push(`cdbg dap exited with ${JSON.stringify(ex)} after disconnect, not status 0`);
}
const endProblems = [];

// The next event of kind not taken yet.
function next(dc, kind) {
  return new Promise((res, rej) => {
    const w = {
      check() {
        const q = dc.kept[kind];
        if (!q || !q.length) return false;
        clearTimeout(w.timer);
        res(q.shift());
        return true;
      },
    };
    if (w.check()) return;
    w.timer = setTimeout(() => {
      dc.waiting = dc.waiting.filter((x) => x !== w);
      rej(new Error(`no event '${kind}' after ${TIMEOUT} ms`));
    }, TIMEOUT);
    w.timer.unref(); // a wait that lost a race keeps nothing alive
    dc.waiting.push(w);
  });
}

// Collect every event of a kind from now on.
function collect(dc, kind) {
  const got = [];
  dc.on(kind, (e) => got.push(e));
  return got;
}

// DebugClient's hitBreakpoint, on a started client: the stack trace at the stop.
async function hit(dc, launchArgs, location) {
  await dc.start();
  const [, , st] = await dc.hitBreakpoint(launchArgs, location);
  dc.kept.stopped = []; // hitBreakpoint took the stop
  return st;
}

async function start(dc, launchArgs, setup) {
  await dc.start();
  const init = dc.waitForEvent('initialized');
  await dc.initializeRequest();
  await init;
  if (setup) await setup();
  await dc.launchRequest(Object.assign({ program: PROG }, launchArgs));
  await dc.configurationDoneRequest();
}

async function stopped(dc, reason) {
  const e = await next(dc, 'stopped');
  if (reason) assert.strictEqual(e.body.reason, reason, `stop reason: ${JSON.stringify(e.body)}`);
  return e.body;
}

async function topFrame(dc, tid) {
  const st = await dc.stackTraceRequest({ threadId: tid, startFrame: 0, levels: 20 });
  return st.body.stackFrames[0];
}

async function evaluate(dc, expr, frameId, context) {
  const r = await dc.evaluateRequest({ expression: expr, frameId, context: context || 'watch' });
  return r.body;
}

async function vars(dc, ref, extra) {
  const r = await dc.variablesRequest(Object.assign({ variablesReference: ref }, extra || {}));
  return r.body.variables;
}

function byName(list, name) {
  const v = list.find((x) => x.name === name);
  assert.ok(v, `no variable ${name} in ${list.map((x) => x.name).join(', ')}`);
  return v;
}

// The program ends: its exit code, from the exited event.
async function ends(dc) {
  const ex = await next(dc, 'exited');
  await next(dc, 'terminated');
  return ex.body.exitCode;
}

function failsWith(promise, re) {
  return promise.then(
    (r) => assert.fail(`expected a failure matching ${re}, got ${JSON.stringify(r.body)}`),
    (e) => assert.match(String(e.message), re)
  );
}

// Is process pid alive, and how does /proc see it?
function procStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const state = /State:\s+(\S)/.exec(s)[1];
    const tracer = Number(/TracerPid:\s+(\d+)/.exec(s)[1]);
    return { state, tracer };
  } catch (e) {
    return null;
  }
}

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

// ---- launch, breakpoints, frames, threads ----

test('breakpoint at a line: stop, frames, threads, the program then finishes', async () => {
  const dc = client();
  const out = collect(dc, 'output');
  try {
    await hit(dc, { program: PROG }, { path: SRC, line: L.step_body });
    const th = await dc.threadsRequest();
    assert.strictEqual(th.body.threads.length, 1);
    const st = await dc.stackTraceRequest({ threadId: th.body.threads[0].id });
    const names = st.body.stackFrames.map((f) => f.name);
    assert.deepStrictEqual(names.slice(0, 2), ['step_here', 'main']);
    assert.strictEqual(st.body.stackFrames[1].line, L.loop_call);
    // paging: frame 1 alone
    const p = await dc.stackTraceRequest({ threadId: th.body.threads[0].id, startFrame: 1, levels: 1 });
    assert.strictEqual(p.body.stackFrames.length, 1);
    assert.strictEqual(p.body.stackFrames[0].name, 'main');
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [] });
    const code = ends(dc);
    await dc.continueRequest({ threadId: th.body.threads[0].id });
    assert.strictEqual(await code, 0);
    const text = out.filter((e) => e.body.category === 'stdout').map((e) => e.body.output).join('');
    assert.match(text, /dap: sum 90/);
    const err = out.filter((e) => e.body.category === 'stderr').map((e) => e.body.output).join('');
    assert.match(err, /dap: to stderr/);
  } finally {
    await finish(dc);
  }
});

test('breakpoints set before launch are verified, and every hit stops (exact count)', async () => {
  const dc = client();
  try {
    let bps;
    await start(dc, {}, async () => {
      bps = await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line: L.step_body }] });
    });
    assert.strictEqual(bps.body.breakpoints.length, 1);
    const id = bps.body.breakpoints[0].id;
    let hits = 0;
    const code = ends(dc);
    for (;;) {
      const s = await Promise.race([stopped(dc), code.then(() => null)]);
      if (!s) break;
      assert.deepStrictEqual(s.hitBreakpointIds, [id]);
      const f = await topFrame(dc, s.threadId);
      assert.strictEqual(f.line, L.step_body);
      assert.strictEqual((await evaluate(dc, 'i', f.id)).result, String(hits));
      hits++;
      await dc.continueRequest({ threadId: s.threadId });
    }
    assert.strictEqual(hits, 10);
    assert.strictEqual(await code, 0);
  } finally {
    await finish(dc);
  }
});

test('conditions, hit conditions and logpoints (seeded)', async () => {
  const r = rng(SEED);
  const k = Math.floor(r() * 10); // condition i == k
  const m = 1 + Math.floor(r() * 4); // hit condition %m
  const n = 1 + Math.floor(r() * 9); // hit condition >=n
  const cases = [
    { bp: { line: L.step_body, condition: `i == ${k}` }, want: [k] },
    { bp: { line: L.step_body, hitCondition: `%${m}` }, want: [...Array(10).keys()].filter((i) => (i + 1) % m === 0) },
    { bp: { line: L.step_body, hitCondition: `${n}` }, want: [...Array(10).keys()].filter((i) => i + 1 >= n) },
    { bp: { line: L.step_body, hitCondition: `==${n}` }, want: [n - 1] },
    { bp: { line: L.step_body, condition: `i % 2 == 1`, hitCondition: '>2' }, want: [5, 7, 9] },
  ];
  for (const c of cases) {
    const dc = client();
    try {
      await start(dc, {}, async () => {
        const b = await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [c.bp] });
        assert.strictEqual(b.body.breakpoints[0].verified, false); // not started yet: pending
      });
      const seen = [];
      const code = ends(dc);
      for (;;) {
        const s = await Promise.race([stopped(dc), code.then(() => null)]);
        if (!s) break;
        const f = await topFrame(dc, s.threadId);
        seen.push(Number((await evaluate(dc, 'i', f.id)).result));
        await dc.continueRequest({ threadId: s.threadId });
      }
      assert.deepStrictEqual(seen, c.want, `breakpoint ${JSON.stringify(c.bp)}`);
      assert.strictEqual(await code, 0);
    } finally {
      await finish(dc);
    }
  }
  // A logpoint: one line per hit with {expressions} replaced, and no stop.
  const dc = client();
  const out = collect(dc, 'output');
  try {
    await start(dc, {}, async () => {
      await dc.setBreakpointsRequest({
        source: { path: SRC },
        breakpoints: [{ line: L.step_body, logMessage: 'log i={i} id={o->id} {{x}}' }],
      });
    });
    assert.strictEqual(await ends(dc), 0);
    const logs = out.filter((e) => e.body.category === 'console' && e.body.output.startsWith('log '));
    let id = 42;
    const want = [];
    for (let i = 0; i < 10; i++) {
      want.push(`log i=${i} id=${id} {x}\n`);
      id += 2 * i;
    }
    assert.deepStrictEqual(logs.map((e) => e.body.output), want);
  } finally {
    await finish(dc);
  }
});

test('a bad condition or hit condition is an unverified breakpoint with a reason', async () => {
  const dc = client();
  try {
    await start(dc, { stopOnEntry: true });
    await stopped(dc, 'entry');
    const b = await dc.setBreakpointsRequest({
      source: { path: SRC },
      breakpoints: [{ line: L.step_body, condition: 'i ==' }, { line: L.step_second, hitCondition: 'often' }],
    });
    for (const bp of b.body.breakpoints) {
      assert.strictEqual(bp.verified, false);
      assert.ok(bp.message && bp.message.length > 10, JSON.stringify(bp));
    }
  } finally {
    await finish(dc);
  }
});

// ---- variables ----

test('variables: arguments, nested structs, pointers, paging a 10,000-element array', async () => {
  const dc = client();
  try {
    const st = await hit(dc, { program: PROG }, { path: SRC, line: L.step_body });
    const frames = st.body.stackFrames;
    const sc = await dc.scopesRequest({ frameId: frames[0].id });
    const names = sc.body.scopes.map((s) => s.name);
    assert.deepStrictEqual(names, ['Locals', 'Arguments', 'Registers']);
    const args = await vars(dc, sc.body.scopes[1].variablesReference);
    assert.strictEqual(byName(args, 'i').value, '0');
    const o = byName(args, 'o');
    assert.ok(o.variablesReference > 0);
    // a pointer to a struct shows the struct's members
    const members = await vars(dc, o.variablesReference);
    assert.deepStrictEqual(members.map((x) => x.name), ['id', 'in', 'ptr', 'small']);
    assert.strictEqual(byName(members, 'id').value, '42');
    assert.strictEqual(byName(members, 'id').evaluateName, 'o->id');
    const inner = await vars(dc, byName(members, 'in').variablesReference);
    assert.strictEqual(byName(inner, 'a').value, '7');
    assert.strictEqual(byName(inner, 'b').value, '0.5');
    assert.match(byName(inner, 'name').value, /^"nested/);
    const small = byName(members, 'small');
    assert.strictEqual(small.indexedVariables, 3);
    assert.deepStrictEqual((await vars(dc, small.variablesReference)).map((x) => x.value), ['1', '2', '3']);
    // evaluateName of a nested member reads the same value back
    const ev = await evaluate(dc, byName(inner, 'a').evaluateName, frames[0].id);
    assert.strictEqual(ev.result, '7');
    // main's local struct, a frame up
    const sc1 = await dc.scopesRequest({ frameId: frames[1].id });
    const locals = await vars(dc, sc1.body.scopes[0].variablesReference);
    const local = byName(locals, 'local');
    assert.strictEqual(local.type, 'struct outer');
    const lm = await vars(dc, local.variablesReference);
    assert.strictEqual(byName(lm, 'id').value, '42');
    assert.strictEqual(byName(lm, 'id').evaluateName, 'local.id');
    // the big array, paged
    const big = await evaluate(dc, 'dap_big', frames[0].id);
    assert.strictEqual(big.indexedVariables, 10000);
    const r = rng(SEED + 1);
    for (let t = 0; t < 5; t++) {
      const startAt = Math.floor(r() * 9990);
      const page = await vars(dc, big.variablesReference, { filter: 'indexed', start: startAt, count: 10 });
      assert.strictEqual(page.length, 10);
      page.forEach((v, i) => {
        assert.strictEqual(v.name, `[${startAt + i}]`);
        assert.strictEqual(v.value, String((startAt + i) * 3));
      });
    }
    // hex format
    const hx = await dc.evaluateRequest({ expression: 'dap_big[5]', frameId: frames[0].id, context: 'watch', format: { hex: true } });
    assert.strictEqual(hx.body.result, '0xf');
    // registers
    const regs = await vars(dc, sc.body.scopes[2].variablesReference);
    assert.match(byName(regs, 'rip').value, /^0x[0-9a-f]+ <step_here\+\d+>$/);
    // an unknown name is a failure with a sentence
    await failsWith(dc.evaluateRequest({ expression: 'no_such_name', frameId: frames[0].id, context: 'watch' }), /no_such_name/);
  } finally {
    await finish(dc);
  }
});

test('setVariable and setExpression change what the program computes', async () => {
  const dc = client();
  const out = collect(dc, 'output');
  try {
    const st = await hit(dc, { program: PROG }, { path: SRC, line: L.step_body });
    const f0 = st.body.stackFrames[0];
    const sc = await dc.scopesRequest({ frameId: f0.id });
    const set = await dc.setVariableRequest({ variablesReference: sc.body.scopes[1].variablesReference, name: 'i', value: '100' });
    assert.strictEqual(set.body.value, '100');
    // o->id through the struct's reference
    const args = await vars(dc, sc.body.scopes[1].variablesReference);
    const members = await vars(dc, byName(args, 'o').variablesReference);
    assert.ok(members.length > 0);
    const e = await dc.customRequest('setExpression', { expression: 'dap_outer_g.in.a', value: '-5', frameId: f0.id });
    assert.strictEqual(e.body.value, '-5');
    assert.strictEqual((await evaluate(dc, 'dap_outer_g.in.a', f0.id)).result, '-5');
    // the program sees i = 100 at this hit: twice = 200, and the sum grows by 200
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [] });
    const code = ends(dc);
    await dc.continueRequest({ threadId: 0 });
    assert.strictEqual(await code, 0);
    const text = out.filter((x) => x.body.category === 'stdout').map((x) => x.body.output).join('');
    assert.match(text, /dap: sum 290/);
    await failsWith(dc.customRequest('setExpression', { expression: '1 + 1', value: '3' }), /./);
  } finally {
    await finish(dc);
  }
});

// ---- stepping ----

test('next, stepIn, stepOut, and instruction steps', async () => {
  const dc = client();
  try {
    const st = await hit(dc, { program: PROG }, { path: SRC, line: L.loop_call });
    const th = (await dc.threadsRequest()).body.threads[0].id;
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [] });
    await dc.stepInRequest({ threadId: th });
    await stopped(dc, 'step');
    let f = await topFrame(dc, th);
    assert.strictEqual(f.name, 'step_here');
    assert.strictEqual(f.line, L.step_body);
    await dc.nextRequest({ threadId: th });
    await stopped(dc, 'step');
    f = await topFrame(dc, th);
    assert.strictEqual(f.line, L.step_second);
    const pc0 = f.instructionPointerReference;
    await dc.nextRequest({ threadId: th, granularity: 'instruction' });
    await stopped(dc, 'step');
    f = await topFrame(dc, th);
    assert.notStrictEqual(f.instructionPointerReference, pc0);
    assert.strictEqual(f.name, 'step_here');
    await dc.stepOutRequest({ threadId: th });
    await stopped(dc, 'step');
    f = await topFrame(dc, th);
    assert.strictEqual(f.name, 'main');
    assert.strictEqual(f.line, L.loop_call);
    void st;
  } finally {
    await finish(dc);
  }
});

test('a logpoint inside a function stepped over does not end the step', async () => {
  const dc = client();
  const out = collect(dc, 'output');
  try {
    await hit(dc, { program: PROG }, { path: SRC, line: L.loop_call });
    const th = (await dc.threadsRequest()).body.threads[0].id;
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [{ line: L.step_second, logMessage: 'inside {i}' }] });
    await dc.nextRequest({ threadId: th });
    await stopped(dc, 'step');
    const f = await topFrame(dc, th);
    assert.strictEqual(f.name, 'main');
    assert.ok(out.some((e) => e.body.output === 'inside 0\n'), 'the logpoint wrote its line');
  } finally {
    await finish(dc);
  }
});

// ---- other breakpoint kinds ----

test('function, instruction and data breakpoints', async () => {
  const dc = client();
  try {
    await start(dc, {}, async () => {
      const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'step_here' }] });
      assert.strictEqual(fb.body.breakpoints.length, 1);
    });
    let s = await stopped(dc, 'function breakpoint');
    let f = await topFrame(dc, s.threadId);
    assert.strictEqual(f.name, 'step_here');
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    // an instruction breakpoint two instructions on
    const dis = await dc.disassembleRequest({ memoryReference: f.instructionPointerReference, instructionOffset: 0, instructionCount: 3 });
    const target = dis.body.instructions[2].address;
    const ib = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: target }] });
    assert.strictEqual(ib.body.breakpoints[0].verified, true);
    await dc.continueRequest({ threadId: s.threadId });
    s = await stopped(dc, 'instruction breakpoint');
    f = await topFrame(dc, s.threadId);
    assert.strictEqual(f.instructionPointerReference, target);
    await dc.customRequest('setInstructionBreakpoints', { breakpoints: [] });
    // a data breakpoint on the global the loop writes: it stops when the value changes
    const info = await dc.dataBreakpointInfoRequest({ name: 'dap_watched', frameId: f.id });
    assert.ok(info.body.dataId, JSON.stringify(info.body));
    const db = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId, accessType: 'write' }] });
    assert.strictEqual(db.body.breakpoints[0].verified, true);
    const seen = [];
    for (let k = 0; k < 3; k++) {
      await dc.continueRequest({ threadId: s.threadId });
      s = await stopped(dc, 'data breakpoint');
      f = await topFrame(dc, s.threadId);
      seen.push(Number((await evaluate(dc, 'dap_watched', f.id)).result));
    }
    assert.deepStrictEqual(seen, [1, 2, 3]);
    const big = await dc.dataBreakpointInfoRequest({ name: 'dap_outer_g', frameId: f.id });
    assert.strictEqual(big.body.dataId, null);
    assert.match(big.body.description, /bytes/);
    await dc.setDataBreakpointsRequest({ breakpoints: [] });
    const code = ends(dc);
    await dc.continueRequest({ threadId: s.threadId });
    assert.strictEqual(await code, 0);
  } finally {
    await finish(dc);
  }
});

test('a breakpoint in a library loaded later is pending, then verified and hit', async () => {
  const dc = client();
  try {
    const changed = collect(dc, 'breakpoint');
    const mods = collect(dc, 'module');
    let bp;
    await start(dc, { args: ['dl'] }, async () => {
      bp = await dc.setBreakpointsRequest({ source: { path: DL_SRC }, breakpoints: [{ line: DL_ADD_FIRST }] });
    });
    assert.strictEqual(bp.body.breakpoints[0].verified, false);
    const s = await stopped(dc, 'breakpoint');
    const f = await topFrame(dc, s.threadId);
    assert.strictEqual(f.name, 'dl_add');
    assert.strictEqual(f.line, DL_ADD_FIRST);
    assert.ok(changed.some((e) => e.body.breakpoint.verified && e.body.breakpoint.id === bp.body.breakpoints[0].id));
    assert.ok(mods.some((e) => e.body.reason === 'new' && /dl_lib\.so$/.test(e.body.module.path)));
    const m = await dc.modulesRequest({});
    assert.ok(m.body.modules.some((x) => /dl_lib\.so$/.test(x.path)));
    assert.strictEqual((await evaluate(dc, 'a + b', f.id)).result, '5');
  } finally {
    await finish(dc);
  }
});

// ---- signals ----

test('signals stop as exceptions (exceptionInfo), or pass when the filter is off', async () => {
  for (const on of [true, false]) {
    const dc = client();
    const out = collect(dc, 'output');
    try {
      await dc.start();
      await dc.initializeRequest();
      await dc.launchRequest({ program: PROG, args: ['signal'] });
      await dc.setExceptionBreakpointsRequest({ filters: on ? ['signals'] : [] });
      await dc.configurationDoneRequest();
      const code = ends(dc);
      if (on) {
        let s = await stopped(dc, 'exception');
        assert.match(s.description, /SIGUSR1/);
        const ei = await dc.exceptionInfoRequest({ threadId: s.threadId });
        assert.strictEqual(ei.body.exceptionId, 'SIGUSR1');
        await dc.continueRequest({ threadId: s.threadId });
        s = await stopped(dc, 'exception');
        assert.match(s.description, /SIGSEGV/);
        const f = await topFrame(dc, s.threadId);
        assert.strictEqual(f.name, 'main');
        await dc.continueRequest({ threadId: s.threadId });
      }
      assert.strictEqual(await code, 128 + 11);
      const text = out.filter((e) => e.body.category === 'stdout').map((e) => e.body.output).join('');
      assert.match(text, /dap: usr1 1/); // the handler ran exactly once: no signal lost or doubled
    } finally {
      await finish(dc);
    }
  }
});

// ---- memory, disassembly, the console, completions ----

test('readMemory, writeMemory, disassemble, the console, completions', async () => {
  const dc = client();
  try {
    const st = await hit(dc, { program: PROG }, { path: SRC, line: L.step_body });
    const f0 = st.body.stackFrames[0];
    const addr = (await evaluate(dc, '&dap_big', f0.id)).result.match(/0x[0-9a-f]+/)[0];
    const mem = await dc.customRequest('readMemory', { memoryReference: addr, offset: 4, count: 16 });
    const buf = Buffer.from(mem.body.data, 'base64');
    assert.strictEqual(buf.length, 16);
    assert.deepStrictEqual([0, 1, 2, 3].map((i) => buf.readInt32LE(i * 4)), [3, 6, 9, 12]);
    const w = Buffer.alloc(4);
    w.writeInt32LE(-77);
    const wr = await dc.customRequest('writeMemory', { memoryReference: addr, offset: 8, data: w.toString('base64') });
    assert.strictEqual(wr.body.bytesWritten, 4);
    assert.strictEqual((await evaluate(dc, 'dap_big[2]', f0.id)).result, '-77');
    // unreadable memory: said, not failed
    const bad = await dc.customRequest('readMemory', { memoryReference: '0x8', count: 8 });
    assert.strictEqual(bad.body.unreadableBytes, 8);
    // disassembly around the pc, backwards too
    const dis = await dc.disassembleRequest({ memoryReference: f0.instructionPointerReference, instructionOffset: -4, instructionCount: 8 });
    const ins = dis.body.instructions;
    assert.strictEqual(ins.length, 8);
    assert.strictEqual(ins[4].address, f0.instructionPointerReference);
    for (let i = 1; i < 8; i++) assert.ok(BigInt(ins[i].address) > BigInt(ins[i - 1].address));
    assert.match(ins[4].symbol, /^step_here\+\d+$/);
    // the console: commands and expressions
    const bt = await evaluate(dc, 'bt', f0.id, 'repl');
    assert.match(bt.result, /#0 +step_here \(i=0/);
    assert.match(bt.result, /#1 .* main /);
    const p = await evaluate(dc, 'i + 41', f0.id, 'repl');
    assert.strictEqual(p.result, '41');
    const ib = await evaluate(dc, 'info breakpoints', f0.id, 'repl');
    assert.match(ib.result, /dap_prog\.c:\d+/);
    await failsWith(dc.evaluateRequest({ expression: 'frobnicate', frameId: f0.id, context: 'repl' }), /frobnicate/);
    const c = await dc.completionsRequest({ text: 'info brea', column: 10 });
    assert.ok(c.body.targets.some((t) => t.label === 'breakpoints'), JSON.stringify(c.body));
    // a console command that moves the program: the client hears of the stop
    await evaluate(dc, 'next', f0.id, 'repl');
    assert.strictEqual((await stopped(dc)).reason, 'step');
    const f = await topFrame(dc, st.body.stackFrames[0].threadId || (await dc.threadsRequest()).body.threads[0].id);
    assert.strictEqual(f.line, L.step_second);
    const srcs = await dc.customRequest('loadedSources', {});
    assert.ok(srcs.body.sources.some((s) => s.path === SRC || s.path.endsWith('/dap_prog.c')));
    // `continue` typed in the console runs the program as the button does: answered at once
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [] });
    await evaluate(dc, 'continue', f.id, 'repl');
    assert.strictEqual(await ends(dc), 0);
  } finally {
    await finish(dc);
  }
});

// ---- threads ----

test('threads: started and exited events, one stop per worker (exact)', async () => {
  const dc = client();
  const tev = collect(dc, 'thread');
  try {
    await start(dc, { args: ['threads'] }, async () => {
      await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'worker_here' }] });
    });
    const code = ends(dc);
    const args = new Set();
    for (;;) {
      const s = await Promise.race([stopped(dc), code.then(() => null)]);
      if (!s) break;
      const th = await dc.threadsRequest();
      assert.ok(th.body.threads.some((t) => t.id === s.threadId));
      const st = await dc.stackTraceRequest({ threadId: s.threadId });
      assert.strictEqual(st.body.stackFrames[0].name, 'worker_here');
      assert.strictEqual(st.body.stackFrames[1].name, 'worker');
      args.add((await evaluate(dc, 'n', st.body.stackFrames[0].id)).result);
      await dc.continueRequest({ threadId: s.threadId });
    }
    assert.deepStrictEqual([...args].sort(), ['0', '1', '2', '3']);
    assert.strictEqual(await code, 0);
    const started = tev.filter((e) => e.body.reason === 'started').length;
    const exited = tev.filter((e) => e.body.reason === 'exited').length;
    assert.strictEqual(started, 5);
    assert.strictEqual(exited, 5);
  } finally {
    await finish(dc);
  }
});

// ---- attach, pause, detach, terminate ----

test('attach, pause, detach: the program runs on, untraced, without a breakpoint byte left', async () => {
  let bpAddr, ownByte;
  const child = cp.spawn(PROG, ['wait'], { stdio: ['ignore', 'pipe', 'inherit'], env: Object.assign({}, process.env, { CDBG_TRACEE_DEADLINE: '60' }) });
  try {
    await new Promise((res) => child.stdout.once('data', res)); // "dap: waiting"
    const dc = client();
    try {
      await dc.start();
      await dc.initializeRequest();
      await dc.attachRequest({ pid: child.pid });
      await dc.configurationDoneRequest();
      const pause = stopped(dc, 'pause');
      await dc.pauseRequest({ threadId: child.pid });
      const s = await pause;
      const st = procStatus(child.pid);
      assert.ok(st.tracer > 0, 'traced while attached');
      // a breakpoint in code the program will not run, then detach
      const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'step_here' }] });
      const addr = fb.body.breakpoints[0].instructionReference;
      const mem = await dc.customRequest('readMemory', { memoryReference: addr, count: 1 });
      const own = Buffer.from(mem.body.data, 'base64')[0];
      assert.notStrictEqual(own, 0xcc, 'readMemory shows the program\'s own byte');
      bpAddr = addr;
      ownByte = own;
      void s;
      await finish(dc, { terminateDebuggee: false });
    } catch (e) {
      await finish(dc);
      throw e;
    }
    // after detach: alive, not traced, not stopped, its byte back
    const after = procStatus(child.pid);
    assert.ok(after, 'the program still runs');
    assert.strictEqual(after.tracer, 0);
    assert.ok(after.state === 'S' || after.state === 'R', `state ${after.state}`);
    const fd = fs.openSync(`/proc/${child.pid}/mem`, 'r');
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, Number(BigInt(bpAddr)));
    fs.closeSync(fd);
    assert.strictEqual(b[0], ownByte, 'the breakpoint\'s byte is the program\'s own again');
  } finally {
    child.kill('SIGKILL');
  }
});

test('the client vanishes, or cdbg dap gets SIGTERM: an attached program is let go whole', async () => {
  for (const how of ['close', 'SIGTERM', 'SIGHUP']) {
    const child = cp.spawn(PROG, ['wait'], { stdio: ['ignore', 'pipe', 'inherit'], env: Object.assign({}, process.env, { CDBG_TRACEE_DEADLINE: '60' }) });
    try {
      await new Promise((res) => child.stdout.once('data', res));
      const dc = client();
      await dc.start();
      await dc.initializeRequest();
      await dc.attachRequest({ pid: child.pid });
      await dc.configurationDoneRequest();
      const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'step_here' }] });
      const addr = Number(BigInt(fb.body.breakpoints[0].instructionReference));
      const own = Buffer.from((await dc.customRequest('readMemory', { memoryReference: fb.body.breakpoints[0].instructionReference, count: 1 })).body.data, 'base64')[0];
      const p = dc._adapterProcess;
      if (how === 'close') p.stdin.end();
      else p.kill(how);
      const ex = await dc.exited;
      dc._adapterProcess = null;
      assert.strictEqual(ex.signal, null, `${how}: cdbg dap died of ${ex.signal}`);
      const st = procStatus(child.pid);
      assert.ok(st, `${how}: the program still runs`);
      assert.strictEqual(st.tracer, 0, `${how}: not traced any more`);
      const fd = fs.openSync(`/proc/${child.pid}/mem`, 'r');
      const b = Buffer.alloc(1);
      fs.readSync(fd, b, 0, 1, addr);
      fs.closeSync(fd);
      assert.strictEqual(b[0], own, `${how}: the program's own byte is back`);
    } finally {
      child.kill('SIGKILL');
    }
  }
});

test('a thread storm under pause, threads, stackTrace, continue (seeded): no thread lost', async () => {
  const r = rng(SEED + 3);
  const child = cp.spawn(path.join(TRACEES, 'storm'), [], { stdio: ['pipe', 'pipe', 'inherit'], env: Object.assign({}, process.env, { CDBG_TRACEE_DEADLINE: '60' }) });
  let text = '';
  child.stdout.on('data', (b) => (text += b));
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  try {
    for (let i = 0; i < 600 && !/ready pid=/.test(text); i++) await new Promise((res) => setTimeout(res, 10));
    const dc = client();
    try {
      await dc.start();
      await dc.initializeRequest();
      await dc.attachRequest({ pid: child.pid });
      await dc.configurationDoneRequest();
      for (let round = 0; round < 25; round++) {
        // while it runs: the thread list changes under the request, which still answers
        for (let k = Math.floor(r() * 3); k > 0; k--) await dc.threadsRequest();
        await new Promise((res) => setTimeout(res, Math.floor(r() * 20)));
        await dc.pauseRequest({ threadId: child.pid });
        const s = await stopped(dc, 'pause');
        const th = (await dc.threadsRequest()).body.threads;
        assert.ok(th.some((t) => t.id === s.threadId));
        for (const t of th) { // all stopped: every thread's stack answers, or says why not
          try {
            const st = await dc.stackTraceRequest({ threadId: t.id, levels: 5 });
            assert.ok(st.body.stackFrames.length >= 1);
          } catch (e) {
            assert.match(String(e.message), /thread|frame|stack/i);
          }
        }
        await dc.continueRequest({ threadId: s.threadId });
      }
      await finish(dc, { terminateDebuggee: false });
    } catch (e) {
      await finish(dc);
      throw e;
    }
    assert.strictEqual(procStatus(child.pid).tracer, 0);
    child.stdin.write('quit\n');
    assert.strictEqual(await exited, 0, `storm says: ${text.slice(-200)}`);
    assert.match(text, /done created=\d+/);
  } finally {
    child.kill('SIGKILL');
  }
});

test('terminate ends a launched program; disconnect kills one, detaches an attached one', async () => {
  const dc = client();
  try {
    await start(dc, { args: ['wait'] });
    const pid = (await dc.threadsRequest()).body.threads[0].id;
    await dc.terminateRequest({});
    await next(dc, 'terminated');
    assert.strictEqual(procStatus(pid), null, 'the program is gone');
  } finally {
    await finish(dc);
  }
  const dc2 = client();
  let pid2;
  try {
    await start(dc2, { args: ['wait'] });
    pid2 = (await dc2.threadsRequest()).body.threads[0].id;
    await finish(dc2);
  } catch (e) {
    await finish(dc2);
    throw e;
  }
  for (let i = 0; i < 100 && procStatus(pid2); i++) await new Promise((r) => setTimeout(r, 50));
  assert.strictEqual(procStatus(pid2), null, 'disconnect killed the launched program');
});

test('a console continue can be paused', async () => {
  const dc = client();
  try {
    await start(dc, { stopOnEntry: true, args: ['wait'] });
    const s = await stopped(dc, 'entry');
    const f = await topFrame(dc, s.threadId);
    await evaluate(dc, 'c', f.id, 'repl');
    assert.strictEqual((await next(dc, 'continued')).body.allThreadsContinued, true);
    for (;;) { // it runs: it says so
      const o = await next(dc, 'output');
      if (o.body.category === 'stdout' && /dap: waiting/.test(o.body.output)) break;
    }
    await dc.pauseRequest({ threadId: s.threadId });
    await stopped(dc, 'pause');
    const bt = await evaluate(dc, 'bt', undefined, 'repl');
    assert.match(bt.result, /in main /);
  } finally {
    await finish(dc);
  }
});

test('stopOnEntry stops at main; exit code reported', async () => {
  const dc = client();
  try {
    await start(dc, { stopOnEntry: true, args: ['exit7'] });
    const s = await stopped(dc, 'entry');
    const f = await topFrame(dc, s.threadId);
    assert.strictEqual(f.name, 'main');
    const code = ends(dc);
    await dc.continueRequest({ threadId: s.threadId });
    assert.strictEqual(await code, 7);
  } finally {
    await finish(dc);
  }
});

// ---- Go ----

test('Go: goroutines are the threads, each with its own stack; detach leaves it running', async () => {
  const gobin = path.join(TRACEES, 'gogoroutines');
  if (!fs.existsSync(gobin)) throw new Error(`${gobin} is not built (golang-go is a build dependency)`);
  const child = cp.spawn(gobin, [], { stdio: ['pipe', 'pipe', 'inherit'], env: Object.assign({}, process.env, { CDBG_TRACEE_DEADLINE: '60' }) });
  let text = '';
  child.stdout.on('data', (b) => (text += b));
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  try {
    for (let i = 0; i < 600 && !/ready pid=/.test(text); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(text, /ready pid=/);
    const ids = {};
    for (const m of text.matchAll(/started id=(\d+) func=(\S+)/g)) ids[m[1]] = m[2];
    const dc = client();
    const tev = collect(dc, 'thread');
    try {
      await dc.start();
      await dc.initializeRequest();
      await dc.attachRequest({ pid: child.pid });
      await dc.configurationDoneRequest();
      await dc.pauseRequest({ threadId: 1 });
      const s = await stopped(dc, 'pause');
      const th = (await dc.threadsRequest()).body.threads;
      assert.ok(th.some((t) => t.id === s.threadId), 'the stopped thread is listed');
      for (const [goid, fn] of Object.entries(ids)) {
        const t = th.find((x) => x.id === Number(goid));
        assert.ok(t, `goroutine ${goid} is a thread: ${JSON.stringify(th)}`);
        assert.ok(t.name.startsWith(`Goroutine ${goid} [waiting`), t.name);
        const st = await dc.stackTraceRequest({ threadId: t.id, levels: 20 });
        assert.ok(st.body.stackFrames.some((f) => f.name === fn), `${fn} on goroutine ${goid}'s stack`);
      }
      assert.strictEqual(Object.keys(ids).length, 5);
      assert.strictEqual(tev.length, 0, 'no OS thread events for a Go program');
      await finish(dc, { terminateDebuggee: false });
    } catch (e) {
      await finish(dc);
      throw e;
    }
    child.stdin.write('quit\n');
    assert.strictEqual(await exited, 0);
    assert.match(text, /\ndone\n/);
  } finally {
    child.kill('SIGKILL');
  }
});

test('Go: a panic stops the program before it dies (exceptionInfo), or not with the filter off', async () => {
  const gobin = path.join(TRACEES, 'govalues');
  if (!fs.existsSync(gobin)) throw new Error(`${gobin} is not built (golang-go is a build dependency)`);
  for (const on of [true, false]) {
    const dc = client();
    const out = collect(dc, 'output');
    try {
      await dc.start();
      await dc.initializeRequest();
      await dc.launchRequest({ program: gobin, args: ['panic'] });
      await dc.setExceptionBreakpointsRequest({ filters: on ? ['signals', 'panics'] : ['signals'] });
      await dc.configurationDoneRequest();
      if (on) {
        const s = await stopped(dc, 'exception');
        assert.strictEqual(s.description, 'panic: boom');
        const ei = await dc.exceptionInfoRequest({ threadId: s.threadId });
        assert.strictEqual(ei.body.exceptionId, 'panic');
        assert.strictEqual(ei.body.breakMode, 'unhandled');
        const st = await dc.stackTraceRequest({ threadId: s.threadId, levels: 10 });
        assert.strictEqual(st.body.stackFrames[0].name, 'runtime.fatalpanic');
        assert.ok(st.body.stackFrames.some((f) => f.name === 'main.main'));
        // Go values in the variables view, as delve shows them
        const main = st.body.stackFrames.find((f) => f.name === 'main.main');
        const v = await evaluate(dc, 'main.gOuter.In', main.id);
        assert.strictEqual(v.result, 'main.Point {X: 1, Y: 2, Name: "in"}');
        // a slice expands into its elements, paged; Go's type names
        const big = await evaluate(dc, 'main.gBig', main.id);
        assert.strictEqual(big.type, '[]int');
        assert.strictEqual(big.indexedVariables, 100);
        const page = await vars(dc, big.variablesReference, { start: 98, count: 2 });
        assert.deepStrictEqual(page.map((x) => [x.name, x.value, x.evaluateName]),
          [['[98]', '9604', 'main.gBig[98]'], ['[99]', '9801', 'main.gBig[99]']]);
        assert.strictEqual((await evaluate(dc, page[1].evaluateName, main.id)).result, '9801');
        await dc.continueRequest({ threadId: s.threadId });
      }
      assert.strictEqual(await ends(dc), 2);
      const err = out.filter((e) => e.body.category === 'stderr').map((e) => e.body.output).join('');
      assert.match(err, /^panic: boom/m); // the runtime's own words: it died as it would have
    } finally {
      await finish(dc);
    }
  }
});

// ---- hostile input ----

// Raw messages to a server: returns the responses to each.
function rawSession() {
  const p = cp.spawn(CDBG, ['dap'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = Buffer.alloc(0);
  const msgs = [];
  const waiters = [];
  p.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const i = buf.indexOf('\r\n\r\n');
      if (i < 0) break;
      const n = Number(/Content-Length: (\d+)/.exec(buf.slice(0, i).toString())[1]);
      if (buf.length < i + 4 + n) break;
      msgs.push(JSON.parse(buf.slice(i + 4, i + 4 + n).toString()));
      buf = buf.slice(i + 4 + n);
    }
    while (waiters.length && waiters[0].pred()) waiters.shift().res();
  });
  const exit = new Promise((res) => p.on('exit', (code, sig) => res({ code, sig })));
  return {
    p,
    msgs,
    exit,
    write(s) {
      p.stdin.write(s);
    },
    send(obj) {
      const b = Buffer.from(JSON.stringify(obj));
      p.stdin.write(`Content-Length: ${b.length}\r\n\r\n`);
      p.stdin.write(b);
    },
    until(pred) {
      if (pred()) return Promise.resolve();
      return new Promise((res, rej) => {
        waiters.push({ pred, res });
        setTimeout(() => rej(new Error(`no such message; got ${JSON.stringify(msgs).slice(0, 2000)}`)), TIMEOUT).unref();
      });
    },
  };
}

test('bad messages get an error response and leave the session usable', async () => {
  const s = rawSession();
  const resp = (seq) => s.msgs.find((m) => m.type === 'response' && m.request_seq === seq);
  try {
    s.send({ seq: 1, type: 'request', command: 'threads' }); // before initialize
    await s.until(() => resp(1));
    assert.strictEqual(resp(1).success, false);
    assert.match(resp(1).message, /initialize/);
    s.write('Content-Length: 9\r\n\r\n{"seq": 2'); // not JSON
    s.write('Content-Length: abc\r\n\r\n'); // not a length
    s.write('Content-Length: 2\r\n\r\n[]'); // not an object
    s.send({ seq: 3, type: 'request', command: 'initialize', arguments: { adapterID: 'x' } });
    await s.until(() => resp(3));
    assert.strictEqual(resp(3).success, true);
    const errors = s.msgs.filter((m) => m.type === 'response' && !m.success && m.request_seq === 0);
    assert.strictEqual(errors.length, 3, JSON.stringify(errors));
    assert.match(errors[0].message, /JSON/);
    s.send({ seq: 4, type: 'request', command: 'frobnicate' });
    s.send({ seq: 5, type: 'request', command: 'stackTrace', arguments: { threadId: 1 } });
    s.send({ seq: 6, type: 'request', command: 'launch', arguments: { program: '/nonexistent/prog' } });
    s.send({ seq: 7, type: 'request', command: 'launch', arguments: { program: 42 } });
    s.send({ seq: 8, type: 'request', command: 'setBreakpoints', arguments: { source: {}, breakpoints: 'x' } });
    s.send({ seq: 9, type: 'request', command: 'variables', arguments: 'notanobject' });
    s.send({ seq: 10, type: 'event', event: 'x' });
    s.send({ seq: 11, type: 'request', command: 'evaluate', arguments: { expression: '1 + 2', context: 'watch' } });
    await s.until(() => resp(11));
    assert.match(resp(4).message, /unknown request 'frobnicate'/);
    for (const q of [5, 6, 7, 8, 9]) assert.strictEqual(resp(q).success, false, JSON.stringify(resp(q)));
    assert.match(resp(6).message, /nonexistent/);
    assert.strictEqual(resp(11).success, true); // no program: constants still evaluate
    assert.strictEqual(resp(11).body.result, '3');
    // a message longer than the server takes: an error, and the stream cannot go on
    s.write('Content-Length: 999999999999\r\n\r\n');
    await s.until(() => s.msgs.some((m) => m.type === 'response' && /larger than/.test(m.message || '')));
    s.p.stdin.end();
    const ex = await s.exit;
    assert.strictEqual(ex.sig, null, 'cdbg dap died of a signal');
  } finally {
    s.p.kill('SIGKILL');
  }
});

test('random requests at a breakpoint: each answered, the program unharmed (seeded)', async () => {
  const r = rng(SEED + 2);
  const dc = client();
  const out = collect(dc, 'output');
  const cmds = ['threads', 'stackTrace', 'scopes', 'variables', 'evaluate', 'setVariable', 'source',
    'dataBreakpointInfo', 'disassemble', 'readMemory', 'modules', 'completions', 'exceptionInfo',
    'breakpointLocations', 'setExpression', 'loadedSources', 'nosuch'];
  const values = [0, 1, -1, 2 ** 31, 2 ** 53, '', 'x', '0x0', '*(int *)0', 'dap_big[99999]', null, true, [], {}, { path: SRC }];
  const pick = (a) => a[Math.floor(r() * a.length)];
  const keys = ['threadId', 'frameId', 'variablesReference', 'expression', 'name', 'value', 'memoryReference',
    'count', 'offset', 'instructionCount', 'instructionOffset', 'start', 'startFrame', 'levels', 'text',
    'column', 'line', 'source', 'context', 'format'];
  try {
    const st = await hit(dc, { program: PROG }, { path: SRC, line: L.step_body });
    const th = st.body.stackFrames.length && (await dc.threadsRequest()).body.threads[0].id;
    for (let n = 0; n < 300; n++) {
      const args = {};
      const nk = Math.floor(r() * 4);
      for (let k = 0; k < nk; k++) args[pick(keys)] = pick(values);
      const cmd = pick(cmds);
      try {
        await dc.customRequest(cmd, args);
      } catch (e) {
        assert.ok(String(e.message).length > 0, `${cmd} failed without a message`);
        if (/no event|timeout/i.test(String(e.message))) throw new Error(`seed ${SEED}: ${cmd} ${JSON.stringify(args)} got no answer`);
      }
    }
    // still usable, and the program computes what it always does (setVariable may have
    // changed i or o: only the exit and the output's shape are checked then)
    const f = await topFrame(dc, th);
    assert.strictEqual(f.name, 'step_here');
    await dc.setBreakpointsRequest({ source: { path: SRC }, breakpoints: [] });
    const code = ends(dc);
    await dc.continueRequest({ threadId: th });
    const c = await code;
    assert.ok(c === 0 || c === 128 + 11, `exit ${c}`);
    void out;
  } finally {
    await finish(dc);
  }
});

// ---- run ----

// A promise of an event that a failed case no longer waits for rejects later: not a crash.
process.on('unhandledRejection', () => {});

(async () => {
  const only = process.env.DAP_ONLY;
  let failed = 0;
  console.log(`dap_test: seed ${SEED}`);
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      if (endProblems.length) throw new Error(endProblems.splice(0).join('; '));
      console.log(`ok - ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      endProblems.splice(0);
      failed++;
      console.log(`not ok - ${t.name}\n  ${String(e.stack || e).split('\n').join('\n  ')}`);
      console.log(`  replay: DAP_SEED=${SEED} DAP_ONLY='${t.name}' CDBG=${CDBG} CDBG_TRACEE_DIR=${TRACEES} DAP_PROG_SRC=${SRC} node ${__filename}`);
    }
  }
  // exit once the last line is written (a pipe's writes are asynchronous)
  process.stdout.write(failed ? `dap_test: ${failed} failed\n` : 'dap_test: all passed\n', () =>
    process.exit(failed ? 1 : 0));
})();
