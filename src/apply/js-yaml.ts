// What influxadm uses of js-yaml, in one module: the build makes it a pack of its own (scripts/build.mjs),
// which yaml-lib.ts loads on first use. Import it through yamlLib(), never directly (types excepted).
export { dump, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
