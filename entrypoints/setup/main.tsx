import { render } from 'preact';
import { SetupPage } from '@/components/setup/SetupPage';
import '@/components/theme.css';
// The page header and its links look as on the settings page.
import '../options/style.css';

render(<SetupPage />, document.getElementById('app')!);
