/** Spanish texts of what the content scripts put into webmail and EHR pages, and the frame broker refusals: the same ids as webmail.en.ts. */
import type { webmailEn } from './webmail.en';

export const webmailEs = {
  'webmail.button.secure': 'Proteger',
  'webmail.button.open': 'Abrir de forma segura',
  'webmail.button.reply': 'Responder de forma segura',
  'webmail.button.field': 'Proteger este campo',

  'webmail.secure.alreadySealed': 'Este borrador ya está sellado: pulse Enviar, o empiece un mensaje nuevo para escribir otro.',
  'webmail.secure.draftNotReplaced':
    'No se pudo reemplazar el borrador que guardó su correo web ({reason}): bórrelo de su carpeta de borradores.',
  'webmail.open.partGone': 'El adjunto sellado ya no está en la página.',

  'webmail.outcome.nothingToAttach': 'No hay nada que adjuntar.',
  'webmail.outcome.attachFailed': 'No se pudo adjuntar el mensaje sellado a su borrador ({reason}). Descargue el .eml, o inténtelo otra vez.',
  'webmail.outcome.attached':
    'Adjuntado a su borrador como {file}, con una nota de portada en lugar del asunto y el texto. Cierre esta ventana y pulse Enviar en su correo web.',
  'webmail.outcome.nothingToSend': 'No hay nada que enviar.',
  'webmail.outcome.replyOpening': 'Abriendo la respuesta de su correo web: la respuesta sellada se adjuntará allí. Pulse Enviar en su correo web.',
  'webmail.outcome.notificationOpening':
    'Abriendo la respuesta de su correo web: el aviso de entrega se adjuntará allí. Pulse Enviar en su correo web.',
  'webmail.outcome.replyWaiting': 'Ahora cierre esta ventana y pulse Responder en su correo web: la respuesta sellada se adjuntará allí.',
  'webmail.outcome.notificationWaiting': 'Ahora cierre esta ventana y pulse Responder en su correo web: el aviso de entrega se adjuntará allí.',

  'webmail.armor.reply': 'Respuesta sellada',
  'webmail.armor.note': 'Su respuesta está sellada. Cópiela en el cuadro de respuesta de esta página: solo sus destinatarios pueden abrirla.',
  'webmail.armor.field': 'Respuesta sellada (en texto)',
  'webmail.armor.copy': 'Copiar la respuesta sellada',
  'webmail.armor.copied': 'Copiada.',
  'webmail.armor.copyByHand': 'Seleccione el texto de arriba y cópielo (Ctrl+C).',

  'webmail.sealed.title': 'Sellado por DirectSeal',
  'webmail.sealed.text':
    'El mensaje va en smime.p7m, firmado y cifrado. El asunto y el texto de aquí son la nota de portada: no están cifrados, así que no les añada nada ni adjunte nada más. Pulse Enviar cuando quiera.',
  'webmail.sealed.warnTitle': 'Sin cifrar: añadido después de sellar',
  'webmail.sealed.addedFile':
    '{file} se adjuntó después de sellar y no está cifrado. Quítelo antes de pulsar Enviar; para enviarlo de forma segura, póngalo en un mensaje seguro nuevo.',
  'webmail.sealed.addedFiles':
    '{files} se adjuntaron después de sellar y no están cifrados. Quítelos antes de pulsar Enviar; para enviarlos de forma segura, póngalos en un mensaje seguro nuevo.',
  'webmail.sealed.changed':
    'El asunto o el texto cambió después de sellar. Lo que se escribe aquí no está cifrado: vuelva a poner la nota de portada, o escríbalo en DirectSeal (Proteger).',

  'webmail.ask.addedTitle': 'Hay algo aquí que no está cifrado',
  'webmail.ask.sendAnyway': 'Enviar de todos modos',
  'webmail.ask.plainTitle': 'Esta respuesta no está cifrada',
  'webmail.ask.plainText':
    'Está respondiendo a un mensaje seguro, pero esta respuesta no está sellada: saldría sin cifrar, la podrían leer los servidores de correo por el camino y se guardaría sin cifrar. Mejor escríbala de forma segura: DirectSeal se lleva lo que escribió.',
  'webmail.ask.writeSecurely': 'Escribirla de forma segura',
  'webmail.ask.sendPlain': 'Enviar sin cifrar',
  'webmail.ask.cancel': 'Cancelar',

  'webmail.held.title': 'DirectSeal guarda su texto; no se ha enviado',
  'webmail.held.text':
    'Lo que había escrito aquí se sacó del correo web cuando pulsó Proteger. Siga escribiéndolo de forma segura, o vuelva a ponerlo aquí (el correo web podrá leerlo y guardarlo sin cifrar).',
  'webmail.held.continue': 'Seguir de forma segura',
  'webmail.held.putBack': 'Devolverlo al correo web',

  'webmail.ehr.badRequest': 'DirectSeal no entendió esta solicitud; consulte docs/ehr-api.md.',
  'webmail.ehr.closed': 'El usuario cerró DirectSeal sin sellar.',

  'webmail.frame.noAnswer': 'DirectSeal no respondió; vuelva a cargar la página.',
  'webmail.frame.cannotOpen': 'DirectSeal no pudo abrir su ventana aquí; vuelva a cargar la página e inténtelo otra vez.',
  'webmail.refusal.notOpened':
    'DirectSeal no abrió esta ventana en esta página. Ciérrela y use el botón Proteger o Abrir de forma segura.',
  'webmail.refusal.forbidden': 'Solo DirectSeal puede hacer esto.',
  'webmail.refusal.noAnswer': 'DirectSeal no respondió; cierre esta ventana e inténtelo otra vez.',
  'webmail.refusal.notHere': 'Esta ventana de DirectSeal no está dentro de la página que la abrió. Ciérrela.',

  'webmail.download.failed': 'la descarga falló (HTTP {status})',
  'webmail.waitTimedOut': 'el correo web no respondió a tiempo',
  'webmail.outlook.noAddress':
    'Outlook no da a las extensiones la dirección de {file}: descárguelo con el comando Descargar del propio Outlook y abra el archivo en DirectSeal (Abrir un archivo de mensaje seguro).',
  'webmail.roundcube.noUploadField': 'no se encontró el campo para subir archivos de Roundcube',
  'webmail.roundcube.uploadNotStarted': 'Roundcube no empezó a subir el archivo',
  'webmail.roundcube.noSaveButton': 'no se encontró el botón Guardar de Roundcube',
  'webmail.roundcube.draftNotSaved': 'Roundcube no guardó el borrador vaciado',
} as const satisfies Record<keyof typeof webmailEn, string>;
