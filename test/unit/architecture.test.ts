/**
 * The layering, as tests (STYLE.md: "architecture rules as tests"):
 * - utils/ is the pure core: no extension APIs, no DOM, no UI framework, so Node tests and the CLI run it as is;
 * - utils/ never reaches up into entrypoints/ or components/, and components/ never into entrypoints/;
 * - content scripts run inside webmail pages and carry no ASN.1/CMS code: parsing and keys stay in the
 *   extension's own contexts.
 * Sources are read with the TypeScript parser, so comments and strings never count as uses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROME_BUILD = join(ROOT, '.output/chrome-mv3');

const FORBIDDEN_IN_UTILS = ['webextension-polyfill', 'wxt/browser', '@wxt-dev/browser', '#imports', 'preact'];
const FORBIDDEN_GLOBALS = new Set(['browser', 'chrome', 'document', 'window']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'self']);

interface Facts {
  /** Module specifiers of static, dynamic, type-only and require() imports and re-exports, with their line. */
  imports: { spec: string; line: number }[];
  /** `browser.x`, `chrome.x`, `document.x`, `window.x` (also via globalThis/self) where the name is not local. */
  globals: { name: string; line: number }[];
}

/** What a source file imports and which extension/DOM globals it touches. */
function analyze(fileName: string, text: string): Facts {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const declared = new Set<string>();
  const imports: Facts['imports'] = [];
  const uses: { name: string; line: number }[] = [];

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) imports.push({ spec: node.moduleSpecifier.text, line: line(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) imports.push({ spec: e.text, line: line(node) });
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const arg = node.arguments[0];
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg)) imports.push({ spec: arg.text, line: line(node) });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) imports.push({ spec: arg.literal.text, line: line(node) });
    }

    // Names declared in the file shadow the globals (a parsed MIME `document` is not the DOM's).
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportClause(node) ||
        ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node)) &&
      node.name && ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }

    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const target = node.expression;
      if (ts.isIdentifier(target) && FORBIDDEN_GLOBALS.has(target.text)) {
        uses.push({ name: target.text, line: line(node) });
      } else if (
        ts.isPropertyAccessExpression(target) &&
        ts.isIdentifier(target.expression) &&
        GLOBAL_OBJECTS.has(target.expression.text) &&
        FORBIDDEN_GLOBALS.has(target.name.text)
      ) {
        uses.push({ name: target.name.text, line: line(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, globals: uses.filter((u) => !declared.has(u.name)) };
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** The project folder an import lands in ('' for packages), resolving relative paths and WXT's root aliases. */
function targetDir(fromFile: string, spec: string): string {
  let abs: string | undefined;
  if (spec.startsWith('./') || spec.startsWith('../')) abs = resolve(dirname(fromFile), spec);
  const alias = /^(?:@@|~~|@|~)\/(.*)$/.exec(spec);
  if (alias) abs = join(ROOT, alias[1]!);
  if (!abs) return '';
  return relative(ROOT, abs).split(sep)[0] ?? '';
}

function isForbiddenPackage(spec: string): boolean {
  return FORBIDDEN_IN_UTILS.some((p) => spec === p || spec.startsWith(`${p}/`));
}

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name))
    .filter((f) => !/\.(?:test|spec)\.[cm]?[jt]sx?$/.test(f) && !f.split(sep).includes('__tests__'));
}

const rel = (f: string) => relative(ROOT, f);

describe('the rule checker itself', () => {
  it.each([
    ["import { browser } from 'wxt/browser';", ['wxt/browser'], []],
    ["import type { VNode } from 'preact';", ['preact'], []],
    ["export { x } from '../components/Brand';", ['../components/Brand'], []],
    ["const m = await import('#imports');", ['#imports'], []],
    ["const p = require('webextension-polyfill');", ['webextension-polyfill'], []],
    ["type T = import('preact/hooks').StateUpdater<number>;", ['preact/hooks'], []],
    ['chrome.runtime.sendMessage({});', [], ['chrome']],
    ["globalThis.browser?.storage.local.get('k');", [], ['browser']],
    ['const w = window.innerWidth; document.title = "x";', [], ['window', 'document']],
    ["window['open']('x');", [], ['window']],
    // Not uses: comments, strings, names the file declares itself, and unrelated globals.
    ['// chrome.runtime and document.body are not touched here\nconst s = "window.open";', [], []],
    ['function f(document: { parts: string[] }) { return document.parts; }', [], []],
    ['const crypto = globalThis.crypto; const n = self.navigator;', [], []],
  ] as const)('%s', (source, imports, globals) => {
    const facts = analyze('x.ts', source);
    expect(facts.imports.map((i) => i.spec)).toEqual(imports);
    expect(facts.globals.map((g) => g.name)).toEqual(globals);
  });

  it('resolves relative and aliased imports to project folders', () => {
    const from = join(ROOT, 'utils/pki/store.ts');
    expect(targetDir(from, '../../entrypoints/background')).toBe('entrypoints');
    expect(targetDir(from, '@/components/Brand')).toBe('components');
    expect(targetDir(from, '~~/components/Brand')).toBe('components');
    expect(targetDir(from, './anchors')).toBe('utils');
    expect(targetDir(from, 'pkijs')).toBe('');
    expect(isForbiddenPackage('preact/hooks')).toBe(true);
    expect(isForbiddenPackage('preact-render-to-string')).toBe(false);
  });
});

