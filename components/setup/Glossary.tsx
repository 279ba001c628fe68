import { GLOSSARY } from './steps';

/** One-line explanations of the terms a step uses for the first time. */
export function Glossary({ terms }: { terms: readonly (keyof typeof GLOSSARY)[] }) {
  if (terms.length === 0) return null;
  return (
    <ul class="setup-glossary" aria-label="What these words mean">
      {terms.map((t) => (
        <li key={t}>
          <span class="setup-glossary__icon" aria-hidden="true">i</span>
          <span>{GLOSSARY[t]}</span>
        </li>
      ))}
    </ul>
  );
}
