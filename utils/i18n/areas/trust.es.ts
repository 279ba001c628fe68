/** Spanish texts of Options → trust anchors, contacts, certificate discovery, practice CA: the same ids as trust.en.ts. */
import type { trustEn } from './trust.en';

export const trustEs = {
  // Palabras que comparten las cuatro secciones
  'trust.remove': 'Quitar',
  'trust.removing': 'Quitando…',
  'trust.expires': 'Vence',
  'trust.expiresOn': '{date} ({relative})',
  'trust.fingerprint': 'Huella digital (SHA-256)',

  // Autoridades de confianza
  'trust.anchors.title': 'Autoridades de confianza',
  'trust.anchors.summary':
    'Los certificados raíz de las comunidades Direct en las que usted confía (DirectTrust, su HISP). Un mensaje cuenta como verificado solo si el certificado de quien lo firma proviene de uno de ellos.',
  'trust.anchors.noFiles': 'Elija uno o varios archivos de autoridades (PEM, DER o .p7b).',
  'trust.anchors.importing': 'Importando…',
  'trust.anchors.refused.one': 'Este archivo no se importó:',
  'trust.anchors.refused.other': 'Estos {count} archivos no se importaron:',
  'trust.anchors.fileRefused': '{file}: {error}',
  'trust.anchors.added.one': 'Se agregó 1 autoridad de confianza.',
  'trust.anchors.added.other': 'Se agregaron {count} autoridades de confianza.',
  'trust.anchors.already.one': '1 ya era de confianza.',
  'trust.anchors.already.other': '{count} ya eran de confianza.',
  'trust.anchors.nothingNew.one': 'Esta autoridad ya era de confianza: no cambió nada.',
  'trust.anchors.nothingNew.other': 'Estas {count} autoridades ya eran de confianza: no cambió nada.',
  'trust.anchors.empty': 'Todavía no hay autoridades de confianza',
  'trust.anchors.empty.note':
    'Sin al menos una, no se puede verificar ninguna firma. Su HISP puede darle su autoridad o un paquete de confianza (.p7b).',
  'trust.anchors.add': 'Agregar autoridades de confianza',
  'trust.anchors.add.note': 'Elija uno o varios archivos: un certificado (PEM o DER) o un paquete de confianza (.p7b).',
  'trust.anchors.files': 'Archivos de autoridades',
  'trust.anchors.import': 'Importar autoridades',
  'trust.anchors.expired': 'Vencida',
  'trust.anchors.trusted': 'De confianza',
  'trust.anchors.removeNamed': 'Quitar {name}',
  'trust.anchors.confirm': '¿Quitar la autoridad {name}?',
  'trust.anchors.confirm.button': 'Quitar la autoridad',
  'trust.anchors.confirm.body':
    'Los mensajes firmados bajo {name} ya no contarán como verificados, y los contactos que provienen de ella aparecerán como no confiables.',

  // Contactos
  'trust.contacts.title': 'Contactos',
  'trust.contacts.summary':
    'Los certificados Direct de las personas a quienes usted escribe. Cada mensaje que envía se cifra con los certificados de sus destinatarios, así que cada destinatario necesita primero uno aquí.',
  'trust.contacts.noFile': 'Elija el archivo del certificado que le envió su contacto (PEM, DER o .cer).',
  'trust.contacts.adding': 'Agregando…',
  'trust.contacts.added': 'Se agregó el certificado de {address}.',
  'trust.contacts.addedExpired': 'Se agregó el certificado de {address}, pero está vencido: pídale el certificado renovado.',
  'trust.contacts.addedNoAddress': 'Se agregó el certificado.',
  'trust.contacts.empty': 'Todavía no hay contactos',
  'trust.contacts.empty.note':
    'Pida a cada persona con quien se escribe su certificado Direct (un archivo .pem, .cer o .der) y agréguelo aquí abajo.',
  'trust.contacts.add': 'Agregar el certificado de un contacto',
  'trust.contacts.add.note': 'La dirección se lee del propio certificado.',
  'trust.contacts.file': 'Archivo del certificado',
  'trust.contacts.chooseChain': 'Elija el archivo con la cadena completa (.p7b o PEM) y agréguelo.',
  'trust.contacts.notAdded': 'No se agregó el certificado.',
  'trust.contacts.addButton': 'Agregar certificado',

  // La tarjeta de un contacto
  'trust.contact.status.trusted': 'Cadena de confianza',
  'trust.contact.status.accepted-by-fingerprint': 'Aceptado por su huella digital',
  'trust.contact.status.expired': 'Vencido',
  'trust.contact.status.untrusted': 'No confiable',
  'trust.contact.source.file': 'Agregado desde un archivo',
  'trust.contact.source.signed-mail': 'De un mensaje firmado',
  'trust.contact.source.dns': 'Encontrado en el DNS',
  'trust.contact.source.manual': 'Agregado a mano',
  'trust.contact.removeNamed': 'Quitar el certificado de {address}',
  'trust.contact.missingIssuer': 'Falta el certificado de «{issuer}». {problem}',
  'trust.contact.issuedBy': 'Emitido por',
  'trust.contact.source': 'Origen',

  // Un certificado que ninguna autoridad respalda
  'trust.accept.accepting': 'Aceptando…',
  'trust.accept.done': 'Se aceptó el certificado de {address} por su huella digital.',
  'trust.accept.doneNoAddress': 'Se aceptó el certificado por su huella digital.',
  'trust.accept.title': 'Ninguna de sus autoridades de confianza respalda este certificado',
  'trust.accept.why':
    'No proviene de ninguna autoridad de confianza que usted haya importado. Muchos pacientes hacen su propio certificado; eso está bien, siempre que de verdad sea suyo.',
  'trust.accept.onlyIf':
    'Acéptelo solo si su dueño ({address}) le confirma, en persona o por teléfono, que su huella digital es exactamente esta:',
  'trust.accept.onlyIfNoAddress': 'Acéptelo solo si su dueño le confirma, en persona o por teléfono, que su huella digital es exactamente esta:',
  'trust.accept.button': 'Aceptar este certificado',
  'trust.accept.decline': 'No aceptar',

  // Un certificado sin el certificado de su emisor
  'trust.missing.title': 'Falta el certificado del emisor',
  'trust.missing.thisContact': 'este contacto',
  'trust.missing.what':
    'El certificado de {who} lo emitió {issuer}, cuyo propio certificado usted no tiene; por eso DirectSeal no puede saber si alguna de sus autoridades de confianza lo respalda.',
  'trust.missing.ask':
    'Pida a {who} o a su HISP la {fullChain} (un archivo .p7b, o un archivo PEM con todos los certificados) y agregue ese archivo aquí.',
  'trust.missing.fullChain': 'cadena completa',
  'trust.missing.choose': 'Elegir la cadena completa',
  'trust.missing.compare': 'No pueden enviarla: comparar las huellas digitales',

  // Búsqueda de certificados
  'trust.discovery.title': 'Búsqueda de certificados',
  'trust.discovery.summary':
    'Los certificados Direct se publican en el DNS (registros CERT). DirectSeal los pide a través de un servidor DNS sobre HTTPS, revisa cada uno con sus autoridades de confianza y guarda como contactos los que puede usar. En la ventana de redactar, «{find}» hace lo mismo para un destinatario.',
  'trust.discovery.unread': 'No se pudo leer el servidor DNS configurado ({error}); vuelva a cargar esta página.',
  'trust.discovery.notAllowed':
    'El navegador no permitió que DirectSeal consulte {origin}, así que el servidor DNS no cambió; inténtelo de nuevo y elija Permitir.',
  'trust.discovery.saved': 'DirectSeal ahora busca los certificados a través de {resolver}.',
  'trust.discovery.found': 'Se encontró un certificado de {address}; ya está en sus contactos.',
  'trust.discovery.resolver': 'Servidor DNS sobre HTTPS',
  'trust.discovery.inUse': 'En uso: {resolver}. Su navegador le pedirá permiso para que DirectSeal consulte un servidor nuevo.',
  'trust.discovery.resolver.label': 'Dirección del servidor DNS',
  'trust.discovery.resolver.hint':
    'Una dirección https://, por ejemplo https://cloudflare-dns.com/dns-query; http:// solo para un servidor en esta misma computadora (127.0.0.1 o localhost).',
  'trust.discovery.resolver.save': 'Guardar servidor',
  'trust.discovery.resolver.not-a-url':
    'Eso no es una dirección web; escriba el servidor así: https://cloudflare-dns.com/dns-query.',
  'trust.discovery.resolver.remote-http': 'Un servidor en otra computadora debe usar https://; si no, la red podría cambiar sus respuestas.',
  'trust.discovery.resolver.not-https': 'El servidor debe tener una dirección https://.',
  'trust.discovery.resolver.credentials': 'Escriba el servidor sin nombre de usuario ni contraseña.',
  'trust.discovery.find': 'Buscar un certificado',
  'trust.discovery.address': 'Dirección Direct que desea buscar',
  'trust.discovery.results': 'Certificados encontrados',
  'trust.discovery.result': '{subject}: CERT {record} en {owner} — {verdict}',
  'trust.discovery.resultUrl': '{subject}: CERT {record} en {owner} ({url}) — {verdict}',
  'trust.discovery.usable': 'se puede usar',

  // Emisores y listas de revocación descargados en línea
  'trust.fetch.asking': 'Esperando su respuesta en el aviso del navegador (arriba de la ventana)…',
  'trust.fetch.unread': 'No se pudo leer esta opción ({error}); vuelva a cargar esta página.',
  'trust.fetch.notAllowed':
    'El navegador no permitió que DirectSeal se conecte a los servidores de las autoridades certificadoras, así que no se descarga nada; inténtelo de nuevo y elija Permitir.',
  'trust.fetch.on': 'Ahora, al abrir un mensaje, se descargan los emisores y las listas de revocación que falten.',
  'trust.fetch.off': 'Ya no se descarga nada al abrir un mensaje.',
  'trust.fetch.title': 'Emisores y listas de revocación',
  'trust.fetch.note':
    'El certificado de un remitente puede indicar dónde descargar el certificado de la autoridad certificadora que lo emitió y su lista de revocación (CRL). Con esta opción activada, DirectSeal los descarga al abrir un mensaje: así se puede verificar un mensaje al que le falta parte de la cadena, y se detecta un certificado revocado. A cambio, la autoridad certificadora del remitente se entera de que se abrió un mensaje, y desde qué red. Lo que no se pudo descargar se indica en los detalles técnicos del veredicto.',
  'trust.fetch.choice': 'Descargar los emisores y las listas de revocación que falten al abrir un mensaje',

  // Pacientes sin HISP: la autoridad certificadora de la clínica
  'trust.ca.title': 'Pacientes sin HISP',
  'trust.ca.summary':
    'Dé a sus pacientes un certificado Direct para su propia dirección de correo: su clínica crea una sola vez su pequeña autoridad certificadora (CA) y luego emite un certificado a partir de la solicitud que hizo el DirectSeal del paciente, después de comprobar quién es como lo hace siempre.',
  'trust.ca.nameMissing': 'Escriba el nombre de su clínica tal como lo conocen los pacientes.',
  'trust.ca.passTooShort': 'Elija una contraseña para la copia de seguridad de al menos {min} caracteres.',
  'trust.ca.creating': 'Creando la autoridad certificadora de la clínica…',
  'trust.ca.created':
    'Listo. Su navegador guardó la copia de seguridad de la autoridad certificadora como {file}: guárdela en un lugar seguro y luego confírmelo aquí abajo.',
  'trust.ca.createForm': 'Crear la autoridad certificadora de la clínica',
  'trust.ca.name': 'Nombre de la clínica',
  'trust.ca.name.hint': 'Tal como lo conocen los pacientes; por ejemplo, Clínica Familiar del Lago',
  'trust.ca.pass': 'Contraseña de la copia de seguridad',
  'trust.ca.pass.hint': 'Al menos {min} caracteres; protege el archivo de copia de seguridad de la autoridad certificadora.',
  'trust.ca.passAgain': 'Repita la contraseña',
  'trust.ca.create': 'Crear la autoridad y su copia de seguridad',
  'trust.ca.card': 'Autoridad certificadora de {practice}',
  'trust.ca.ready': 'Lista para emitir',
  'trust.ca.backupUnconfirmed': 'Copia de seguridad sin confirmar',
  'trust.ca.validUntil': 'Válida hasta',
  'trust.ca.download': 'Descargar el certificado de la autoridad (para los pacientes)',
  'trust.ca.keptBackup': 'Guardé la copia de seguridad en un lugar seguro',
  'trust.ca.thanks': 'Gracias. Ya puede emitir certificados para sus pacientes.',

  // Emitir el certificado de un paciente
  'trust.issue.issuing': 'Emitiendo…',
  'trust.issue.welcomeIssued':
    'Emitido. Su navegador guardó {file}: entrégueselo al paciente y léale la huella digital de arriba (o imprímala) para que la compare.',
  'trust.issue.noRequest':
    'Elija el archivo de solicitud que hizo el DirectSeal del paciente (.directseal-request, o un .csr o .pem).',
  'trust.issue.noAddress': 'Escriba la dirección de correo del propio paciente, exactamente como aparece en su solicitud.',
  'trust.issue.issued':
    'Emitido. Su navegador guardó {file}: entrégueselo al paciente, junto con el certificado de la autoridad como su autoridad de confianza.',
  'trust.issue.form': 'Emitir el certificado de un paciente',
  'trust.issue.note': 'Primero compruebe la identidad del paciente, como lo hace siempre (en persona o por su portal de pacientes).',
  'trust.issue.request': 'Archivo de solicitud del paciente',
  'trust.issue.request.hint': 'El archivo .directseal-request que guardó su DirectSeal (o una solicitud .csr o .pem sola)',
  'trust.issue.who': 'De quién es la solicitud',
  'trust.issue.check': 'Compruebe que es la persona que tiene delante, o la que conoce su portal:',
  'trust.issue.name': 'Nombre',
  'trust.issue.address': 'Dirección de correo',
  'trust.issue.birth': 'Fecha de nacimiento',
  'trust.issue.phone': 'Teléfono',
  'trust.issue.welcomeNote':
    'DirectSeal emite su certificado y le guarda un archivo de bienvenida, que además pone a su clínica como su contacto. Después, léale la huella digital de su autoridad certificadora, o imprímasela:',
  'trust.issue.patientAddress': 'Dirección de correo del paciente',
  'trust.issue.patientName': 'Nombre del paciente',
  'trust.issue.patientName.hint': 'Opcional; si no, el nombre de la solicitud',
  'trust.issue.welcome': 'Es el paciente: emitir el archivo de bienvenida',
  'trust.issue.button': 'Emitir certificado',
} as const satisfies Record<keyof typeof trustEn, string>;
