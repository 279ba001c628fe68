/**
 * The one entry to @peculiar/x509: it needs a Reflect metadata API before it loads (see ./reflect-shim.ts).
 * Import `x509` from here, never '@peculiar/x509' directly.
 */
import './reflect-shim';
import * as x509 from '@peculiar/x509';

export { x509 };
