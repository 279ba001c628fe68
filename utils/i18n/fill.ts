/** Parameters into a catalog text; apart from translate.ts so that the content scripts' catalog needs no full one. */

export type Params = Readonly<Record<string, string | number>>;

/** Puts the parameters into "{name}" places; a missing one stays visible as "{name}" rather than vanishing. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