describe('layering', () => {
  const utils = sourceFiles('utils');
  const components = sourceFiles('components');

  it('finds the source folders', () => {
    expect(utils.length).toBeGreaterThan(0);
  });

  it('utils/ uses no extension API, DOM or UI framework', () => {
    const problems = utils.flatMap((f) => {
      const facts = analyze(f, readFileSync(f, 'utf8'));
      return [
        ...facts.imports.filter((i) => isForbiddenPackage(i.spec)).map((i) => `${rel(f)}:${i.line} imports ${i.spec}`),
        ...facts.globals.map((g) => `${rel(f)}:${g.line} uses ${g.name}.`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('utils/ imports nothing from entrypoints/ or components/', () => {
    const problems = utils.flatMap((f) =>
      analyze(f, readFileSync(f, 'utf8'))
        .imports.filter((i) => ['entrypoints', 'components'].includes(targetDir(f, i.spec)))
        .map((i) => `${rel(f)}:${i.line} imports ${i.spec}`),
    );
    expect(problems).toEqual([]);
  });

  it('components/ imports nothing from entrypoints/', () => {
    const problems = components.flatMap((f) =>
      analyze(f, readFileSync(f, 'utf8'))
        .imports.filter((i) => targetDir(f, i.spec) === 'entrypoints')
        .map((i) => `${rel(f)}:${i.line} imports ${i.spec}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('content-script bundles', () => {
  /**
   * Strings that a minified bundle keeps whatever part of the library it pulls in (error messages and
   * property names survive minification). The first test proves it by bundling a small use of each library.
   */
  const MARKERS: Record<string, string[]> = {
    asn1js: ['End of input reached before message was fully decoded', 'Zero buffer length'],
    pkijs: ["Object's schema was not verified against input data for", 'CLASS_NAME'],
    'node-forge': ['usePureJavaScript'],
  };
  const librariesIn = (code: string) =>
    Object.entries(MARKERS)
      .filter(([, strings]) => strings.some((s) => code.includes(s)))
      .map(([lib]) => lib);

  beforeAll(() => {
    // `npm test` builds just before the tests run; a lone `vitest run` builds here when there is no build yet.
    if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) {
      execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    }
  }, 180_000);

  it.each([
    // asn1js comes in only under @peculiar/x509 (the project does not import it itself).
    ['asn1js', "import { X509Certificate } from '@peculiar/x509'; export default (b) => new X509Certificate(b).subject;", ['asn1js']],
    ['node-forge', "import { util } from 'node-forge'; export default (s) => util.encode64(s);", ['node-forge']],
    ['nothing', "export default (s) => btoa(s);", []],
  ])('the markers spot %s in a minified bundle', async (_, source, expected) => {
    expect(librariesIn(await bundle(source))).toEqual(expected);
  });

  it('every content script the manifest declares is built, and none carries pkijs, asn1js or node-forge', () => {
    const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
      content_scripts?: { js?: string[] }[];
    };
    const declared = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
    const dir = join(CHROME_BUILD, 'content-scripts');
    const built = existsSync(dir)
      ? readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((d) => d.isFile() && d.name.endsWith('.js'))
          .map((d) => relative(CHROME_BUILD, join(d.parentPath, d.name)).split(sep).join('/'))
      : [];
    // With no content scripts yet both lists are empty, and this still checks that they agree.
    expect(declared.filter((f) => !built.includes(f))).toEqual([]);

    const found = [...new Set([...declared, ...built])].flatMap((f) => {
      return librariesIn(readFileSync(join(CHROME_BUILD, f), 'utf8')).map((lib) => `${f} contains ${lib}`);
    });
    expect(found).toEqual([]);
  });
});

/** Bundles one module the way WXT builds a content script (Vite, minified, a single IIFE) and returns the code. */
async function bundle(source: string): Promise<string> {
  const { build } = await import('vite');
  const id = '\0probe-entry.js';
  const result = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'probe-entry',
        enforce: 'pre',
        resolveId: (s) => (s.endsWith('probe-entry') ? id : null),
        load: (s) => (s === id ? source : null),
      },
    ],
    build: { write: false, minify: true, lib: { entry: 'probe-entry', formats: ['iife'], name: 'probe' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
  return outputs.flatMap((o) => o.output).map((c) => c.code ?? '').join('\n');
}
