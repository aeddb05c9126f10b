import { str } from '@lit/localize';

export const templates = {
  'err-timeout': 'يستغرق خادم المجتمع وقتًا طويلاً للرد.',
  'err-check-connection': 'تحقق من اتصالك وحاول مرة أخرى.',
  'err-offline': 'يبدو أنك غير متصل بالإنترنت.',
  'err-validation': 'أرسل خادم المجتمع ردًا تعذّر على Confab قراءته.',
  'err-forbidden': 'ليس لديك إذن للقيام بذلك.',
  'err-signin': 'يرجى تسجيل الدخول مرة أخرى.',
  'err-status': str`ردّ خادم المجتمع بخطأ (${0}).`,
  'err-generic': 'حدث خطأ ما.',
  retry: 'حاول مرة أخرى',
  'offline-saved': str`غير متصل: يتم عرض ما حُفظ ${0}.`,
  offline: 'غير متصل: يتم عرض المحتوى المحفوظ.',
  'write-pending': 'قيد الانتظار: سيُنشر عند عودة الاتصال',
};
