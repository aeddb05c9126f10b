// The words of the notification emails in the five languages the elements speak. `{actor}`,
// `{title}` and `{count}` are filled in by mail-render.ts; everything else is literal.
import type { NotificationType } from '../../../src/contract/index.js';

export const MAIL_LOCALES = ['en', 'de', 'fr', 'ja', 'ar'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export interface MailStrings {
  subject: Record<NotificationType, string>;
  digestSubject: { daily: string; weekly: string };
  digestIntro: string;
  open: string;
  why: string;
  unsubscribe: string;
  unsubscribeAll: string;
  confirmTitle: string;
  confirmText: string;
  confirmButton: string;
  doneText: string;
}

export const MAIL_CATALOGUE: Record<MailLocale, MailStrings> = {
  en: {
    subject: { reply: '{actor} replied in “{title}”', answer: '{actor} answered “{title}”', accepted: 'Your answer to “{title}” was accepted', new_topic: 'New topic: “{title}”', mention: '{actor} mentioned you in “{title}”', flag_created: '{actor} reported an item in “{title}”', content_held: 'Awaiting review: a post by {actor} in “{title}”', content_hidden: 'Hidden: a post by {actor} in “{title}”', expert_request: '{actor} asks for your help with “{title}”' },
    digestSubject: { daily: 'Your daily community digest: {count} updates', weekly: 'Your weekly community digest: {count} updates' },
    digestIntro: 'Here is what happened in the topics you follow.',
    open: 'Open',
    why: 'You get this email because of your notification settings.',
    unsubscribe: 'Unsubscribe from these emails',
    unsubscribeAll: 'all community emails',
    confirmTitle: 'Unsubscribe',
    confirmText: 'Stop emails for: {title}? You will still see notifications in the community.',
    confirmButton: 'Unsubscribe',
    doneText: 'Done: you will get no more of these emails.',
  },
  de: {
    subject: { reply: '{actor} hat in „{title}“ geantwortet', answer: '{actor} hat „{title}“ beantwortet', accepted: 'Ihre Antwort auf „{title}“ wurde akzeptiert', new_topic: 'Neues Thema: „{title}“', mention: '{actor} hat Sie in „{title}“ erwähnt', flag_created: '{actor} hat einen Beitrag in „{title}“ gemeldet', content_held: 'Zur Prüfung: ein Beitrag von {actor} in „{title}“', content_hidden: 'Ausgeblendet: ein Beitrag von {actor} in „{title}“', expert_request: '{actor} bittet Sie um Hilfe bei „{title}“' },
    digestSubject: { daily: 'Ihre tägliche Community-Zusammenfassung: {count} Neuigkeiten', weekly: 'Ihre wöchentliche Community-Zusammenfassung: {count} Neuigkeiten' },
    digestIntro: 'Das ist in den Themen passiert, denen Sie folgen.',
    open: 'Öffnen',
    why: 'Sie erhalten diese E-Mail aufgrund Ihrer Benachrichtigungseinstellungen.',
    unsubscribe: 'Diese E-Mails abbestellen',
    unsubscribeAll: 'alle Community-E-Mails',
    confirmTitle: 'Abbestellen',
    confirmText: 'E-Mails beenden für: {title}? Benachrichtigungen in der Community sehen Sie weiterhin.',
    confirmButton: 'Abbestellen',
    doneText: 'Erledigt: Sie erhalten diese E-Mails nicht mehr.',
  },
  fr: {
    subject: { reply: '{actor} a répondu dans « {title} »', answer: '{actor} a répondu à « {title} »', accepted: 'Votre réponse à « {title} » a été acceptée', new_topic: 'Nouveau sujet : « {title} »', mention: '{actor} vous a mentionné dans « {title} »', flag_created: '{actor} a signalé un contenu dans « {title} »', content_held: 'En attente de validation : un message de {actor} dans « {title} »', content_hidden: 'Masqué : un message de {actor} dans « {title} »', expert_request: '{actor} vous demande de l’aide pour « {title} »' },
    digestSubject: { daily: 'Votre résumé quotidien : {count} nouveautés', weekly: 'Votre résumé hebdomadaire : {count} nouveautés' },
    digestIntro: 'Voici ce qui s’est passé dans les sujets que vous suivez.',
    open: 'Ouvrir',
    why: 'Vous recevez cet e-mail en raison de vos préférences de notification.',
    unsubscribe: 'Se désabonner de ces e-mails',
    unsubscribeAll: 'tous les e-mails de la communauté',
    confirmTitle: 'Se désabonner',
    confirmText: 'Arrêter les e-mails pour : {title} ? Vous verrez toujours les notifications dans la communauté.',
    confirmButton: 'Se désabonner',
    doneText: 'C’est fait : vous ne recevrez plus ces e-mails.',
  },
  ja: {
    subject: { reply: '{actor}さんが「{title}」に返信しました', answer: '{actor}さんが「{title}」に回答しました', accepted: '「{title}」へのあなたの回答が採用されました', new_topic: '新しいトピック:「{title}」', mention: '{actor}さんが「{title}」であなたをメンションしました', flag_created: '{actor}さんが「{title}」の投稿を報告しました', content_held: '確認待ち:「{title}」の{actor}さんの投稿', content_hidden: '非表示:「{title}」の{actor}さんの投稿', expert_request: '{actor}さんが「{title}」への回答をお願いしています' },
    digestSubject: { daily: 'コミュニティの日次ダイジェスト: {count}件の更新', weekly: 'コミュニティの週次ダイジェスト: {count}件の更新' },
    digestIntro: 'フォロー中のトピックの最新情報です。',
    open: '開く',
    why: '通知設定に基づいてこのメールをお送りしています。',
    unsubscribe: 'これらのメールの配信を停止',
    unsubscribeAll: 'すべてのコミュニティメール',
    confirmTitle: '配信停止',
    confirmText: '{title}のメールを停止しますか? コミュニティ内の通知は引き続き表示されます。',
    confirmButton: '配信停止',
    doneText: '完了しました。今後これらのメールは届きません。',
  },
  ar: {
    subject: { reply: 'ردّ {actor} في «{title}»', answer: 'أجاب {actor} عن «{title}»', accepted: 'تم قبول إجابتك عن «{title}»', new_topic: 'موضوع جديد: «{title}»', mention: 'أشار إليك {actor} في «{title}»', flag_created: 'أبلغ {actor} عن محتوى في «{title}»', content_held: 'بانتظار المراجعة: مشاركة من {actor} في «{title}»', content_hidden: 'تم الإخفاء: مشاركة من {actor} في «{title}»', expert_request: 'يطلب {actor} مساعدتك في «{title}»' },
    digestSubject: { daily: 'ملخصك اليومي للمجتمع: {count} تحديثات', weekly: 'ملخصك الأسبوعي للمجتمع: {count} تحديثات' },
    digestIntro: 'إليك ما حدث في المواضيع التي تتابعها.',
    open: 'فتح',
    why: 'تصلك هذه الرسالة بسبب إعدادات الإشعارات لديك.',
    unsubscribe: 'إلغاء الاشتراك في هذه الرسائل',
    unsubscribeAll: 'جميع رسائل المجتمع',
    confirmTitle: 'إلغاء الاشتراك',
    confirmText: 'إيقاف الرسائل لـ: {title}؟ ستظل ترى الإشعارات في المجتمع.',
    confirmButton: 'إلغاء الاشتراك',
    doneText: 'تم: لن تصلك هذه الرسائل بعد الآن.',
  },
};

/** The mail language for a locale tag or an Accept-Language header; English when none fits. */
export function mailLocale(tag: string | null | undefined): MailLocale {
  for (const part of (tag ?? '').split(',')) {
    const lang = part.trim().split(/[-_;]/)[0].toLowerCase();
    if ((MAIL_LOCALES as readonly string[]).includes(lang)) return lang as MailLocale;
  }
  return 'en';
}

export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
