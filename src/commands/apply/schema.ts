// `influxadm schema`: the JSON Schema of the plan/apply file, for editors.

import { Command } from '../../line/command.js';
import { addHelpSection } from '../../format/help.js';
import { run } from '../run.js';

export function schemaCommand(): Command {
  return addHelpSection(new Command('schema')
    .description('print the JSON Schema of the plan/apply file, for editors to complete and check it')
    .action(run(async (ctx) => {
      const { runSchema } = await import('../../apply/index.js');
      await runSchema(ctx);
    })), [
      '\nExamples:',
      '  influxadm schema > influxadm.schema.json',
      '  echo "# yaml-language-server: $schema=influxadm.schema.json" | cat - influxadm.yaml',
    ].join('\n'));
}
