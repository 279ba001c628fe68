import './Brand.css';

/** The DirectSeal mark and name. The mark is public/icon/directseal.svg, the source of the PNG icons too. */
export function Brand({ size = 32, tagline }: { size?: number; tagline?: string }) {
  return (
    <span class="ds-brand">
      <img class="ds-brand__mark" src="/icon/directseal.svg" width={size} height={size} alt="" />
      <span class="ds-brand__text">
        <span class="ds-brand__name">DirectSeal</span>
        {tagline && <span class="ds-brand__tagline">{tagline}</span>}
      </span>
    </span>
  );
}
