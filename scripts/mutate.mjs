// `npm run mutate`: a scripted mutation check of the code whose mistakes cost the most — the request and
// retry policy, the config store and its lock, secret delivery and redaction, permission translation, the
// lite parse of a line.
// Each mutation changes one line of product code (an exact text that must occur once in its file), the
// build is redone when an end-to-end file is among its tests, and only the vitest files chosen for it run,
// stopping at the first failure. A mutation is *caught* when a test fails, *survived* when all pass.
// The file is restored (and dist/ rebuilt) whatever happens, Ctrl-C included.
//
//   npm run mutate                   every mutation
//   npm run mutate -- retry-max http-isread-all   only these (by id)
//   npm run mutate -- --list         the mutations, not run
//   npm run mutate -- ID… --tests test/unit/a.test.ts,test/e2e/b.test.ts   these files instead
//
// Not part of `npm test`: it runs the build and a few vitest files ~50 times (some 10–20 minutes).
// A survivor is either killed by a new test or listed in EQUIVALENT with the reason no test can see it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', '.bin', 'vitest');

const u = (name) => `test/unit/${name}.test.ts`;
const e = (name) => `test/e2e/${name}.test.ts`;

/** { id, file, from, to, tests }: `from` must occur exactly once in `file`. */
const MUTATIONS = [
  // The retry policy (src/api/retry.ts).
  { id: 'retry-max', file: 'src/api/retry.ts', from: 'if (attempt >= MAX_RETRIES) return no;', to: 'if (attempt > MAX_RETRIES) return no;', tests: [u('http-policy')] },
  { id: 'retry-network-write', file: 'src/api/retry.ts', from: "return idempotent ? { retry: true, delayMs: backoff } : no;", to: 'return { retry: true, delayMs: backoff };', tests: [u('http-policy'), e('database')] },
  { id: 'retry-status-write', file: 'src/api/retry.ts', from: 'outcome.status === 429 || (idempotent && RETRYABLE_FOR_GET.has(outcome.status))', to: 'outcome.status === 429 || RETRYABLE_FOR_GET.has(outcome.status)', tests: [u('http-policy'), e('database')] },
  { id: 'retry-refused-read-only', file: 'src/api/retry.ts', from: "case 'refused':\n      return { retry: true, delayMs: backoff };", to: "case 'refused':\n      return idempotent ? { retry: true, delayMs: backoff } : no;", tests: [u('http-policy')] },
  { id: 'retry-after-cap', file: 'src/api/retry.ts', from: 'if (after > MAX_RETRY_AFTER_MS)', to: 'if (after >= MAX_RETRY_AFTER_MS)', tests: [u('http-policy')] },
  { id: 'retry-backoff-flat', file: 'src/api/retry.ts', from: 'BASE_DELAY_MS * 2 ** attempt', to: 'BASE_DELAY_MS * (attempt + 1)', tests: [u('http-policy')] },
  { id: 'retry-after-zero', file: 'src/api/retry.ts', from: 'return seconds >= 0 ?', to: 'return seconds > 0 ?', tests: [u('http-policy')] },
  { id: 'retry-502-dropped', file: 'src/api/retry.ts', from: 'new Set([429, 502, 503, 504])', to: 'new Set([429, 503, 504])', tests: [u('http-policy')] },
  { id: 'retry-timeout-retried', file: 'src/api/retry.ts', from: "    case 'timeout':\n    case 'tls':\n      return no;", to: "    case 'timeout':\n      return { retry: true, delayMs: backoff };\n    case 'tls':\n      return no;", tests: [u('http-policy')] },

  // The HTTP layer (src/api/http.ts).
  { id: 'http-isread-all', file: 'src/api/http.ts', from: "return spec.method === 'GET' || spec.idempotent === true;", to: 'return true;', tests: [e('database')] },
  { id: 'http-isread-all-unit', file: 'src/api/http.ts', from: "return spec.method === 'GET' || spec.idempotent === true;", to: 'return true;', tests: [u('http-policy')] },
  { id: 'http-isread-get-only', file: 'src/api/http.ts', from: "return spec.method === 'GET' || spec.idempotent === true;", to: "return spec.method === 'GET';", tests: [e('influxdb3')] },
  { id: 'http-3xx-success', file: 'src/api/http.ts', from: 'if (status >= 200 && status < 300) return result.response;', to: 'if (status >= 200 && status < 400) return result.response;', tests: [e('hostile-server')] },
  { id: 'http-attempt-reset', file: 'src/api/http.ts', from: 'retryDecision(isRead(spec), outcome, attempt)', to: 'retryDecision(isRead(spec), outcome, 0)', tests: [e('hostile-server')] },
  { id: 'http-body-secrets-unscrubbed', file: 'src/api/http.ts', from: '...secretValues(spec.body), ', to: '', tests: [e('hostile-server')] },
  { id: 'http-error-unscrubbed', file: 'src/api/http.ts', from: 'errorMessageFromBody(scrubSecrets(response.text, secrets))', to: 'errorMessageFromBody(response.text)', tests: [e('hostile-server')] },
  { id: 'http-proxy-password-unscrubbed', file: 'src/api/http.ts', from: "...(this.proxy?.password ? [this.proxy.password] : [])", to: '', tests: [u('transport'), e('hostile-server')] },
  { id: 'http-debug-unscrubbed', file: 'src/api/http.ts', from: 'this.config.debug(printable(scrubSecrets(line, secrets)))', to: 'this.config.debug(printable(line))', tests: [e('hostile-server'), e('database'), e('v1-auth')] },

  // Redaction (src/api/redact.ts).
  { id: 'redact-ids-masked', file: 'src/api/redact.ts', from: '/(id|ids|name|names|type|prefix)$/i', to: '/(ids|name|names|type|prefix)$/i', tests: [u('http-policy')] },
  { id: 'redact-json-spelling', file: 'src/api/redact.ts', from: '.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])', to: '.flatMap((s) => [s])', tests: [u('http-policy')] },
  { id: 'redact-shortest-first', file: 'src/api/redact.ts', from: 'spellings.sort((a, b) => b.length - a.length)', to: 'spellings', tests: [u('http-policy')] },
  { id: 'redact-min-length', file: 'src/api/redact.ts', from: 'const MIN_SCRUB_LENGTH = 4;', to: 'const MIN_SCRUB_LENGTH = 1;', tests: [u('http-policy')] },
  { id: 'redact-cut-before-mask', file: 'src/api/redact.ts', from: 'const redacted = redactBody(text, secrets);', to: 'const redacted = redactBody(text.slice(0, PREVIEW_CHARS), secrets);', tests: [u('http-policy')] },
  { id: 'redact-location-userinfo', file: 'src/api/redact.ts', from: 'URL_HEADERS.has(name.toLowerCase()) ? withoutUserinfo(text) : text', to: 'text', tests: [u('http-policy')] },
  { id: 'redact-subject-token', file: 'src/api/redact.ts', from: "'x-auth-token', 'x-subject-token', ", to: "'x-auth-token', ", tests: [u('http-policy')] },

  // The config store (src/config/store.ts).
  { id: 'store-write-in-place', file: 'src/config/store.ts', from: "const handle = await fs.open(temp, 'wx', 0o600);", to: "if (!options.exclusive) return fsp.writeFile(target, content, { mode: 0o600 }); const handle = await fs.open(temp, 'wx', 0o600);", tests: [u('config')] },
  { id: 'store-temp-left', file: 'src/config/store.ts', from: '    await fs.unlink(temp).catch(() => undefined);\n    throw error;', to: '    throw error;', tests: [u('config')] },
  { id: 'store-exclusive-replaces', file: 'src/config/store.ts', from: 'await fs.link(temp, target);\n      await fs.unlink(temp);', to: 'await fs.rename(temp, target);', tests: [u('secret')] },
  { id: 'store-symlink-replaced', file: 'src/config/store.ts', from: 'const target = options.exclusive ? path : await linkTarget(path, fs);', to: 'const target = path;', tests: [u('config')] },
  { id: 'store-no-lock', file: 'src/config/store.ts', from: 'const release = await acquireLock(target);', to: 'const release = async () => undefined;', tests: [u('config')] },
  { id: 'store-crash-litter-kept', file: 'src/config/store.ts', from: '    await removeTempFiles(target);\n', to: '', tests: [u('config')] },
  { id: 'store-temp-sweep-any', file: 'src/config/store.ts', from: 'name.startsWith(`${base}.`) && ', to: '', tests: [u('config')] },
  { id: 'store-dir-mode', file: 'src/config/store.ts', from: 'recursive: true, mode: 0o700', to: 'recursive: true, mode: 0o755', tests: [u('config'), e('profile')] },
  { id: 'store-prototype-names', file: 'src/config/store.ts', from: '? Object.assign(Object.create(null) as object, value) : value', to: '? value : value', tests: [u('config')] },
  { id: 'store-no-fsync', file: 'src/config/store.ts', from: '      await handle.sync();\n', to: '', tests: [u('config')] },

  // The lock (src/config/lock.ts).
  { id: 'lock-dead-pid-kept', file: 'src/config/lock.ts', from: '? !isAlive(owner.pid) || ', to: '? ', tests: [u('lock')] },
  { id: 'lock-foreign-never-stale', file: 'src/config/lock.ts', from: ': Date.now() - mtimeMs > STALE_MS;', to: ': false;', tests: [u('lock')] },
  { id: 'lock-foreign-always-stale', file: 'src/config/lock.ts', from: ': Date.now() - mtimeMs > STALE_MS;', to: ': true;', tests: [u('lock')] },
  { id: 'lock-takeover-by-rm', file: 'src/config/lock.ts', from: '  await unlink(record).catch(() => undefined);\n  await rmdir(lockPath).catch(() => undefined);\n  return undefined;', to: "  await rm(lockPath, { recursive: true, force: true });\n  return undefined;", tests: [u('lock'), e('local-state')] },
  { id: 'lock-release-keeps-record', file: 'src/config/lock.ts', from: '          await unlink(join(lockPath, `owner.${nonce}`)).catch(() => undefined);\n', to: '', tests: [u('lock')] },
  { id: 'lock-own-pid-reuse', file: 'src/config/lock.ts', from: ' || (owner.pid === process.pid && !held.has(name.slice(\'owner.\'.length)))', to: '', tests: [u('lock')] },
  { id: 'lock-held-after-rename', file: 'src/config/lock.ts', from: '  held.set(nonce, lockPath);\n  try {\n    await writeDraft();\n    for (;;) {\n      if (await moveIntoPlace(draft, lockPath, writeDraft)) {\n', to: '  try {\n    await writeDraft();\n    for (;;) {\n      if (await moveIntoPlace(draft, lockPath, writeDraft)) {\n        held.set(nonce, lockPath);\n', tests: [u('lock-same-process')] },

  // Secret delivery (src/format/secret.ts) and token sources (src/config/credentials.ts).
  { id: 'secret-overwrite-check', file: 'src/format/secret.ts', from: 'if (existing && !overwrite) throw', to: 'if (false) throw', tests: [u('secret'), e('tokens')] },
  { id: 'secret-exclusive-off', file: 'src/format/secret.ts', from: '{ exclusive: ctx.globals.force !== true }', to: '{ exclusive: false }', tests: [u('secret')] },
  { id: 'secret-in-file-details', file: 'src/format/secret.ts', from: '{ ...rest, tokenFile: options.outputFile }', to: '{ ...created.json, tokenFile: options.outputFile }', tests: [u('secret')] },
  { id: 'secret-lost-silently', file: 'src/format/secret.ts', from: "    throw lost('writing it to standard output', error);", to: '    void error;', tests: [u('secret'), e('tokens')] },
  { id: 'secret-unsafe-shown', file: 'src/format/secret.ts', from: 'if (terminalSafeLine(created.secret) !== created.secret) {', to: 'if (false) {', tests: [u('secret')] },
  { id: 'secret-no-warning', file: 'src/format/secret.ts', from: "if (!options.quiet) ctx.io.err(created.shownAgain ?", to: "if (false) ctx.io.err(created.shownAgain ?", tests: [u('secret'), e('tokens')] },
  { id: 'secrets-file-mode-auto', file: 'src/config/secrets.ts', from: "if (mode === 'file') {", to: 'if (false) {', tests: [u('credentials'), e('auth')] },
  { id: 'cred-two-sources', file: 'src/config/credentials.ts', from: 'if (given > 1) throw', to: 'if (given > 2) throw', tests: [u('config')] },
  { id: 'cred-stored-any-host', file: 'src/config/credentials.ts', from: 'if (host !== undefined && host !== profileHost) {', to: 'if (false) {', tests: [e('token-routing')] },
  { id: 'cred-env-untrimmed', file: 'src/config/credentials.ts', from: 'value: sendable(env[name]!.trim(), name)', to: 'value: sendable(env[name]!, name)', tests: [u('config')] },
  { id: 'cred-stored-before-env', file: 'src/config/credentials.ts', from: '[flagProvider, envProvider, storedProvider(lazyStores)]', to: '[flagProvider, storedProvider(lazyStores), envProvider]', tests: [e('auth')] },
  { id: 'cred-del-allowed', file: 'src/config/credentials.ts', from: '[\\u0000-\\u0008\\u000a-\\u001f\\u007f]', to: '[\\u0000-\\u0008\\u000a-\\u001f]', tests: [u('config'), e('hostile-server')] },

  // Permission translation (src/input/permission.ts, src/products/*/permissions.ts).
  { id: 'perm-star-mixed', file: 'src/input/permission.ts', from: "if (names.includes('*') && names.length > 1)", to: "if (false && names.length > 1)", tests: [u('permission')] },
  { id: 'perm-fold-actions', file: 'src/input/permission.ts', from: 'for (const g of grants) seen.set(`${g.type}\\u0000${g.name}\\u0000${g.action}`, g);', to: 'for (const g of grants) seen.set(`${g.type}\\u0000${g.name}`, g);', tests: [u('permission')] },
  { id: 'perm-difference-inverted', file: 'src/input/permission.ts', from: 'return a.filter((g) => !drop.has(', to: 'return a.filter((g) => drop.has(', tests: [u('permission')] },
  { id: 'perm-write-shorthand', file: 'src/input/permission.ts', from: '.map((db) => `db:${db}:write`)', to: '.map((db) => `db:${db}:read`)', tests: [u('permission')] },
  { id: 'perm-type-actions', file: 'src/input/permission.ts', from: '    if (!rule.actions.includes(action)) throw', to: '    if (false) throw', tests: [u('permission')] },
  { id: 'perm-mgmt-actions', file: 'src/products/management/permissions.ts', from: "if (g.action !== 'read' && g.action !== 'write') throw", to: 'if (false) throw', tests: [u('permission')] },
  { id: 'perm-mgmt-names-unchecked', file: 'src/products/management/permissions.ts', from: "for (const name of databaseNames(set)) checkDatabaseName(name, 'database name in the permission');", to: '', tests: [u('permission'), e('tokens')] },
  { id: 'perm-mgmt-fromwire-unsorted', file: 'src/products/management/permissions.ts', from: "return canonical(list.map((p) => ({ type: 'db' as const, name: p.resource, action: p.action })));", to: "return list.map((p) => ({ type: 'db' as const, name: p.resource, action: p.action }));", tests: [u('permission'), e('tokens')] },
  { id: 'perm-ent-group-by-type', file: 'src/products/influxdb3/permissions.ts', from: "const key = `${r.type}\\u0000${r.actions.join(',')}`;", to: 'const key = r.type;', tests: [u('permission')] },
  { id: 'perm-ent-bucket', file: 'src/products/influxdb3/permissions.ts', from: "if (g.type === 'bucket') throw", to: 'if (false) throw', tests: [u('permission')] },
  { id: 'perm-ent-names-unchecked', file: 'src/products/influxdb3/permissions.ts', from: "for (const name of databaseNames(set)) checkDatabaseName(name, 'database name in the permission');", to: '', tests: [u('permission'), e('tokens')] },
  // The lite parse (src/line/lite.ts): a line it takes must be read as commander reads it.
  { id: 'lite-unknown-option-taken', file: 'src/line/lite.ts', from: 'if (!handler || unknown.length > 0) throw new Declined();', to: 'if (!handler) throw new Declined();', tests: [u('lite-line')] },
  { id: 'lite-excess-argument-taken', file: 'src/line/lite.ts', from: '&& given.length > declared.length) throw new Declined();', to: '&& false) throw new Declined();', tests: [u('lite-line')] },
  { id: 'lite-mandatory-option-unchecked', file: 'src/line/lite.ts', from: 'if (option.mandatory && at.getOptionValue', to: 'if (false && at.getOptionValue', tests: [u('lite-line')] },
  { id: 'lite-version-taken', file: 'src/line/lite.ts', from: '  if (option.stops) throw new Declined();\n', to: '', tests: [u('lite-line')] },
  { id: 'lite-negative-number-unknown', file: 'src/line/lite.ts', from: '!(cmd.commands.length === 0 && negativeNumber(arg))', to: 'true', tests: [u('lite-line')] },
];

