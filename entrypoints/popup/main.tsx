import { render } from 'preact';
import { PopupPage } from './PopupPage';
import '@/components/theme.css';
import '@/components/ui/ui.css';
import './style.css';

render(<PopupPage />, document.getElementById('app')!);
