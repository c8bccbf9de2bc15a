// The read-only catalogs of a managed-database service, one noun each, all with `list` and `get`.

import { Command } from '../../line/command.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';

export interface CatalogNoun {
  kind: string;
  alias: string;
  plural: string;
  description: string;
  filters: ReadonlyArray<readonly [string, string]>;
  examples: readonly string[];
  sample: string;
}

export const TYPE = ['--type <type>', 'only those for this datastore type: engine-version or ID'] as const;

const NOUNS: readonly CatalogNoun[] = [
  {
    kind: 'datastore-types', alias: 'datastore-type', plural: 'datastore types', description: 'the engines and versions a datastore can have',
    filters: [['--engine <engine>', 'only this engine, e.g. postgresql']], examples: ['influxadm datastore-types list'], sample: 'postgresql-16',
  },
  {
    kind: 'flavors', alias: 'flavor', plural: 'flavors', description: 'the sizes a datastore can have (vCPUs, RAM, disk)',
    filters: [['--name <name>', 'only the flavor of this name'], TYPE], examples: ['influxadm flavors list --type postgresql-16'], sample: 'PRC10.2-4096-32',
  },
  {
    kind: 'configuration-parameters', alias: 'configuration-parameter', plural: 'configuration parameters', description: 'the engine parameters `datastore config` can set, with their types and ranges',
    filters: [['--name <name>', 'only the parameter of this name'], TYPE], examples: ['influxadm configuration-parameters list --type postgresql-16'], sample: 'max_connections',
  },
  {
    kind: 'available-extensions', alias: 'available-extension', plural: 'available extensions', description: 'the PostgreSQL extensions `extension create` can install',
    filters: [['--name <name>', 'only the extension of this name'], TYPE], examples: ['influxadm available-extensions list --type postgresql-16'], sample: 'pgcrypto',
  },
];

export function catalogCommands(): Command[] {
  return NOUNS.map((noun) => new Command(noun.kind)
    .alias(noun.alias)
    .description(`catalog: ${noun.description}`)
    .addCommand(listCommand(noun))
    .addCommand(getCommand(noun)));
}
