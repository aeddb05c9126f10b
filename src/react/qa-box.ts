import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabQaBox } from '../elements/qa-box/qa-box.js';
import '../elements/qa-box/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-qa-box>` for React. Rendering it registers the tag.
 *
 * @example
 * <QaBox category="integrations" onConfabQuestionAsked={(e) => track(e.detail.question.id)} />
 */
export const QaBox = createComponent({
  tagName: 'confab-qa-box',
  elementClass: ConfabQaBox,
  react: React,
  displayName: 'QaBox',
  events: {
    ...loadEvents,
    onConfabDeflected: on('confab-deflected'),
    onConfabQuestionAsked: on('confab-question-asked'),
    onConfabAnswerAccepted: on('confab-answer-accepted'),
    onConfabReported: on('confab-reported'),
  },
});
