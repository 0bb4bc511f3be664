/** An attachment header; `filename` is built from validated ids, so it needs no escaping. */
export function attachment(filename: string): string {
  if (!/^[\w.-]+$/.test(filename)) throw new Error(`unsafe download name ${JSON.stringify(filename)}`);
  return `attachment; filename="${filename}"`;
}
