import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Manifest V3 for Chromium first; `wxt build -b firefox` makes the Firefox (MV2) build from the same sources.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'DirectSeal',
    description: 'Direct secure health mail (S/MIME) in the webmail you already use.',
    // scripting: DirectSeal's webmail helpers go only where the user enabled them (registered at run time).
    // browsingData (Chromium, no install warning): the key store's rewrite clears the extension's own IndexedDB
    // files, so that no earlier clear key stays in LevelDB (components/security/rewrite-support.ts).
    permissions: ['storage', 'unlimitedStorage', 'scripting', ...(browser === 'firefox' ? [] : ['browsingData'])],
    // Loopback: a practice's own Roundcube under test and the local demo; other sites are asked for when enabled.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // A practice's self-hosted webmail or EHR portal, asked for when the user enables it (options → Sites).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The DirectSeal frame over a webmail is secure.html; its scripts load from the extension's own origin.
    // Any site: "Secure this field" runs on sites the user enables at run time, which a manifest cannot list.
    // A page that frames secure.html itself gets an inert frame (utils/frame-broker.ts); use_dynamic_url
    // (Chromium) makes its address a per-session id that pages cannot guess or use to spot the extension.
    web_accessible_resources: [{ resources: ['secure.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    // No data leaves the browser for us: there is no DirectSeal server.
    browser_specific_settings: { gecko: { id: 'directseal@directseal.example', data_collection_permissions: { required: ['none'] } } },
  }),
});
