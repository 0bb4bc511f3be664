// A route's query string through its zod schema, the same way for every route: the first of a
// repeated parameter counts (as URLSearchParams.get reads it), unknown ones are ignored, and the
// first issue is the error, named by its parameter ("limit: expected ...").
import { z } from "../zod";

export function parseSearchParams<S extends z.ZodObject>(schema: S, params: URLSearchParams): { data: z.infer<S> } | { error: string } {
  const input: Record<string, string> = {};
  for (const field of Object.keys(schema.shape)) {
    const value = params.get(field);
    if (value !== null) input[field] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { error: `${issue.path.join(".")}: ${issue.message}` };
}
