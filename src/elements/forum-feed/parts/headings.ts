/**
 * Re-levels the ATX headings (`#`…`######`) of a Markdown body so they sit under the thread's own
 * heading without gaps: the shallowest becomes `##` (h4 after core/markdown's demotion, below the
 * h3 thread title) and each deeper level follows on. Partners write `### Details` at the top of a
 * post; without this, screen-reader heading navigation (and axe's heading-order) sees h3 → h5.
 * Works on the Markdown source, before sanitising; fenced code blocks are left alone.
 */
export function levelHeadings(md: string): string {
  const lines = md.split('\n');
  const atx = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
  const fence = /^ {0,3}(`{3,}|~{3,})/;
  let open: string | null = null;
  const depths = new Set<number>();
  const headingLines: number[] = [];
  lines.forEach((line, i) => {
    const f = fence.exec(line);
    if (f) {
      if (open === null) open = f[1]![0]!;
      else if (f[1]![0] === open) open = null;
      return;
    }
    if (open !== null) return;
    const m = atx.exec(line);
    if (m) {
      depths.add(m[2]!.length);
      headingLines.push(i);
    }
  });
  if (depths.size === 0) return md;
  const rank = new Map([...depths].sort((a, b) => a - b).map((d, i) => [d, Math.min(i + 2, 6)]));
  for (const i of headingLines) {
    lines[i] = lines[i]!.replace(atx, (_, indent: string, hashes: string) => indent + '#'.repeat(rank.get(hashes.length)!));
  }
  return lines.join('\n');
}
