// Composer strings, Arabic. ${0} is the first value of the source str`` template.
import { str } from '@lit/localize';

export const templates = {
  'composer-empty': 'اكتب شيئًا قبل النشر.',
  'composer-too-long': str`يتجاوز النص الحد البالغ 50 كيلوبايت بمقدار ${0} كيلوبايت. اختصره لتتمكن من نشره.`,
  'composer-usage': str`${0} كيلوبايت من 50 كيلوبايت`,
  'composer-write': 'كتابة',
  'composer-preview': 'معاينة',
  'composer-nothing': 'لا يوجد شيء لمعاينته بعد.',
  'composer-hint': 'يدعم Markdown. اضغط Ctrl+Enter للنشر.',
  'composer-hint-mac': 'يدعم Markdown. اضغط ⌘+Enter للنشر.',
  'composer-sending': 'جارٍ النشر…',
  'composer-kept': 'تم الاحتفاظ بنصك؛ يمكنك المحاولة مرة أخرى.',
  'composer-mentions': 'أشخاص للإشارة إليهم',
};
