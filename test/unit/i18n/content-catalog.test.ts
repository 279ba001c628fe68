/**
 * The content scripts' catalog (utils/i18n/content.ts): the scripts injected into every webmail and EHR page
 * carry only the words they say. Their `t` takes only its ids (the compiler checks each call); these tests check
 * what the compiler cannot: that no content-script module reaches the pages' whole catalog, that every catalog
 * id named anywhere in their code is in theirs, that its sentences are the full catalog's, and the built bundles.
 * Sources are read with the TypeScript parser, so comments never count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { COVER_BODY } from '../../../utils/frame-protocol';
import { translate, type Locale, type MessageId } from '../../../utils/i18n';
import { contentEn, contentEs, translateContent, type ContentMessageId } from '../../../utils/i18n/content';
import { en } from '../../../utils/i18n/en';
import { es } from '../../../utils/i18n/es';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

/** What content-script code must never reach: the pages' catalog and `t`, which bring every area with them. */
const PAGES_ONLY = [
  'utils/i18n/index.ts',
  'utils/i18n/translate.ts',
  'utils/i18n/en.ts',
  'utils/i18n/es.ts',
  'utils/i18n/errors-es.ts',
  'components/i18n/current.ts',
  ...readdirSync(join(ROOT, 'utils/i18n/areas'))
    .filter((name) => !name.startsWith('webmail.'))
    .map((name) => `utils/i18n/areas/${name}`),
];

/** The content scripts' entry modules, named the way WXT finds them. */
function contentEntries(): string[] {
  return readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true }).flatMap((d) => {
    if (d.isFile() && d.name.endsWith('.content.ts')) return [join(ROOT, 'entrypoints', d.name)];
    if (d.isDirectory() && d.name.endsWith('.content')) return [join(ROOT, 'entrypoints', d.name, 'index.ts')];
    return [];
  });
}

/** The project file an import names (relative or WXT's root aliases), undefined for packages. */
function resolveImport(fromFile: string, spec: string): string | undefined {
  const alias = /^(?:@@|~~|@|~)\/(.*)$/.exec(spec);
  const base = alias ? join(ROOT, alias[1]!) : spec.startsWith('.') ? resolve(dirname(fromFile), spec) : undefined;
  if (!base) return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c));
}

/** Every project module reachable from `entries` by any import (type-only ones too: they name the same module). */
function moduleGraph(entries: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const found = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
    const targets = found.map((f) => resolveImport(file, f.fileName)).filter((f): f is string => f !== undefined);
    graph.set(file, targets);
    queue.push(...targets);
  }
  return graph;
}

/** How `entries` reach `target`, as "a -> b -> c", for a failure message that says where to cut. */
function pathTo(graph: Map<string, string[]>, entries: string[], target: string): string {
  const from = new Map<string, string>();
  const queue = [...entries];
  for (const file of queue) {
    if (file === target) break;
    for (const next of graph.get(file) ?? []) {
      if (from.has(next) || entries.includes(next)) continue;
      from.set(next, file);
      queue.push(next);
    }
  }
  const chain = [target];
  while (from.has(chain[0]!)) chain.unshift(from.get(chain[0]!)!);
  return chain.map(rel).join(' -> ');
}

