import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Manifest V3 for Chromium first; `wxt build -b firefox` makes the Firefox (MV2) build from the same sources.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'DirectSeal',
    description: 'Direct secure health mail (S/MIME) in the webmail you already use.',
    permissions: ['storage', 'unlimitedStorage'],
    browser_specific_settings: { gecko: { id: 'directseal@directseal.example' } },
  },
});
