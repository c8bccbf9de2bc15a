import { Command } from '../../line/command.js';
import { CliError, ExitCode, usageError } from '../../errors.js';
import { printList, type Column } from '../../format/output.js';
import { readConfig, updateConfig } from '../../config/store.js';
import { readTextFile } from '../../read-file.js';
import { run } from '../run.js';
import { removeStoredSecrets } from './shared.js';

interface ImportRow {
  name: string;
  product?: string;
  host?: string;
  token: 'keychain' | 'file' | 'none' | 'would store';
  result: 'imported' | 'would import' | 'skipped';
  notes: string[];
}

const COLUMNS: ReadonlyArray<Column<ImportRow>> = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'PRODUCT', value: (r) => r.product ?? '' },
  { header: 'HOST', value: (r) => r.host ?? '' },
  { header: 'TOKEN', value: (r) => r.token },
  { header: 'RESULT', value: (r) => r.result },
  { header: 'NOTES', value: (r) => r.notes.join('; ') },
];

export function importCommand(): Command {
  return new Command('import')
    .description("import profiles from influxctl's config.toml or the influx CLI's configs; tokens go to the credential store")
    .requiredOption('--from <tool>', 'influxctl or influx')
    .argument('[path]', 'the file (default: where that tool keeps it)')
    .option('--dry-run', 'show what would change, and change nothing')
    .action(run(async (ctx, opts: { from: string; dryRun?: boolean }, path?: string) => {
      if (opts.from !== 'influxctl' && opts.from !== 'influx') throw usageError(`--from ${opts.from}: import from influxctl or influx`);
      const { defaultImportPath, fromInfluxCli, fromInfluxctl, ImportError } = await import('../../config/import.js');
      const file = path ?? defaultImportPath(opts.from, ctx.env);
      let text: string;
      try {
        text = await readTextFile(file);
      } catch (error) {
        throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, path ? undefined : `pass the path: influxadm profile import --from ${opts.from} PATH`);
      }
      const { parse, TomlError } = await import('smol-toml');
      let candidates;
      try {
        const doc = parse(text) as Record<string, unknown>;
        candidates = opts.from === 'influxctl' ? fromInfluxctl(doc) : fromInfluxCli(doc);
      } catch (error) {
        if (error instanceof TomlError) throw usageError(`${file} is not valid TOML (line ${error.line}, column ${error.column}): ${error.message.split('\n')[0]}`);
        if (error instanceof ImportError) throw usageError(`${file} cannot be imported: ${error.message}`);
        throw error;
      }

      const existing = await readConfig();
      const clashing = candidates.filter((c) => !c.skip && c.record && existing.profiles[c.name]).map((c) => `"${c.name}"`);
      if (clashing.length > 0 && !opts.dryRun && ctx.globals.force !== true) {
        throw usageError(`${clashing.length === 1 ? 'a profile' : 'profiles'} named ${clashing.join(', ')} ${clashing.length === 1 ? 'exists' : 'exist'} already; nothing was imported`, 'pass --force to replace them, or --dry-run to see what would change');
      }
      const rows: ImportRow[] = [];
      const { storeModeFor, defaultStores, storeSecret, keychainScopeFor, recordKeychainScope } = await import('../../config/secrets.js');
      const scope = keychainScopeFor(ctx.env);
      const stores = defaultStores(ctx.env, scope);
      const imported: Array<{ name: string; record: NonNullable<(typeof candidates)[number]['record']> }> = [];
      for (const c of candidates) {
        const base = { name: c.name, product: c.record?.product, host: c.record?.host, notes: [...c.notes] };
        if (c.skip || !c.record) {
          rows.push({ ...base, token: 'none', result: 'skipped', notes: [c.skip ?? 'not importable', ...c.notes] });
          continue;
        }
        if (existing.profiles[c.name] && ctx.globals.force !== true) {
          rows.push({ ...base, token: 'none', result: 'skipped', notes: ['a profile of that name exists (--force replaces it)', ...c.notes] });
          continue;
        }
        const record = { ...c.record };
        // A profile replaced with --force takes its stored token and password with it, as profile create
        // --force does: the new entry does not point at them, so nothing could remove them later.
        const replaced = existing.profiles[c.name];
        if (replaced && !opts.dryRun) await removeStoredSecrets(ctx, c.name, replaced, `the old "${c.name}"`);
        let token: ImportRow['token'] = 'none';
        if (c.token) {
          if (opts.dryRun) token = 'would store';
          else {
            // A replaced profile's secrets were removed above: nothing of it is left to clean up.
            record.secretIn = await storeSecret(storeModeFor(ctx.globals.credentialStore, ctx.env, record), c.name, c.token, stores, (line) => ctx.io.err(`${line}\n`));
            recordKeychainScope(record, scope);
            token = record.secretIn;
          }
        }
        rows.push({ ...base, token, result: opts.dryRun ? 'would import' : 'imported' });
        imported.push({ name: c.name, record });
      }
      if (!opts.dryRun && imported.length > 0) {
        await updateConfig((config) => {
          for (const { name, record } of imported) config.profiles[name] = record;
          if (!config.active || !config.profiles[config.active]) config.active = imported[0]!.name;
        });
      }
      await printList(ctx, rows, COLUMNS, (r) => r, 'profiles in that file');
      const skipped = rows.filter((r) => r.result === 'skipped').length;
      ctx.done(`${opts.dryRun ? 'would import' : 'imported'} ${rows.length - skipped} of ${rows.length} profiles from ${file}${opts.dryRun ? ' (dry run: nothing was changed)' : ''}`);
      if (rows.length > 0 && skipped === rows.length) throw new CliError('no profile could be imported', ExitCode.usage);
    }));
}
