// Help that comes from the capability declarations, so --help, completion and the capability errors cannot
// disagree: a verb's help ends with the products that have it and one to three worked examples (as gh's
// does), and each of its flags that only some of those products understand names them.

import type { Command } from 'commander';
import { addHelpSection } from '../format/help.js';
import { PRODUCTS, productsFor, productsForFlag } from '../products/registry.js';

const VERBS = new WeakMap<Command, { verb: string; examples: readonly string[] }>();

/** Marks a command as (a shape of) a verb of the capability matrix, with its examples. */
export function verb(cmd: Command, name: string, examples: readonly string[]): Command {
  VERBS.set(cmd, { verb: name, examples });
  return cmd;
}

export function verbOf(cmd: Command): string | undefined {
  return VERBS.get(cmd)?.verb;
}

/** Adds the product lines and examples to every marked command of the tree (for completion and the docs). */
export function annotateProducts(root: Command): void {
  annotateCommand(root);
  root.commands.forEach(annotateProducts);
}

const ANNOTATED = new WeakSet<Command>();

/**
 * Adds them to one command, once. A run annotates only a command whose help it shows: for every verb of
 * the tree it builds, that cost about 1 ms, and most runs show no help.
 */
export function annotateCommand(cmd: Command): void {
  if (ANNOTATED.has(cmd)) return;
  ANNOTATED.add(cmd);
  const marked = VERBS.get(cmd);
  if (marked) annotateVerb(cmd, marked.verb, marked.examples);
  else if (cmd.commands.length > 0 && cmd.parent) annotateNoun(cmd);
}

function annotateVerb(cmd: Command, name: string, examples: readonly string[]): void {
  const products = productsFor(name);
  for (const option of cmd.options) {
    if (!option.long) continue;
    const having = productsForFlag(name, option.long);
    if (having.length > 0 && having.length < products.length) option.description = `${having.join(', ')}: ${option.description}`;
  }
  const lines = [`\nProducts: ${products.join(', ')}`];
  if (examples.length > 0) lines.push('\nExamples:', ...examples.map((e) => `  ${e}`));
  addHelpSection(cmd, lines.join('\n'));
}

/** A noun lists the products any of its verbs has. */
function annotateNoun(cmd: Command): void {
  const verbs = cmd.commands.map((sub) => VERBS.get(sub)?.verb).filter((v): v is string => v !== undefined);
  const products = PRODUCTS.filter((p) => verbs.some((v) => productsFor(v).includes(p)));
  if (products.length > 0) addHelpSection(cmd, `Products: ${products.join(', ')}`);
}
