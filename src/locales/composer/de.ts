// Composer strings, German. ${0} is the first value of the source str`` template.
import { str } from '@lit/localize';

export const templates = {
  'composer-empty': 'Schreiben Sie etwas, bevor Sie es veröffentlichen.',
  'composer-too-long': str`Der Text ist ${0} KB länger als die Grenze von 50 KB. Kürzen Sie ihn, um ihn zu veröffentlichen.`,
  'composer-usage': str`${0} KB von 50 KB`,
  'composer-write': 'Schreiben',
  'composer-preview': 'Vorschau',
  'composer-nothing': 'Noch nichts für die Vorschau.',
  'composer-hint': 'Markdown wird unterstützt. Strg+Eingabe zum Senden.',
  'composer-hint-mac': 'Markdown wird unterstützt. ⌘+Eingabe zum Senden.',
  'composer-sending': 'Wird gesendet…',
  'composer-kept': 'Ihr Text bleibt erhalten; Sie können es erneut versuchen.',
  'composer-mentions': 'Personen zum Erwähnen',
};
