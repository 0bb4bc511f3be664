import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { hashGeneratorSources } from "./hashGeneratorSources";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const copy = mkdtempSync(join(tmpdir(), "ostrace-generator-"));
cpSync(HERE, copy, { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("hashGeneratorSources (the bench dataset's key)", () => {
  it("is the same for the same sources, wherever they lie", () => {
    expect(hashGeneratorSources()).toMatch(/^[0-9a-f]{40}$/);
    expect(hashGeneratorSources(copy)).toBe(hashGeneratorSources());
  });

  it("changes with a scenario's code, as the asynchronous Heat create-stack changed the data", () => {
    const before = hashGeneratorSources(copy);
    const file = join(copy, "scenarios", "createStack.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("Stack.create", "Stack.create_"));
    expect(hashGeneratorSources(copy)).not.toBe(before);
  });

  it("does not change with the generator's tests, which build no data", () => {
    const before = hashGeneratorSources(copy);
    writeFileSync(join(copy, "generateSyntheticTraces.test.ts"), "// another test\n", { flag: "a" });
    expect(hashGeneratorSources(copy)).toBe(before);
  });
});
