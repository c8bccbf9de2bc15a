// The products influxadm drives (design §2) and the capability matrix (design §3): which verb works on
// which product lives here and nowhere else.

export const PRODUCTS = ['dedicated', 'clustered', 'core', 'enterprise', 'v2', 'dbaas'] as const;
export type Product = (typeof PRODUCTS)[number];

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

export const PRODUCT_TITLES: Record<Product, string> = {
  dedicated: 'InfluxDB 3 Cloud Dedicated',
  clustered: 'InfluxDB 3 Clustered',
  core: 'InfluxDB 3 Core',
  enterprise: 'InfluxDB 3 Enterprise',
  v2: 'InfluxDB OSS v2',
  dbaas: 'Selectel Managed Databases',
};

/** Default server root per product; `undefined` means the user must give one. */
export const DEFAULT_HOSTS: Record<Product, string | undefined> = {
  dedicated: 'https://console.influxdata.com',
  clustered: undefined,
  core: 'http://127.0.0.1:8181',
  enterprise: 'http://127.0.0.1:8181',
  v2: 'http://localhost:8086',
  dbaas: undefined,
};

const MANAGEMENT = ['dedicated', 'clustered'] as const;
const INFLUXDB3 = ['core', 'enterprise'] as const;
const ALL_INFLUXDB3 = ['dedicated', 'clustered', 'core', 'enterprise'] as const;

/** verb → products that have it. A verb missing from a product's list fails with exit 2. */
export const CAPABILITIES = {
  'database create': ALL_INFLUXDB3,
  'database list': ALL_INFLUXDB3,
  'database update': ALL_INFLUXDB3,
  'database delete': ALL_INFLUXDB3,
  'database rename': MANAGEMENT,
  'database undelete': MANAGEMENT,
  'table create': ALL_INFLUXDB3,
  'table list': INFLUXDB3,
  'table delete': ALL_INFLUXDB3,
  'table rename': MANAGEMENT,
  'table undelete': MANAGEMENT,
  'token create': ALL_INFLUXDB3,
  'token list': ALL_INFLUXDB3,
  'token get': MANAGEMENT,
  'token update': MANAGEMENT,
  'token revoke': ALL_INFLUXDB3,
  'token regenerate': INFLUXDB3,
  'v1-auth create': ['v2'],
  'v1-auth list': ['v2'],
  'v1-auth get': ['v2'],
  'v1-auth update': ['v2'],
  'v1-auth set-active': ['v2'],
  'v1-auth set-inactive': ['v2'],
  'v1-auth set-password': ['v2'],
  'v1-auth delete': ['v2'],
} as const satisfies Record<string, readonly Product[]>;

export type Verb = keyof typeof CAPABILITIES;

/** Flags that only some of a verb's products understand: "verb --flag" → products. */
export const FLAG_CAPABILITIES: Record<string, readonly Product[]> = {
  'database create --max-tables': MANAGEMENT,
  'database create --max-columns': MANAGEMENT,
  'database create --template-tag': MANAGEMENT,
  'database create --template-tag-bucket': MANAGEMENT,
  'database create --template-timeformat': MANAGEMENT,
  'database list --show-deleted': INFLUXDB3,
  'database update --max-tables': MANAGEMENT,
  'database update --max-columns': MANAGEMENT,
  'database delete --hard-delete': INFLUXDB3,
  'database delete --data-only': ['enterprise'],
  'database delete --remove-tables': ['enterprise'],
  'table create --template-tag': MANAGEMENT,
  'table create --template-tag-bucket': MANAGEMENT,
  'table create --template-timeformat': MANAGEMENT,
  'table create --tags': INFLUXDB3,
  'table create --fields': INFLUXDB3,
  'table create --retention-period': ['enterprise'],
  'table list --show-deleted': INFLUXDB3,
  'table delete --hard-delete': INFLUXDB3,
  'table delete --data-only': ['enterprise'],
  'token create --admin': INFLUXDB3,
  'token create --permission': [...MANAGEMENT, 'enterprise'],
  'token create --read-database': [...MANAGEMENT, 'enterprise'],
  'token create --write-database': [...MANAGEMENT, 'enterprise'],
  'token list --include-revoked': MANAGEMENT,
  'token list --sort': MANAGEMENT,
  'token list --admin-only': INFLUXDB3,
  'token list --expired': INFLUXDB3,
  'token list --name-like': INFLUXDB3,
};

/** What to do instead, where a product lacks a verb for a reason worth explaining. */
const ADVICE: Partial<Record<Verb, Partial<Record<Product, string>>>> = {
  'table list': {
    dedicated: 'the Management API has no table listing; run `SHOW TABLES` (or query information_schema.tables) with a database token, or use `influxctl table list DATABASE`',
    clustered: 'the Management API has no table listing; run `SHOW TABLES` (or query information_schema.tables) with a database token, or use `influxctl table list DATABASE`',
  },
};

export function productsFor(verb: Verb): readonly Product[] {
  return CAPABILITIES[verb];
}

export function isManagement(product: Product): product is 'dedicated' | 'clustered' {
  return product === 'dedicated' || product === 'clustered';
}

function names(products: readonly Product[]): string {
  return products.map((p) => `${p} (${PRODUCT_TITLES[p]})`).join(', ');
}

/** Returns a sentence explaining why `verb` is unavailable on `product`, or undefined if it is available. */
export function unsupportedReason(verb: Verb, product: Product): string | undefined {
  const products = productsFor(verb);
  if ((products as readonly string[]).includes(product)) return undefined;
  const advice = ADVICE[verb]?.[product];
  if (advice) return `\`${verb}\` is not available for ${product}: ${advice}`;
  return `\`${verb}\` is not available for ${product} (${PRODUCT_TITLES[product]}); it works on ${names(products)}`;
}

/** The same for a flag of a verb. */
export function unsupportedFlagReason(verb: Verb, flag: string, product: Product): string | undefined {
  const products = FLAG_CAPABILITIES[`${verb} ${flag}`];
  if (!products || products.includes(product)) return undefined;
  return `\`${verb} ${flag}\` is not available for ${product} (${PRODUCT_TITLES[product]}); it works on ${names(products)}`;
}
