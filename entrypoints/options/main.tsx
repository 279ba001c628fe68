import { renderLocalized } from '@/components/i18n/render';
import { OptionsPage } from './OptionsPage';
import '@/components/theme.css';
import './style.css';

void renderLocalized(() => <OptionsPage />, document.getElementById('app')!, 'options.title');
