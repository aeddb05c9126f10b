// Written by hand: `npm create storybook` cannot run offline here (see ../shared/TOOLCHAIN.md).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
};
export default config;