/** Survivors no test can tell apart from the original, and why. */
const EQUIVALENT = {
  'store-no-fsync': 'fsync only matters when the machine loses power between the write and the rename; no test can cut the power.',
};

function build() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}

/** Runs the files, stopping at the first failure; the names of the tests that failed. */
function runTests(files, scratch) {
  const report = join(scratch, 'report.json');
  rmSync(report, { force: true });
  const r = spawnSync(VITEST, ['run', ...files, '--bail', '1', '--reporter', 'json', '--outputFile', report], {
    cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000, env: { ...process.env, FORCE_COLOR: '0' },
  });
  // spawnSync keeps this process's signal handlers from running: a Ctrl-C shows up as the child's death.
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') throw new Error(`interrupted (${r.signal})`);
  let failed = [];
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    failed = json.testResults.flatMap((file) => file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => `${file.name.slice(ROOT.length)} › ${t.fullName}`));
    if (failed.length === 0 && !json.success) failed = json.testResults.filter((f) => f.status === 'failed').map((f) => `${f.name.slice(ROOT.length)} (${f.message.split('\n')[0]})`);
  } catch {
    if (r.status !== 0) failed = [`vitest exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`];
  }
  if (r.status !== 0 && failed.length === 0) failed = [`vitest exited ${r.status ?? r.signal}`];
  return failed;
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

