// Composer strings, Japanese. ${0} is the first value of the source str`` template.
import { str } from '@lit/localize';

export const templates = {
  'composer-empty': '投稿する前に内容を入力してください。',
  'composer-too-long': str`上限の 50 KB を ${0} KB 超えています。短くしてから投稿してください。`,
  'composer-usage': str`${0} KB / 50 KB`,
  'composer-write': '編集',
  'composer-preview': 'プレビュー',
  'composer-nothing': 'プレビューする内容がまだありません。',
  'composer-hint': 'Markdown が使えます。Ctrl+Enter で投稿。',
  'composer-hint-mac': 'Markdown が使えます。⌘+Enter で投稿。',
  'composer-sending': '投稿中…',
  'composer-kept': '入力した内容は残っています。もう一度お試しください。',
  'composer-mentions': 'メンションする人',
};
