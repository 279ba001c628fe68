import { renderLocalized } from '@/components/i18n/render';
import { SetupPage } from '@/components/setup/SetupPage';
import '@/components/theme.css';
// The page header and its links look as on the settings page.
import '../options/style.css';

void renderLocalized(() => <SetupPage />, document.getElementById('app')!, 'setup.title');
