import { render } from 'preact';
import { OptionsPage } from './OptionsPage';
import '@/components/theme.css';
import './style.css';

render(<OptionsPage />, document.getElementById('app')!);
