import { renderLocalized } from '@/components/i18n/render';
import { PopupPage } from './PopupPage';
import '@/components/theme.css';
import '@/components/ui/ui.css';
import './style.css';

void renderLocalized(() => <PopupPage />, document.getElementById('app')!);
