/**
 * Small inline SVG images as data URLs, so stories and tests show real pictures without a network.
 * The text inside is fixture text we control, escaped all the same.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** A hexagonal badge with a short code (e.g. "CGA") and a ribbon colour. */
export function badgeImage(code: string, colour: string): string {
  return dataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" role="img" aria-label="${esc(code)}">` +
      `<polygon points="60,4 110,32 110,88 60,116 10,88 10,32" fill="${colour}"/>` +
      `<polygon points="60,14 101,37 101,83 60,106 19,83 19,37" fill="none" stroke="#fff" stroke-width="3" opacity=".7"/>` +
      `<text x="60" y="68" text-anchor="middle" font-family="system-ui,sans-serif" font-size="26" font-weight="700" fill="#fff">${esc(code)}</text>` +
      `</svg>`,
  );
}

/** A geometric avatar (not initials: elements fall back to initials themselves when this is null). */
export function avatarImage(hue: number, shape: number): string {
  const bg = `hsl(${hue} 55% 42%)`;
  const fg = `hsl(${(hue + 40) % 360} 70% 78%)`;
  const body = [
    `<circle cx="32" cy="26" r="12" fill="${fg}"/><ellipse cx="32" cy="60" rx="22" ry="16" fill="${fg}"/>`,
    `<rect x="18" y="14" width="28" height="24" rx="12" fill="${fg}"/><rect x="10" y="44" width="44" height="24" rx="10" fill="${fg}"/>`,
    `<circle cx="32" cy="24" r="11" fill="${fg}"/><path d="M8 64 Q32 30 56 64Z" fill="${fg}"/>`,
  ][shape % 3];
  return dataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${bg}"/>${body}</svg>`);
}
