// How a plan and a run's results look: a readable plan for terminals (create +, update ~, replace ±,
// delete -, ensure ?), one JSON document (or a JSON line per action) for machines, and the results table.

import type { Context } from '../context.js';
import { printList, toJson, type Column } from '../format/output.js';
import { terminalSafe } from '../format/terminal-text.js';
import { actionsOf, counts, pending, type Action, type PlanCounts, type TargetPlan } from './plan.js';
import type { StepResult } from './execute.js';

const SIGN: Record<Action['action'], string> = { create: '+', update: '~', replace: '±', delete: '-', ensure: '?' };

export function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  // An empty text is a value (it clears a description), not nothing: `x → ` would read as cut off.
  if (value === '') return '""';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function changeText(a: Action): string {
  return a.changes.map((c) => `${c.field} ${show(c.from)} → ${show(c.to)}`).join('; ');
}

function planJson(plans: readonly TargetPlan[]): unknown {
  const total = counts(plans);
  return {
    changes: pending(total),
    counts: total,
    targets: plans.map((p) => ({
      name: p.name,
      product: p.product,
      host: p.host,
      unchanged: Object.fromEntries(p.kinds.map(({ kind, diff }) => [kind.kind, diff.unchanged])),
      actions: actionsOf(p).map(actionJson),
      notes: p.notes,
    })),
  };
}

function actionJson(a: Action): Record<string, unknown> {
  return {
    action: a.action,
    kind: a.kind.kind,
    resource: a.label,
    ...(a.existing?.ref !== undefined ? { id: a.existing.ref } : {}),
    ...(a.changes.length > 0 ? { changes: a.changes.map((c) => ({ field: c.field, from: c.from ?? null, to: c.to ?? null, replace: c.replace })) } : {}),
  };
}

export function planText(plans: readonly TargetPlan[]): string {
  const lines: string[] = [];
  for (const p of plans) {
    lines.push(`target ${p.name} (${p.product} at ${p.host})`);
    for (const a of actionsOf(p)) {
      const detail = a.changes.length > 0 ? `: ${changeText(a)}` : a.existing?.ref !== undefined && a.action === 'delete' ? ` (${a.existing.ref})` : '';
      lines.push(`  ${SIGN[a.action]} ${a.action.padEnd(7)} ${a.kind.noun} "${a.label}"${detail}`);
    }
    const unchanged = p.kinds.filter(({ diff }) => diff.unchanged > 0).map(({ kind, diff }) => `${kind.kind} ${diff.unchanged}`);
    if (unchanged.length > 0) lines.push(`  = ${p.kinds.reduce((n, k) => n + k.diff.unchanged, 0)} unchanged (${unchanged.join(', ')})`);
    for (const note of p.notes) lines.push(`  note: ${note}`);
  }
  lines.push(summary(counts(plans)));
  return `${lines.join('\n')}\n`;
}

export function summary(total: PlanCounts): string {
  if (!pending(total) && total.ensure === 0) return `No changes: ${total.unchanged} unchanged.`;
  const parts = [`${total.create} to create`, `${total.update} to update`, `${total.replace} to replace`, `${total.delete} to delete`, `${total.unchanged} unchanged`];
  if (total.ensure > 0) parts.push(`${total.ensure} to ensure (cannot be checked)`);
  return `Plan: ${parts.join(', ')}.`;
}

export async function printPlan(ctx: Context, plans: readonly TargetPlan[]): Promise<void> {
  switch (ctx.format) {
    case 'json':
      ctx.io.out(toJson(planJson(plans)));
      return;
    case 'jsonl':
      ctx.io.out(plans.flatMap((p) => actionsOf(p).map((a) => `${JSON.stringify({ target: p.name, ...actionJson(a) })}\n`)).join(''));
      return;
    case 'csv': {
      const rows = plans.flatMap((p) => actionsOf(p).map((a) => ({ target: p.name, a })));
      const columns: ReadonlyArray<Column<(typeof rows)[number]>> = [
        { header: 'TARGET', value: (r) => r.target },
        { header: 'ACTION', value: (r) => r.a.action },
        { header: 'KIND', value: (r) => r.a.kind.kind },
        { header: 'RESOURCE', value: (r) => r.a.label },
        { header: 'CHANGES', value: (r) => changeText(r.a) },
      ];
      await printList(ctx, rows, columns, (r) => r, 'changes');
      return;
    }
    case 'table':
      // Labels and values come from servers too (a description, a name): escaped as tables are.
      ctx.io.out(terminalSafe(planText(plans)));
  }
}

export interface ResultCounts {
  created: number;
  updated: number;
  replaced: number;
  deleted: number;
  exists: number;
  failed: number;
  skipped: number;
  unchanged: number;
}

/** What a done action did, in results and progress lines: also the name of its count. */
export const PAST: Record<Action['action'], keyof ResultCounts> = { create: 'created', ensure: 'created', update: 'updated', replace: 'replaced', delete: 'deleted' };

export function resultCounts(results: readonly StepResult[], unchanged: number): ResultCounts {
  const total: ResultCounts = { created: 0, updated: 0, replaced: 0, deleted: 0, exists: 0, failed: 0, skipped: 0, unchanged };
  for (const r of results) {
    if (r.status === 'done') total[PAST[r.action]]++;
    else total[r.status]++;
  }
  return total;
}

export function resultsText(total: ResultCounts): string {
  const parts = [`${total.created} created`, `${total.updated} updated`, `${total.replaced} replaced`, `${total.deleted} deleted`, `${total.unchanged} unchanged`];
  if (total.exists > 0) parts.push(`${total.exists} existed already`);
  if (total.failed > 0) parts.push(`${total.failed} failed`);
  if (total.skipped > 0) parts.push(`${total.skipped} not attempted`);
  return parts.join(', ');
}

const RESULT_COLUMNS: ReadonlyArray<Column<StepResult>> = [
  { header: 'TARGET', value: (r) => r.target },
  { header: 'ACTION', value: (r) => r.action },
  { header: 'KIND', value: (r) => r.kind },
  { header: 'RESOURCE', value: (r) => r.resource },
  { header: 'STATUS', value: (r) => r.status },
  { header: 'DETAIL', value: (r) => r.error ?? (r.secretIn ? `secret in ${r.secretIn}` : '') },
];

export async function printResults(ctx: Context, results: readonly StepResult[], total: ResultCounts): Promise<void> {
  if (ctx.format === 'json') {
    // A failed replace may have made the new object already (its secret is in its result).
    const changed = total.created + total.updated + total.replaced + total.deleted > 0 || results.some((r) => r.status === 'failed' && (r.secret !== undefined || r.secretIn !== undefined));
    ctx.io.out(toJson({ changed, counts: total, results }));
    return;
  }
  if (results.length === 0) return;
  const withSecrets = results.some((r) => r.secret !== undefined);
  const columns = withSecrets ? [...RESULT_COLUMNS, { header: 'SECRET', value: (r: StepResult) => r.secret ?? '' }] : RESULT_COLUMNS;
  await printList(ctx, results, columns, (r) => r, 'results');
}
