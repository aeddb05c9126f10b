import { css } from 'lit';
import { fields } from '../../../styles/fields.js';
import { prose } from '../../../styles/prose.js';

/** Styles of the inline reader; adopted by the element when the reader module first loads. */
export const readerStyles = css`
  .reader,
  .feedback {
    grid-template-columns: minmax(0, 1fr);
  }
  .reader {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  :host(:not([mode='inline'])) .reader {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .back {
    justify-self: start;
    margin-inline-start: calc(var(--_space) * -1);
  }
  /* The arrow points back in the reading direction. */
  :dir(rtl) .back-arrow {
    display: inline-block;
    transform: scaleX(-1);
  }
  .reader-title {
    font-size: 1.35em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .reader-title:focus {
    outline: none;
  }
  .reader-title:focus-visible {
    box-shadow: var(--_focus);
    border-radius: 2px;
  }
  .body {
    padding-block: var(--_space);
  }
  .feedback {
    display: grid;
    gap: var(--_space);
    padding-block-start: calc(var(--_space) * 1.5);
    border-block-start: 1px solid var(--_border);
  }
  .choices {
    display: inline-flex;
    gap: var(--_space);
  }
  .feedback-q {
    font-size: 1em;
    margin-inline-end: var(--_space);
  }
  .feedback .btn[aria-pressed='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .thanks {
    color: var(--_success);
  }
  .thanks:focus {
    outline: none;
  }
`;

/** What the reader adds to the element: its own styles, the feedback form's fields and the body's prose. */
export const readerSheets = [fields, prose, readerStyles];
