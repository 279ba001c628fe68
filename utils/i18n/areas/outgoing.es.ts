/** Spanish texts of Options → outgoing mail, the outer cover note, the verdict warnings and technical details: the same ids as outgoing.en.ts. */
import type { outgoingEn } from './outgoing.en';

export const outgoingEs = {
  // Options → Correo saliente
  'outgoing.title': 'Correo saliente',
  'outgoing.summary':
    'El asunto y la breve nota que su webmail envía con cada mensaje sellado. Los servidores de correo y cualquiera que vea la bandeja de entrada pueden leerlos; por eso dicen de quién es y cómo leerlo, nunca de qué trata. El asunto real va sellado dentro, con el mensaje.',
  'outgoing.loadFailed': 'No se pudo leer la configuración del correo saliente ({why}); vuelva a cargar esta página.',
  'outgoing.practice': 'Nombre del consultorio',
  'outgoing.practice.hint': 'Por ejemplo: Consultorio Familiar del Lago.',
  'outgoing.phone': 'Teléfono',
  'outgoing.phone.hint': 'Donde los destinatarios pueden llamar si tienen dudas sobre un mensaje.',
  'outgoing.subject': 'Asunto',
  'outgoing.subject.hint': '{practice} se sustituye por el nombre del consultorio. Nunca ponga aquí datos de salud: el asunto no va cifrado.',
  'outgoing.language': 'Idioma de la nota',
  'outgoing.language.hint': 'El idioma del asunto y de la nota estándar. Sus propias palabras se envían tal como las escribe.',
  'outgoing.language.auto': 'El mismo que estas páginas',
  'outgoing.language.both': 'Los dos, primero inglés',
  'outgoing.coverNote': 'Sus palabras en la nota',
  'outgoing.coverNote.hint': 'Opcional: horario de atención, a quién preguntar. No va cifrado.',
  'outgoing.readerLink': 'Enlace para destinatarios sin DirectSeal',
  'outgoing.readerLink.hint': 'Una página https:// suya que explique cómo leer un mensaje seguro.',
  'outgoing.readerLink.notHttps': 'El enlace para los destinatarios debe ser una dirección https://.',
  'outgoing.preview': 'Lo que ven los destinatarios',
  'outgoing.preview.caption': 'Lo que ven los destinatarios antes de abrir el mensaje',
  'outgoing.preview.subject': 'Asunto:',
  'outgoing.save': 'Guardar correo saliente',
  'outgoing.saved': 'Guardado. Los mensajes que selle a partir de ahora llevarán este asunto y esta nota.',

  // El asunto exterior y la nota que el destinatario ve fuera del cifrado
  'outgoing.cover.subject': 'Mensaje seguro de {practice}',
  'outgoing.cover.subject.plain': 'Mensaje seguro',
  'outgoing.cover.carries': 'Este correo trae un mensaje Direct seguro (smime.p7m), firmado y cifrado para usted.',
  'outgoing.cover.carriesFrom': 'Este correo trae un mensaje Direct seguro de {practice} (smime.p7m), firmado y cifrado para usted.',
  'outgoing.cover.howToRead': 'Para leerlo, abra el archivo adjunto con DirectSeal o con su programa de correo Direct/S/MIME.',
  'outgoing.cover.readerLink': '¿No tiene DirectSeal ni un programa de correo Direct? Consulte {link}',
  'outgoing.cover.call': '¿Tiene preguntas sobre este mensaje? Llame a {practice} al {phone}.',
  'outgoing.cover.callUs': '¿Tiene preguntas sobre este mensaje? Llámenos al {phone}.',
  'outgoing.notification.subject': 'Notificación de entrega: procesado',
  'outgoing.notification.body':
    'Este correo trae una notificación de entrega Direct (smime.p7m), firmada y cifrada para usted:\nconfirma que su mensaje seguro se recibió y se abrió.\n\nAl abrirla, DirectSeal la asocia al mensaje que usted envió.',

  // Las advertencias del veredicto, en los detalles técnicos de la vista de lectura
  'outgoing.warnings': 'Advertencias',
  'outgoing.warning.NO_SIGNING_TIME': 'La firma no indica cuándo se hizo; la validez se comprobó con la hora actual.',
  'outgoing.warning.SIGNING_TIME_IN_FUTURE': 'La hora de la firma está en el futuro; la validez se comprobó con la hora actual.',
  'outgoing.warning.WEAK_ALGORITHM':
    'El certificado «{subject}» está firmado con {algorithm}, un algoritmo débil; pida a su autoridad de certificación un certificado SHA-256.',
  'outgoing.warning.CRL_BAD_SIGNATURE': 'Una lista de revocación (CRL) que dice venir de «{issuer}» tiene una firma no válida y no se tuvo en cuenta.',
  'outgoing.warning.CRL_OUT_OF_DATE': 'La lista de revocación (CRL) de «{issuer}» estaba caducada a fecha de {at}.',
  'outgoing.warning.ISSUER_FETCHED_NO_HELP': 'El emisor de «{subject}» descargado de {url} no sirvió.',
  'outgoing.warning.ISSUER_NOT_FETCHED': 'No se pudo descargar el emisor de «{subject}» desde {url}: {detail}',
  'outgoing.warning.CRL_NOT_FETCHED': 'No se comprobó la revocación de «{subject}»: no se pudo descargar su lista de revocación (CRL) ({failures}).',
} as const satisfies Record<keyof typeof outgoingEn, string>;
