import { SecurePage } from './SecurePage';
import { EmbeddedFrame } from './EmbeddedFrame';
import '@/components/theme.css';
import './style.css';
import './embedded.css';
import { listenForPort } from '@/components/frame/broker-client';
import { renderLocalized } from '@/components/i18n/render';

// ?embed=1: opened by a content script as the frame over a webmail (see EmbeddedFrame).
const embedded = new URLSearchParams(location.search).get('embed') === '1';
// Before the first render: the content script hands its port over as soon as this page has loaded.
if (embedded) listenForPort();
// The frame's title names it for screen readers, in the page's language; the full page sets its own per view.
void renderLocalized(() => (embedded ? <EmbeddedFrame /> : <SecurePage />), document.getElementById('app')!, embedded ? 'frame.title' : undefined);
