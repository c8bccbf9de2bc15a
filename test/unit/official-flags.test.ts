import { describe, expect, it } from 'vitest';
import { withOfficialFlagHint } from '../../src/official-flags.js';

describe("an official CLI's flag that influxadm spells differently", () => {
  it("replaces commander's nearest spelling with what to use here", () => {
    expect(withOfficialFlagHint("error: unknown option '--password'\n(Did you mean --no-password?)\n"))
      .toMatch(/^error: unknown option '--password'\ninflux's --password: .*--password-stdin.*\n$/);
    expect(withOfficialFlagHint("error: unknown option '--password=…'\n")).toMatch(/^error: unknown option '--password=…'\ninflux's --password/);
    expect(withOfficialFlagHint("error: unknown option '--skip-verify'\n")).toBe("error: unknown option '--skip-verify'\ninflux's --skip-verify is --tls-no-verify here\n");
    expect(withOfficialFlagHint("error: unknown option '--filter-status'\n")).toMatch(/--show-deleted/);
  });

  it('leaves every other error as it was', () => {
    for (const text of ["error: unknown option '--bogus'\n", "error: unknown option '--passwords'\n(Did you mean --password-stdin?)\n", "error: missing required argument 'name'\n", "error: unknown option '--toString'\n"]) {
      expect(withOfficialFlagHint(text)).toBe(text);
    }
  });
});
