/** Every provider adapter, most specific first (Roundcube runs anywhere, so its check is structural). */
import { gmail } from './gmail';
import { outlook } from './outlook';
import { roundcube } from './roundcube';
import type { WebmailAdapter } from './types';

export const ADAPTERS: readonly WebmailAdapter[] = [gmail, outlook, roundcube];
