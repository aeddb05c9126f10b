// Composer strings, French. ${0} is the first value of the source str`` template.
import { str } from '@lit/localize';

export const templates = {
  'composer-empty': 'Écrivez quelque chose avant de publier.',
  'composer-too-long': str`Le texte dépasse de ${0} Ko la limite de 50 Ko. Raccourcissez-le pour le publier.`,
  'composer-usage': str`${0} Ko sur 50 Ko`,
  'composer-write': 'Écrire',
  'composer-preview': 'Aperçu',
  'composer-nothing': 'Rien à prévisualiser pour l’instant.',
  'composer-hint': 'Markdown accepté. Ctrl+Entrée pour publier.',
  'composer-hint-mac': 'Markdown accepté. ⌘+Entrée pour publier.',
  'composer-sending': 'Publication…',
  'composer-kept': 'Votre texte est conservé ; vous pouvez réessayer.',
  'composer-mentions': 'Personnes à mentionner',
};
