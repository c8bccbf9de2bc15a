// The four commands' work, loaded with import() by src/commands/apply/*: nothing of the engine (nor the
// YAML parser) is loaded by any other command.

import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { confirmDestructive } from '../input/confirm.js';
import { writeAtomic } from '../config/store.js';
import { loadCatalog } from './catalog.js';
import { execute } from './execute.js';
import { exportTarget, exportText } from './export.js';
import { counts, actionsOf, pending, sendsCreate, type TargetPlan } from './plan.js';
import { parseConcurrency, plan, prepare, type PlanOptions } from './prepare.js';
import { progress } from './progress.js';
import { planText, printPlan, printResults, resultCounts, resultsText, summary } from './render.js';
import { checkSecretFlags, openSink, type SecretFlags } from './secrets.js';
import { checkOutputFile } from '../format/secret.js';
import { canRedraw } from '../stdio.js';

export interface PlanFlags {
  file: string;
  prune?: boolean;
  concurrency?: string;
}

export interface ApplyFlags extends PlanFlags, SecretFlags {
  allowReplace?: boolean;
}

/** What plan shows and apply carries out: the file read, its targets resolved and each one diffed. */
async function planned(ctx: Context, flags: PlanFlags): Promise<{ options: PlanOptions; plans: TargetPlan[] }> {
  const options = { file: flags.file, prune: flags.prune === true, concurrency: parseConcurrency(flags.concurrency) };
  const plans = await plan(await prepare(ctx, options), options);
  return { options, plans };
}

export async function runPlan(ctx: Context, flags: PlanFlags): Promise<void> {
  const { plans } = await planned(ctx, flags);
  await printPlan(ctx, plans);
  if (pending(counts(plans))) process.exitCode = ExitCode.changesPending;
}

export async function runApply(ctx: Context, flags: ApplyFlags): Promise<void> {
  const { options, plans } = await planned(ctx, flags);
  const total = counts(plans);
  const actions = plans.flatMap(actionsOf);
  const unchanged = total.unchanged;
  if (actions.length === 0) {
    ctx.done(`no changes (${unchanged} unchanged)`);
    await printResults(ctx, [], resultCounts([], unchanged));
    return;
  }
  // The plan before the question (or before going ahead with --yes). A question always comes with it; with
  // --quiet and nobody asked, only its notes are said (what a replace takes with it, what cannot be checked).
  const asking = !ctx.yes && ctx.io.canPrompt;
  if (ctx.globals.quiet !== true || asking) ctx.io.err(planText(plans));
  else for (const p of plans) for (const note of p.notes) ctx.io.err(`note: target ${p.name}: ${note}\n`);
  const replaced = plans.flatMap((p) => actionsOf(p).filter((a) => a.action === 'replace').map((a) => `${a.kind.noun} "${a.label}" on ${p.name}`));
  if (replaced.length > 0 && !flags.allowReplace) {
    throw usageError(
      `${replaced.length === 1 ? 'this change needs' : 'these changes need'} a replace (delete and create again): ${replaced.slice(0, 5).join(', ')}${replaced.length > 5 ? ` and ${replaced.length - 5} more` : ''}`,
      'a replace of a database loses its data and a replaced token gets a new secret; pass --allow-replace if that is what you want',
    );
  }
  const needsSecrets = actions.some((a) => a.kind.secret && sendsCreate(a));
  const force = ctx.globals.force === true;
  await checkSecretFlags(flags, force, needsSecrets, ctx.env);
  await confirmDestructive(ctx.io, ctx.yes, `${summary(total)} Apply?`, { declined: 'nothing applied' });
  const sink = await openSink(needsSecrets ? flags : {}, force, ctx.env);
  const shown = progress(ctx.io, actions.length, canRedraw(ctx.env), ctx.globals.quiet === true);
  let results;
  try {
    results = await execute(plans, { concurrency: options.concurrency, sink, onSettle: shown.settled });
  } finally {
    shown.finish();
    await sink.close();
  }
  const outcome = resultCounts(results, unchanged);
  ctx.done(resultsText(outcome));
  await printResults(ctx, results, outcome);
  if (outcome.failed > 0 || outcome.skipped > 0) {
    throw new CliError(`${outcome.failed} of ${results.length} changes failed${outcome.skipped > 0 ? ` and ${outcome.skipped} were not attempted` : ''}`, ExitCode.failure, 'fix the cause and apply again: what was done is not done twice');
  }
}

export interface ExportFlags {
  output?: string;
  concurrency?: string;
}

export async function runExport(ctx: Context, flags: ExportFlags): Promise<void> {
  const concurrency = parseConcurrency(flags.concurrency);
  // Before the servers are read: a FIFO, a device or a dangling symlink at -o is refused, as for secrets.
  await checkOutputFile(flags.output, ctx.globals.force === true, '--output');
  const target = await ctx.target();
  const backend = await ctx.backendFor(target, await ctx.tokenFor(target));
  const kinds = (await backend.resources?.()) ?? [];
  if (kinds.length === 0) throw usageError(`${target.product} has nothing plan and apply manage yet, so there is nothing to export`);
  const exported = await exportTarget(target, kinds, concurrency);
  const header = `influxadm export of ${target.product} at ${target.host}; \`influxadm plan -f FILE\` shows it as unchanged`;
  const text = exportText(exported, header, ctx.format === 'json');
  if (flags.output === undefined) {
    ctx.io.out(text);
    return;
  }
  try {
    await writeAtomic(flags.output, text, { exclusive: ctx.globals.force !== true });
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw usageError(`${flags.output} exists already`, 'choose another path, or pass --force to replace it');
    throw new CliError(`cannot write ${flags.output}: ${code ?? (error as Error).message}`);
  }
  ctx.done(`wrote ${flags.output}`);
}

export async function runSchema(ctx: Context): Promise<void> {
  // Loaded here only: zod's JSON Schema generator is a third of the engine's size, and only this needs it.
  const { jsonSchema } = await import('./schema.js');
  ctx.io.out(`${JSON.stringify(jsonSchema(await loadCatalog(ctx.env)), null, 2)}\n`);
}
