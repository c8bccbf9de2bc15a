// A Secret Service of a test's own: a private D-Bus session bus and an unlocked gnome-keyring-daemon
// on it, so a test can freeze either (SIGSTOP) without disturbing any other test or the developer's
// keyring. Needs Debian's dbus, gnome-keyring and libsecret-tools (`.ci/run` installs them).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface PrivateSecretService {
  /** What a process needs to reach it: the bus address, and the HOME its keyring lives in. */
  env: { DBUS_SESSION_BUS_ADDRESS: string; HOME: string };
  /** Stops answering (SIGSTOP): the keyring daemon only, or the whole bus. */
  freeze(what: 'keyring' | 'bus'): void;
  thaw(): void;
  stop(): Promise<void>;
}

interface Daemon {
  pid: number;
  /** The lines it printed on stdout, as they come. */
  lines: AsyncIterator<string>;
  stop(): Promise<void>;
}

/**
 * Starts a daemon under `sh`, which ends it when our end of its stdin closes: on stop(), and also
 * when a killed test run never gets to call stop().
 */
async function startDaemon(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Daemon | undefined> {
  const script = 'printf %s "$DAEMON_INPUT" | "$@" & daemon=$!; echo "pid $daemon"; cat >/dev/null; kill -CONT $daemon; kill $daemon';
  const sh: ChildProcess = spawn('sh', ['-c', script, 'sh', ...args], { env: { ...env, DAEMON_INPUT: input }, stdio: ['pipe', 'pipe', 'ignore'] });
  sh.stdin!.on('error', () => undefined);
  const all = createInterface({ input: sh.stdout! })[Symbol.asyncIterator]();
  // The daemon runs in the background and may print before the shell's `echo "pid …"` does (a busy
  // machine often lets it): lines ahead of the pid are kept for the caller, not taken for the pid.
  const early: string[] = [];
  let pid = 0;
  for (let line = await all.next(); !line.done; line = await all.next()) {
    const found = /^pid (\d+)$/.exec(line.value);
    if (found) {
      pid = Number(found[1]);
      break;
    }
    early.push(line.value);
  }
  const lines: AsyncIterator<string> = {
    next: () => (early.length > 0 ? Promise.resolve({ done: false, value: early.shift()! }) : all.next()),
  };
  const exited = new Promise<void>((resolve) => {
    if (sh.exitCode !== null) resolve();
    else sh.once('exit', () => resolve());
  });
  const daemon = { pid, lines, stop: async () => void (sh.stdin!.end(), await exited) };
  if (!pid) {
    await daemon.stop();
    return undefined;
  }
  return daemon;
}

/** Resolves to undefined when the binaries are missing or the service does not come up. */
export async function startPrivateSecretService(): Promise<PrivateSecretService | undefined> {
  if (spawnSync('sh', ['-c', 'command -v dbus-daemon && command -v gnome-keyring-daemon && command -v secret-tool']).status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'influxadm-secret-service-'));
  const address = `unix:path=${join(dir, 'bus')}`;
  // No service directories: the system's would start a second, locked keyring on the first request.
  writeFileSync(join(dir, 'bus.conf'), `<busconfig><type>session</type><listen>${address}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`);
  const bus = await startDaemon(['dbus-daemon', `--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'], { PATH: process.env.PATH });
  if (!bus || (await bus.lines.next()).done) {
    await bus?.stop();
    return undefined;
  }
  const env = { DBUS_SESSION_BUS_ADDRESS: address, HOME: join(dir, 'home') };
  const daemonEnv = { PATH: process.env.PATH, ...env, XDG_RUNTIME_DIR: dir };
  const keyring = await startDaemon(['gnome-keyring-daemon', '--foreground', '--unlock', '--components=secrets'], daemonEnv, 'influxadm-test');
  const frozen = new Set<number>();
  const service: PrivateSecretService = {
    env,
    freeze(what) {
      const pid = what === 'bus' ? bus.pid : keyring!.pid;
      process.kill(pid, 'SIGSTOP');
      frozen.add(pid);
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen.clear();
    },
    async stop() {
      service.thaw();
      await keyring?.stop();
      await bus.stop();
    },
  };
  // The keyring registers on the bus a moment after it starts; a stored probe secret says it is there.
  for (let attempt = 0; keyring && attempt < 50; attempt++) {
    const probe = spawnSync('secret-tool', ['store', '--label', 'probe', 'service', 'influxadm-probe', 'account', 'probe'], { input: 'x', timeout: 5000, env: daemonEnv });
    if (probe.status === 0) return service;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop();
  return undefined;
}