function check(mutation) {
  const text = readFileSync(join(ROOT, mutation.file), 'utf8');
  const first = text.indexOf(mutation.from);
  if (first < 0) return `${mutation.id}: the text is not in ${mutation.file} (the code moved; update the mutation)`;
  if (text.indexOf(mutation.from, first + 1) >= 0) return `${mutation.id}: the text occurs more than once in ${mutation.file}`;
  return undefined;
}

const argv = process.argv.slice(2);
// --tests a,b: run these files instead of each mutation's own (e.g. to see what an older test missed).
const testsAt = argv.indexOf('--tests');
const override = testsAt >= 0 ? argv[testsAt + 1]?.split(',').filter(Boolean) : undefined;
if (testsAt >= 0 && !override?.length) {
  console.error('--tests needs a comma-separated list of test files');
  process.exit(2);
}
const args = argv.filter((_, i) => testsAt < 0 || (i !== testsAt && i !== testsAt + 1));
if (args.includes('--list')) {
  for (const m of MUTATIONS) console.log(`${m.id.padEnd(32)} ${m.file}: ${m.from.trim().split('\n')[0]}  →  ${m.to.trim().split('\n')[0] || '(removed)'}${check(m) ? `  !! ${check(m)}` : ''}`);
  process.exit(0);
}
const ids = new Set(MUTATIONS.map((m) => m.id));
if (ids.size !== MUTATIONS.length) throw new Error('two mutations share an id');
const unknown = args.filter((id) => !ids.has(id));
if (unknown.length) {
  console.error(`no mutation named ${unknown.join(', ')}; see --list`);
  process.exit(2);
}
const chosen = (args.length ? MUTATIONS.filter((m) => args.includes(m.id)) : MUTATIONS).map((m) => (override ? { ...m, tests: override } : m));
const problems = chosen.map(check).filter(Boolean);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'influxadm-mutate-'));
let pending; // { path, original } while a file is mutated
let distMutated = false;
function restore() {
  if (pending) writeFileSync(pending.path, pending.original);
  pending = undefined;
  if (distMutated) build();
  distMutated = false;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restore();
    process.exit(130);
  });
}

