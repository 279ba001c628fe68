import { render } from 'preact';
import { SecurePage } from './SecurePage';
import { EmbeddedFrame } from './EmbeddedFrame';
import '@/components/theme.css';
import './style.css';
import './embedded.css';

// ?embed=1: opened by a content script as the frame over a webmail (see EmbeddedFrame).
const embedded = new URLSearchParams(location.search).get('embed') === '1';
render(embedded ? <EmbeddedFrame /> : <SecurePage />, document.getElementById('app')!);
