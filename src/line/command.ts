// The Command and Option the verb modules build with: commander's, or the lite ones of src/line/lite.ts.
// A run first builds its command lite and parses the line without commander; only a line the lite parse
// leaves alone (help, a usage error, anything it does not read) loads commander and builds again with it.
// commander is reached only through useCommander()'s import(), so the packs a plain command loads do not
// hold it. Which classes `new Command()` makes is this module's state: one tree is built at a time (a
// run builds the lite one, then maybe commander's; the tests build them one after the other).

import type * as Commander from 'commander';
import { LiteCommand, LiteOption } from './lite.js';

let commander: typeof Commander | undefined;
let lite = false;

/** Loads commander; what is built from here on is commander's. */
export async function useCommander(): Promise<typeof Commander> {
  commander ??= await import('commander');
  lite = false;
  return commander;
}

/** What is built from here on is lite, until useCommander(). */
export function useLite(): void {
  lite = true;
}

/** Whether `error` is commander's (only when it was loaded: nothing else raises one). */
export function isCommanderError(error: unknown): error is Commander.CommanderError {
  return commander !== undefined && error instanceof commander.CommanderError;
}

function loaded(): typeof Commander {
  if (!commander) throw new Error('influxadm: commander is not loaded; await useCommander() first');
  return commander;
}

export type Command = Commander.Command;
export const Command = function Command(name?: string) {
  return lite ? new LiteCommand(name) : new (loaded().Command)(name);
} as unknown as typeof Commander.Command;

export type Option = Commander.Option;
export const Option = function Option(flags: string, description?: string) {
  return lite ? new LiteOption(flags, description) : new (loaded().Option)(flags, description);
} as unknown as typeof Commander.Option;
