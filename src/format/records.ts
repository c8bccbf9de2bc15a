// Printing what a backend hands back: a listing (items, columns, JSON per item) or one object.

import type { Context } from '../context.js';
import type { Listing, Shown } from '../products/types.js';
import { printList, printRecord } from './output.js';

export function printListing(ctx: Context, listing: Listing, noun: string): Promise<void> {
  return printList(ctx, listing.items, listing.columns, listing.json, noun);
}

export function printShown(ctx: Context, shown: Shown): Promise<void> {
  return printRecord(ctx, shown.item, shown.columns, shown.json);
}
