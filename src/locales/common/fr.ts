import { str } from '@lit/localize';

export const templates = {
  'err-timeout': 'Le serveur de la communauté met trop de temps à répondre.',
  'err-check-connection': 'Vérifiez votre connexion et réessayez.',
  'err-offline': 'Vous semblez être hors ligne.',
  'err-validation': 'Le serveur de la communauté a envoyé une réponse que Confab ne sait pas lire.',
  'err-forbidden': "Vous n'avez pas l'autorisation de faire cela.",
  'err-signin': 'Veuillez vous reconnecter.',
  'err-status': str`Le serveur de la communauté a répondu par une erreur (${0}).`,
  'err-generic': 'Un problème est survenu.',
  'err-unreachable': str`Impossible de joindre le serveur de la communauté à l'adresse ${0}.`,
  'err-unreachable-detail': "Il est peut-être arrêté ou n'accepte pas les requêtes de cette page. Réessayez dans un instant.",
  retry: 'Réessayer',
  'offline-saved': str`Hors ligne : contenu enregistré ${0}.`,
  offline: 'Hors ligne : contenu enregistré.',
  'unreachable-saved': str`Serveur de la communauté injoignable : contenu enregistré ${0}.`,
  unreachable: 'Serveur de la communauté injoignable : contenu enregistré.',
  'write-pending': 'En attente : sera publié dès le retour en ligne',
};
