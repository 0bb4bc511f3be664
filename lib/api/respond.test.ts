import { describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { answerSafely } from "./respond";

const log = createLogger("test", "error");
const request = new Request("http://ostrace.test/api/traces?service=nova-api");
const failing = async (): Promise<Response> => {
  throw new Error("\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Message: `Can't reach database server`");
};

describe("answerSafely", () => {
  it("answers what the route body answers", async () => {
    const answer = await answerSafely(
      request,
      log,
      async () => Response.json({ ok: true }),
      async () => false,
    );
    expect(answer.status).toBe(200);
  });

  it("answers 503 when the route failed and the database does not answer (an outage, not a bug)", async () => {
    for (const probe of [async () => false, async () => Promise.reject(new Error("ECONNREFUSED"))]) {
      const answer = await answerSafely(request, log, failing, probe);
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ error: "the database is unavailable; retry later" });
    }
  });

  it("answers a bare 500 when the route failed while the database answers", async () => {
    const answer = await answerSafely(request, log, failing, async () => true);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ error: "internal error" });
  });
});
