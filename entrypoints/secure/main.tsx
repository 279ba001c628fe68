import { render } from 'preact';
import { SecurePage } from './SecurePage';
import '@/components/theme.css';
import './style.css';

render(<SecurePage />, document.getElementById('app')!);
