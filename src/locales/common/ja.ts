import { str } from '@lit/localize';

export const templates = {
  'err-timeout': 'コミュニティサーバーの応答に時間がかかっています。',
  'err-check-connection': '接続を確認して、もう一度お試しください。',
  'err-offline': 'オフラインのようです。',
  'err-validation': 'コミュニティサーバーから読み取れない応答が返されました。',
  'err-forbidden': 'この操作を行う権限がありません。',
  'err-signin': 'もう一度サインインしてください。',
  'err-status': str`コミュニティサーバーがエラーを返しました（${0}）。`,
  'err-generic': '問題が発生しました。',
  'err-unreachable': str`コミュニティサーバー（${0}）に接続できませんでした。`,
  'err-unreachable-detail': 'サーバーが停止しているか、このページからのリクエストを受け付けていない可能性があります。しばらくしてからもう一度お試しください。',
  retry: '再試行',
  'offline-saved': str`オフライン：${0}に保存された内容を表示しています。`,
  offline: 'オフライン：保存された内容を表示しています。',
  'unreachable-saved': str`コミュニティサーバーに接続できません：${0}に保存された内容を表示しています。`,
  unreachable: 'コミュニティサーバーに接続できません：保存された内容を表示しています。',
  'write-pending': '保留中：オンラインに戻ると投稿されます',
};
