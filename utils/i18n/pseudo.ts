/**
 * The pseudo locale: every English text accented and wrapped in ⟦ ⟧, parameters left as they are. A view in
 * this locale shows any text that bypassed the catalog as plain, unmarked letters.
 */

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', n: 'ñ', c: 'ç', s: 'ś', y: 'ý', z: 'ź',
  A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', N: 'Ñ', C: 'Ç', S: 'Ś', Y: 'Ý', Z: 'Ź',
};

/** "Settings {n}" -> "⟦Śéttíñgś {n}⟧": the {named} parameters keep their names so they are still filled. */
export function pseudo(text: string): string {
  const accented = text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch] ?? ch)))
    .join('');
  return `${PSEUDO_OPEN}${accented}${PSEUDO_CLOSE}`;
}
