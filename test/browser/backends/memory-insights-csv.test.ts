// MemoryBackend's insights export must be the file the server writes (both use contract/insights-csv.ts): same headers, same escaping,
// including the spreadsheet-formula guard (a partner's search query is data, never a formula).
import { expect } from '@open-wc/testing';
import { createFixtures, MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { emptyInsightsLog } from '../../../src/backends/memory/insights-log.js';
import { INSIGHTS_TABLES } from '../../../src/contract/index.js';
import { csvField } from '../../../src/contract/insights-csv.js';
import { rangeQuery } from '../../../src/elements/insights/range.js';
// The one table writer the server's GET /v1/insights/export also answers with.
import { tableOf as serverTableOf, toCsv as serverToCsv } from '../../../src/contract/insights-csv.js';

const FORMULAS = ['=hyperlink("http://evil.example","x")', '+1+2', '-2+3', '@sum(a1:a9)'];

function backend() {
  const log = emptyInsightsLog();
  const at = Date.now() - 60 * 60 * 1000;
  FORMULAS.forEach((query, i) => log.searches.push({ id: `s-${i}`, query, results: 0, at }));
  return new MemoryBackend({ id: 'mem-insights-csv', data: createFixtures(), insightsLog: log, me: meFor('p-victor') });
}
const range = rangeQuery('30d', Date.now())!;
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('MemoryBackend insights export (CSV)', () => {
  it('prefixes a quote mark to cells that start like a formula, so a spreadsheet shows them as text', async () => {
    const csv = await backend().exportInsights({ table: 'zeroResults', ...range });
    const rows = lines(csv).slice(1);
    expect(rows).to.have.length(FORMULAS.length);
    for (const row of rows) expect(row, row).to.match(/^"?'[=+\-@]/);
    expect(rows.find((r) => r.includes('hyperlink'))).to.match(/^"'=hyperlink\(""http:\/\/evil\.example"",""x""\)",1,/);
    expect(csv).not.to.match(/(^|\r\n)"?[=+\-@]/);
  });

  it('guards tab and carriage return too, quotes per RFC 4180, and leaves numbers alone', () => {
    expect(csvField('\t=1+1')).to.equal(`'\t=1+1`);
    expect(csvField('\r=1+1')).to.equal(`"'\r=1+1"`);
    expect(csvField('a "b", c')).to.equal('"a ""b"", c"');
    expect(csvField(-3)).to.equal('-3');
    expect(csvField(null)).to.equal('');
    expect(csvField('plain')).to.equal('plain');
  });

  it('writes every table with the server’s headers, and the same file the server would for the same report', async () => {
    const b = backend();
    const report = await b.insights(range);
    for (const table of INSIGHTS_TABLES) {
      const csv = await b.exportInsights({ table, ...range });
      const [serverHeader, serverRows] = serverTableOf(report, table);
      expect(lines(csv)[0], table).to.equal(serverHeader.join(','));
      expect(csv, table).to.equal(serverToCsv(serverHeader, serverRows));
    }
  });
});
