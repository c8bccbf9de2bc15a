// `influxadm sandbox`: the server module is imported only here, so it costs other commands nothing.

import { Command } from '../../line/command.js';
import { addHelpSection } from '../../format/help.js';
import { asUsage, usageError } from '../../errors.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { createIo } from '../../io.js';
import { addApiOptions, apiOptions, firstSteps, type ApiFlags } from '../../sandbox/flags.js';

interface SandboxFlags extends ApiFlags {
  port?: string;
  state?: string;
  latency?: string;
  faults?: string;
  seed?: string;
}

export function sandboxCommand(): Command {
  return addHelpSection(addApiOptions(new Command('sandbox')
    .description('run a local test server that speaks the APIs influxadm drives')
    .option('--port <n>', 'port to listen on, 0 for any free port', '0')
    .option('--state <file>', 'keep state in this JSON file (default: in memory)')
    .option('--latency <ms>', 'delay every answer by this many milliseconds', '0')
    .option('--faults <spec>', 'inject faults, e.g. 429:0.1,500:0.05,reset:0.02, 503:x2 or drop:x1@POST/api/v0 (kinds: an HTTP status, throttle, reset, drop, stall, truncated, malformed, wrongshape, huge)')
    .option('--seed <n>', 'seed for fault injection, for repeatable runs')), '\nWith the global --token T, only the credential T is accepted; otherwise any non-empty one is.')
    .action(async (flags: SandboxFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as { color?: boolean; token?: string };
      const port = asUsage(() => parseWholeNumber('--port', flags.port ?? '0', { min: 0, max: 65535 }));
      const latencyMs = asUsage(() => parseWholeNumber('--latency', flags.latency ?? '0', { min: 0, max: 600_000 }));
      const seed = flags.seed === undefined ? undefined : asUsage(() => parseWholeNumber('--seed', flags.seed!, { min: 0, max: 2 ** 32 - 1 }));
      const apis = apiOptions(flags);
      const { parseFaults } = await import('../../sandbox/faults.js');
      if (flags.faults) asUsage(() => parseFaults(flags.faults!));
      const { startSandbox, SandboxStateError } = await import('../../sandbox/server.js');
      let sandbox;
      try {
        sandbox = await startSandbox({ port, stateFile: flags.state, latencyMs, faults: flags.faults, token: globals.token, seed, ...apis });
      } catch (error) {
        if (error instanceof SandboxStateError) throw usageError(error.message, 'give --state a JSON file this sandbox wrote, or a new path in a directory you can write to');
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw usageError(`port ${port} is in use`, 'pick another with --port, or --port 0 for any free port');
        if (code === 'EACCES') throw usageError(`port ${port} needs privileges this process does not have`, 'pick one above 1023 with --port, or --port 0 for any free port');
        throw error;
      }
      const io = createIo(globals.color === false);
      // The URL alone on the first stdout line, so scripts can read it.
      io.out(`${sandbox.url}\n`);
      io.err(`influxadm sandbox listening on ${sandbox.url}${flags.state ? ` (state in ${flags.state})` : ' (in memory)'}\n`);
      io.err(`${firstSteps(sandbox.url, apis)}\n`);
      // SIGTERM is how scripts and tests stop a sandbox: a clean stop (exit 0), not an interruption.
      const stop = () => void sandbox.close().then(() => process.exit(0));
      process.removeAllListeners('SIGTERM');
      process.once('SIGTERM', stop);
      await new Promise(() => undefined);
    });
}
