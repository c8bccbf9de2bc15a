import { describe, expect, it } from 'vitest';
import { FileProblem, parseSource } from '../../src/apply/source.js';

const problem = (text: string, env: Record<string, string> = {}) => {
  try {
    parseSource('f.yaml', text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblem);
    return (error as FileProblem).message;
  }
  throw new Error('no problem found');
};

describe('reading the file', () => {
  it('resolves plain scalars by the YAML core schema, after expansion; quoted ones stay text', () => {
    const { value } = parseSource('f.yaml', 'a: ${N}\nb: "${N}"\nc: ${T}\nd: x${N}\ne: [1, "1", true, null]\n', { N: '42', T: 'true' });
    expect(value).toEqual({ a: 42, b: '42', c: true, d: 'x42', e: [1, '1', true, null] });
  });

  it('locates any node: a mapping key, a list item, the file when the path is not there', () => {
    const loaded = parseSource('f.yaml', 'targets:\n  prod:\n    databases:\n      - name: a\n      -   name: b\n          maxTables: 3\n', {});
    expect(loaded.where(['targets', 'prod', 'databases', 1, 'maxTables'])).toBe('f.yaml:6:11');
    expect(loaded.where(['targets', 'prod', 'databases', 1, 'name'])).toBe('f.yaml:5:11');
    expect(loaded.where(['targets', 'prod', 'databases', 0])).toBe('f.yaml:4:9');
    expect(loaded.where(['targets', 'prod', 'nothing'])).toBe('f.yaml:2:3');
  });

  it('names the place of an unset variable inside a quoted value', () => {
    expect(problem('x:\n  y: "a ${GONE} b"\n')).toBe('f.yaml:2:9: x.y: the environment variable GONE is not set (an unset variable is an error, never empty)');
  });

  it.each([
    ['a: 1\na: 2\n', 'f.yaml:2:1: a: this key appears twice'],
    ['a: !!int 1\n', /the YAML tag !!int is not supported/],
    ['c: !vault {x: 1}\n', 'f.yaml:1:4: c: the YAML tag !vault is not supported here; write the value plainly'],
    ['databases: !secret\n  - name: a\n', 'f.yaml:1:12: databases: the YAML tag !secret is not supported here; write the value plainly'],
    ['a: !!seq {x: 1}\n', /the YAML tag !!seq is not supported/],
    ['a: 1\n---\nb: 2\n', /2 YAML documents/],
    ['', /the file is empty/],
    ['a: *nowhere\n', /alias/],
    ['a: [1\n', /^f\.yaml:\d+:\d+: not valid YAML/],
    ['<<: {a: 1}\n', /merge keys/],
    ['1: a\n', /a key must be text/],
  ])('refuses %j', (text, message) => {
    const found = problem(text);
    if (typeof message === 'string') expect(found).toBe(message);
    else expect(found).toMatch(message);
  });

  it('takes a collection\'s own standard tag', () => {
    expect(parseSource('f.yaml', 'a: !!map {x: 1}\nb: !!seq [y]\nc: !<tag:yaml.org,2002:map> {}\n', {}).value).toEqual({ a: { x: 1 }, b: ['y'], c: {} });
  });

  it('shares anchored values with their aliases', () => {
    expect(parseSource('f.yaml', 'a: &p [x, y]\nb: *p\n', {}).value).toEqual({ a: ['x', 'y'], b: ['x', 'y'] });
  });
});