/** The string literals of a source file (ids are named as literals: 'webmail.button.secure'). */
function stringLiterals(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const contentIds = Object.keys(contentEn) as ContentMessageId[];
const isMessageId = (text: string): text is MessageId => Object.hasOwn(en, text);
const isContentId = (text: string): text is ContentMessageId => Object.hasOwn(contentEn, text);

describe('the module graph check itself', () => {
  it('finds the pages catalog from a page, and how', () => {
    const entry = join(ROOT, 'entrypoints/options/main.tsx');
    const graph = moduleGraph([entry]);
    const reached = [...graph.keys()].map(rel);
    expect(reached).toContain('utils/i18n/en.ts');
    expect(reached).toContain('components/i18n/current.ts');
    expect(pathTo(graph, [entry], join(ROOT, 'utils/i18n/en.ts'))).toMatch(/^entrypoints\/options\/main\.tsx -> .* -> utils\/i18n\/en\.ts$/);
  });
});

describe('content-script code', () => {
  const entries = contentEntries();
  const graph = moduleGraph(entries);
  const reached = [...graph.keys()].map(rel);

  it('starts from every content script', () => {
    expect(entries.map(rel).sort()).toEqual(['entrypoints/field.content.ts', 'entrypoints/webmail.content/index.ts']);
    expect(reached).toContain('utils/i18n/content.ts');
    expect(reached).toContain('components/i18n/content-text.ts');
  });

  it("reaches none of the pages' catalog (say content words with components/i18n/content-text.ts)", () => {
    const wrong = PAGES_ONLY.filter((f) => reached.includes(f)).map((f) => pathTo(graph, entries, join(ROOT, f)));
    expect(wrong).toEqual([]);
  });

  it('names only catalog ids its own catalog has', () => {
    const code = [...graph.keys()].filter((f) => !rel(f).startsWith('utils/i18n/'));
    const named = [...new Set(code.flatMap(stringLiterals).filter(isMessageId))];
    // The check sees the ids: the buttons of both scripts are named as literals.
    expect(named).toEqual(expect.arrayContaining(['webmail.button.secure', 'webmail.button.field']));
    expect(named.filter((id) => !isContentId(id))).toEqual([]);
  });
});

describe('the content catalog', () => {
  it('is a part of the full catalog, smaller than it', () => {
    expect(contentIds.filter((id) => !isMessageId(id))).toEqual([]);
    expect(contentIds.length).toBeGreaterThan(0);
    expect(contentIds.length).toBeLessThan(Object.keys(en).length / 4);
  });

  it('has the Spanish of exactly its English ids', () => {
    expect(Object.keys(contentEs).sort()).toEqual([...contentIds].sort());
  });

  it.each(contentIds)('%s: the same sentences as the full catalog, in every locale', (id) => {
    expect(contentEn[id]).toBe(en[id]);
    expect(contentEs[id]).toBe(es[id]);
    const params = { reason: 'R', file: 'F.eml', status: 503 };
    for (const locale of ['en', 'es', 'pseudo'] as Locale[]) {
      expect(translateContent(locale, id, params)).toBe(translate(locale, id, params));
    }
  });
});

describe('the built content scripts', () => {
  const BUILD = join(ROOT, '.output/chrome-mv3');
  const bundles = () =>
    ['webmail.js', 'field.js'].map((name) => ({ name, code: readFileSync(join(BUILD, 'content-scripts', name), 'utf8') }));
  /** Sentences a minified bundle keeps verbatim: long enough to be distinctive, with no quote to be escaped. */
  const verbatim = (text: string) => text.length >= 30 && !/["'`\\\n]/.test(text);

  beforeAll(() => {
    // `npm test` builds just before the tests run; a lone `vitest run` builds here when there is no build yet.
    if (!existsSync(join(BUILD, 'manifest.json'))) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  it("carry their own sentences and none of the pages' (English or Spanish)", () => {
    const own = contentIds.flatMap((id) => [contentEn[id], contentEs[id]]).filter(verbatim);
    // Not counted: a page sentence quoted inside one of theirs ("… (Abrir un archivo de mensaje seguro)"), and the
    // English cover note the webmail script falls back to (utils/frame-protocol.ts, message text, not UI).
    const theirs = [...contentIds.flatMap((id) => [contentEn[id], contentEs[id]]), COVER_BODY].join('\n');
    const pages = (Object.keys(en) as MessageId[])
      .filter((id) => !isContentId(id))
      .flatMap((id) => [en[id], es[id]])
      .filter((s) => verbatim(s) && !theirs.includes(s));
    expect(pages.length).toBeGreaterThan(100);
    // The probe works: each script's own sentences are found in it.
    expect(own.length).toBeGreaterThan(20);
    const missing = bundles().flatMap(({ name, code }) => own.filter((s) => !code.includes(s)).map((s) => `${name}: ${s}`));
    expect(missing).toEqual([]);
    const found = bundles().flatMap(({ name, code }) => pages.filter((s) => code.includes(s)).map((s) => `${name}: ${s}`));
    expect(found).toEqual([]);
  });
});
