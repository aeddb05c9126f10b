import { html, type TemplateResult } from 'lit';

/**
 * The table behind a chart, for screen readers (and for anyone reading the numbers): the SVG is
 * hidden from assistive technology, this is what they read instead.
 */
export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): TemplateResult {
  // Hidden through a block around it: a table ignores the 1px width and overflow of .visually-hidden,
  // and at a phone's width its full size widened the page.
  return html`<div class="visually-hidden"><table>
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}
