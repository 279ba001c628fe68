/**
 * The sites where the user enabled "Secure this field" (entrypoints/field.content.ts): one content script
 * registered at run time per origin, id `field:<origin>`, plus the optional host permission for that origin.
 * DirectSeal runs on no other site.
 *
 * The list itself is kept in storage.local: Chromium drops run-time registrations when the extension is updated
 * (and an unpacked one at every start), so `restoreSites()` registers them again from that list.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/current';

export const FIELD_SCRIPT_PREFIX = 'field:';
/** Where WXT builds entrypoints/field.content.ts (registration: 'runtime', so it is not in the manifest). */
export const FIELD_SCRIPT_FILE = 'content-scripts/field.js';
/** The EHR page's API (entrypoints/ehr-api.ts), run in the page's own world beside the field script. */
export const EHR_API_PREFIX = 'ehr-api:';
export const EHR_API_FILE = 'ehr-api.js';
/** storage.local key: the origins the user enabled, in the order they were added. */
export const SITES_KEY = 'sites.field';

export interface EnabledSite {
  origin: string;
  /** False when the browser no longer lets DirectSeal run there (the permission was withdrawn elsewhere). */
  allowed: boolean;
}

/** The match pattern for every page of an origin. */
export const sitePattern = (origin: string): string => `${origin}/*`;

/**
 * What the user typed, as an origin (`https://ehr.example.org`, `http://127.0.0.1:8080`), or the sentence that
 * says what is wrong with it. A missing scheme means https; a path, query or fragment is dropped.
 */
export function normalizeSite(input: string): { origin: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: t('practice.sites.error.empty') };
  if (text.includes('*')) return { error: t('practice.sites.error.wildcard') };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  // "ehr.example.org" and "ehr.example.org:8443/x" have no scheme ("ehr.example.org:" is not one: it has a dot).
  const hasScheme = scheme !== undefined && (text.includes('://') || !/^[a-z0-9.-]+:\d/i.test(text));
  if (hasScheme && scheme !== 'http' && scheme !== 'https') {
    return { error: t('practice.sites.error.scheme', { scheme }) };
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { error: t('practice.sites.error.notAddress') };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: t('practice.sites.error.notWeb') };
  }
  if (!url.hostname || /\s/.test(text)) return { error: t('practice.sites.error.notAddress') };
  return { origin: url.origin };
}

async function storedOrigins(): Promise<string[]> {
  const value = (await browser.storage.local.get(SITES_KEY))[SITES_KEY];
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
}

async function registeredOrigins(): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts.filter((s) => s.id.startsWith(FIELD_SCRIPT_PREFIX)).map((s) => s.id.slice(FIELD_SCRIPT_PREFIX.length));
}

/** The enabled sites, in alphabetical order, each with whether the browser still grants the permission. */
export async function listSites(): Promise<EnabledSite[]> {
  const origins = [...new Set([...(await storedOrigins()), ...(await registeredOrigins())])].sort();
  return Promise.all(
    origins.map(async (origin) => ({
      origin,
      allowed: await browser.permissions.contains({ origins: [sitePattern(origin)] }).catch(() => false),
    })),
  );
}

/**
 * Asks the browser for the site (a prompt, except where the manifest already grants it). Call it first thing
 * in a click handler: browsers only show the prompt for a user gesture. Resolves false when the user declines.
 */
export function requestSite(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [sitePattern(origin)] });
}

/**
 * Registers the field script for `origin` (the permission must be granted already) and runs it in the tabs
 * already open there, so the user need not reload them. Returns how many open tabs got it.
 */
export async function registerSite(origin: string): Promise<number> {
  const stored = await storedOrigins();
  if (!stored.includes(origin)) await browser.storage.local.set({ [SITES_KEY]: [...stored, origin] });
  await registerScript(origin);
  return injectIntoOpenTabs(origin);
}

/**
 * Registers again every stored site the browser still allows and whose script is gone (after an update or,
 * for an unpacked extension, a restart), and runs it in the site's open tabs. Returns the origins restored.
 * For the background to call at start-up; the options page calls it too.
 */
export async function restoreSites(): Promise<string[]> {
  const registered = new Set(await registeredOrigins());
  const restored: string[] = [];
  for (const origin of await storedOrigins()) {
    if (registered.has(origin)) continue;
    if (!(await browser.permissions.contains({ origins: [sitePattern(origin)] }).catch(() => false))) continue;
    try {
      await registerScript(origin);
      await injectIntoOpenTabs(origin);
      restored.push(origin);
    } catch (e) {
      console.warn(`DirectSeal: ${origin} could not be enabled again`, e);
    }
  }
  return restored;
}

async function registerScript(origin: string): Promise<void> {
  const id = FIELD_SCRIPT_PREFIX + origin;
  const apiId = EHR_API_PREFIX + origin;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id, apiId] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  await browser.scripting.registerContentScripts([
    {
      id: apiId,
      matches: [sitePattern(origin)],
      js: [EHR_API_FILE],
      allFrames: true,
      runAt: 'document_start',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
    {
      id,
      matches: [sitePattern(origin)],
      js: [FIELD_SCRIPT_FILE],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/**
 * Unregisters the script and gives the permission back. Pages already open keep the button until they are
 * reloaded (a running content script cannot be taken out).
 */
export async function disableSite(origin: string): Promise<void> {
  const ids = [FIELD_SCRIPT_PREFIX + origin, EHR_API_PREFIX + origin];
  await browser.storage.local.set({ [SITES_KEY]: (await storedOrigins()).filter((o) => o !== origin) });
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  // The manifest's own hosts (loopback) cannot be removed: the browser refuses, and they stay granted.
  await browser.permissions.remove({ origins: [sitePattern(origin)] }).catch(() => false);
}

async function injectIntoOpenTabs(origin: string): Promise<number> {
  let count = 0;
  try {
    // A url filter needs no "tabs" permission for hosts the extension may access: exactly this origin now.
    const tabs = await browser.tabs.query({ url: sitePattern(origin) });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [`/${EHR_API_FILE}` as const], world: 'MAIN' });
        await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [`/${FIELD_SCRIPT_FILE}` as const] });
        count++;
      } catch (e) {
        // An error page or a tab still loading: the registered script will run on its next load.
        console.warn('DirectSeal: not injected into an open tab', e);
      }
    }
  } catch (e) {
    console.warn('DirectSeal: open tabs not reached', e);
  }
  return count;
}
