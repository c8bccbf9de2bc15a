// Adapts a command handler to commander: builds the Context from the merged global and local options
// and passes the positional arguments through.

import type { Command } from 'commander';
import { createContext, type Context } from '../context.js';

export function run<O, A extends unknown[]>(handler: (ctx: Context, opts: O, ...args: A) => Promise<void>) {
  return async (...params: unknown[]): Promise<void> => {
    const cmd = params[params.length - 1] as Command;
    const opts = params[params.length - 2] as O;
    const args = params.slice(0, -2) as A;
    await handler(createContext(cmd.optsWithGlobals()), opts, ...args);
  };
}
