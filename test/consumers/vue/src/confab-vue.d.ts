// Typed templates for the Confab tags, as the README's Vue section shows.
import type { DefineComponent } from 'vue';
import type { ConfabVueProps } from 'confab/jsx';

declare module 'vue' {
  interface GlobalComponents {
    'confab-forum-feed': DefineComponent<ConfabVueProps<'confab-forum-feed'>>;
    'confab-qa-box': DefineComponent<ConfabVueProps<'confab-qa-box'>>;
    'confab-provider': DefineComponent<ConfabVueProps<'confab-provider'>>;
  }
}
