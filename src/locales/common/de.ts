import { str } from '@lit/localize';

export const templates = {
  'err-timeout': 'Der Community-Server antwortet zu langsam.',
  'err-check-connection': 'Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'err-offline': 'Sie scheinen offline zu sein.',
  'err-validation': 'Der Community-Server hat eine Antwort gesendet, die Confab nicht lesen konnte.',
  'err-forbidden': 'Dazu fehlt Ihnen die Berechtigung.',
  'err-signin': 'Bitte melden Sie sich erneut an.',
  'err-status': str`Der Community-Server hat mit einem Fehler geantwortet (${0}).`,
  'err-generic': 'Etwas ist schiefgelaufen.',
  'err-unreachable': str`Der Community-Server unter ${0} ist nicht erreichbar.`,
  'err-unreachable-detail': 'Er ist vielleicht ausgefallen oder nimmt keine Anfragen von dieser Seite an. Versuchen Sie es gleich noch einmal.',
  retry: 'Erneut versuchen',
  'offline-saved': str`Offline: Sie sehen den Stand von ${0}.`,
  offline: 'Offline: Sie sehen gespeicherte Inhalte.',
  'unreachable-saved': str`Community-Server nicht erreichbar: Sie sehen den Stand von ${0}.`,
  unreachable: 'Community-Server nicht erreichbar: Sie sehen gespeicherte Inhalte.',
  'write-pending': 'Ausstehend: wird gesendet, sobald Sie online sind',
};
