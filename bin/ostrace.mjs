#!/usr/bin/env node
// `npx ostrace ...` from a checkout: runs the TypeScript CLI (cli/main.ts) through tsx, the
// loader the project's scripts already use, so there is no build step.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("../cli/main.ts");
