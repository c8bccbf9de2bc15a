// Pieces the table verbs share.

import type { ManagementTable } from '../../api/schemas/management.js';
import { asUsage } from '../../errors.js';
import type { Column } from '../../format/output.js';
import { summarizePartitionTemplate } from '../../format/partition-template.js';
import { checkInfluxDb3Identifier } from '../../input/influxdb3.js';
import { checkManagementTableName } from '../../input/names.js';
import { isManagement, type Product } from '../../products.js';

export function tableName(product: Product, name: string, what = 'table name'): string {
  return asUsage(() => (isManagement(product) ? checkManagementTableName(name, what) : checkInfluxDb3Identifier(name, 'table name')));
}

export const MANAGEMENT_TABLE_COLUMNS: ReadonlyArray<Column<ManagementTable>> = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'ID', value: (t) => (t.id === undefined ? '' : String(t.id)) },
  { header: 'DATABASE', value: (t) => t.databaseName ?? '' },
  { header: 'PARTITION TEMPLATE', value: (t) => summarizePartitionTemplate(t.partitionTemplate) },
];
