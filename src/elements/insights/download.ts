/**
 * Saves text as a file through a temporary object URL. The CSV is fetched by the backend with the
 * caller's token; a plain link to the export URL could not send the Authorization header.
 */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download; free it once that is under way.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
