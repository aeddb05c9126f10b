/**
 * Types `text` into `input` one character per input event, all within one task: "typing fast",
 * deterministically. Keys sent with timers in between (or real keystrokes) can come slower than a
 * debounce on a loaded CI machine, and then a prefix is searched too.
 */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  for (const ch of text) {
    input.value += ch;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
  }
}