const results = [];
const started = Date.now();
try {
  for (const [i, m] of chosen.entries()) {
    const path = join(ROOT, m.file);
    const original = readFileSync(path, 'utf8');
    const line = lineOf(original, original.indexOf(m.from));
    const e2e = m.tests.some((f) => f.startsWith('test/e2e/'));
    const t0 = Date.now();
    let failed;
    try {
      pending = { path, original };
      writeFileSync(path, original.replace(m.from, () => m.to));
      if (e2e) {
        distMutated = true;
        build();
      }
      failed = runTests(m.tests, scratch);
    } finally {
      writeFileSync(path, original);
      pending = undefined;
    }
    const result = { ...m, line, caught: failed.length > 0, by: failed[0], seconds: Math.round((Date.now() - t0) / 1000) };
    results.push(result);
    const verdict = result.caught ? `caught by ${result.by}` : `SURVIVED${EQUIVALENT[m.id] ? ` (equivalent: ${EQUIVALENT[m.id]})` : ''}`;
    console.log(`[${i + 1}/${chosen.length}] ${m.id} (${m.file}:${line}, ${result.seconds}s): ${verdict}`);
  }
} finally {
  restore();
  rmSync(scratch, { recursive: true, force: true });
}

const caught = results.filter((r) => r.caught).length;
const explained = results.filter((r) => !r.caught && EQUIVALENT[r.id]).length;
const survived = results.length - caught - explained;
console.log(`\n${caught} of ${results.length} caught, ${explained} equivalent, ${survived} survived (${Math.round((Date.now() - started) / 1000)}s)`);
process.exit(survived > 0 ? 1 : 0);
