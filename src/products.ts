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

/** verb → products that have it. A verb missing from a product's list fails with exit 2. */
export const CAPABILITIES = {
  'database create': ['dedicated', 'clustered'],
  'database list': ['dedicated', 'clustered'],
  'database update': ['dedicated', 'clustered'],
  'database delete': ['dedicated', 'clustered'],
  'database rename': ['dedicated', 'clustered'],
  'database undelete': ['dedicated', 'clustered'],
} as const satisfies Record<string, readonly Product[]>;

export type Verb = keyof typeof CAPABILITIES;

export function productsFor(verb: Verb): readonly Product[] {
  return CAPABILITIES[verb];
}

/** Returns a sentence explaining why `verb` is unavailable on `product`, or undefined if it is available. */
export function unsupportedReason(verb: Verb, product: Product): string | undefined {
  const products = productsFor(verb);
  if ((products as readonly string[]).includes(product)) return undefined;
  const names = products.map((p) => `${p} (${PRODUCT_TITLES[p]})`).join(', ');
  return `\`${verb}\` is not available for ${product} (${PRODUCT_TITLES[product]}); it works on ${names}`;
}
