import type { ErrorCode } from '../errors';

/**
 * The error sentences in Spanish, keyed by the same stable codes as ERROR_SENTENCES (the English source): plain
 * words a patient understands, addressed as "usted", each saying what to do.
 */
export const ERROR_SENTENCES_ES: Readonly<Record<ErrorCode, string>> = {
  NO_MATCHING_RECIPIENT:
    'Este mensaje no se cifró para ninguna de sus identidades; pida al remitente que use su certificado Direct actual.',
  SIGNATURE_INVALID:
    'La firma no coincide con el contenido, así que el mensaje pudo haber sido alterado; no confíe en él y pida al remitente que lo envíe otra vez.',
  SIGNER_UNTRUSTED:
    'El certificado de quien firma no proviene de ninguna autoridad de confianza que usted haya importado; si confía en el remitente, importe su autoridad de confianza o su paquete de certificados.',
  SIGNER_ADDRESS_MISMATCH:
    'El certificado de quien firma no corresponde a la dirección del remitente; trate el mensaje como sospechoso y confírmelo con el remitente.',
  CERT_EXPIRED: 'Un certificado en uso está vencido o todavía no es válido; su dueño debe renovarlo con su HISP o su autoridad certificadora.',
  CERT_REVOKED: 'Un certificado en uso fue revocado por su autoridad certificadora; no confíe en él y pida a su dueño uno nuevo.',
  CERT_KEY_USAGE: 'Un certificado no está permitido para este uso; su dueño necesita un certificado emitido para correo S/MIME.',
  MESSAGE_MALFORMED: 'El mensaje está dañado o no es un mensaje Direct/S/MIME; pida al remitente que lo envíe otra vez.',
  MESSAGE_UNSIGNED: 'El mensaje no tiene firma, así que no se puede confirmar quién lo envió; pida al remitente que envíe un mensaje Direct firmado.',
  DECRYPTION_FAILED:
    'No se pudo descifrar el mensaje: se dañó en el camino o no era para esta clave; pida al remitente que lo envíe otra vez.',
  ALGORITHM_UNSUPPORTED: 'El mensaje usa un algoritmo que DirectSeal no admite; pida al remitente que use AES y RSA con SHA-256.',
  BAD_PASSPHRASE: 'La contraseña no es la de este archivo; escríbala otra vez o pida la correcta a quien le dio el archivo.',
  NO_PRIVATE_KEY: 'El archivo no contiene ninguna clave privada; importe el archivo .p12/.pfx que le dio su HISP, o una clave PEM junto con su certificado.',
  NOT_A_CERTIFICATE: 'El archivo no es un certificado (PEM, DER o paquete .p7b); revise que eligió el archivo correcto.',
  KEY_CERT_MISMATCH: 'La clave privada no corresponde a este certificado; importe la pareja correcta.',
  NO_RECIPIENTS: 'No se indicó ningún certificado de destinatario; agregue primero el certificado Direct del destinatario.',
  INPUT_TOO_LARGE: 'El mensaje es más grande de lo que DirectSeal acepta; envíe los archivos grandes por medio de su HISP.',
  KEY_LOCKED: 'Sus claves están bloqueadas; desbloquéelas con su contraseña de DirectSeal en Configuración.',
  LOCK_NOT_SET:
    'Primero elija su contraseña de DirectSeal: es lo que impide que alguien que copie el disco de esta computadora pueda leer sus claves privadas.',
  KEY_STORE_DAMAGED:
    'Una clave privada guardada no se puede leer en este navegador (el perfil se restableció o se dañó); borre la identidad e impórtela otra vez desde su copia .p12.',
  BACKUP_REQUIRED:
    'Primero guarde la copia de seguridad .p12 de esta clave nueva y confirme que la guardó; una clave sin copia se podría perder para siempre.',
  NO_IDENTITY: 'No hay ninguna identidad Direct configurada para esta dirección; importe o cree una en Configuración.',
  CERT_ADDRESS_MISMATCH: 'El certificado no fue emitido para esta dirección Direct; pida a su autoridad certificadora o a su HISP un certificado con esa dirección.',
  NOT_FOUND: 'Este elemento ya no existe (quizá se borró en otra ventana); vuelva a cargar la página.',
  ISSUER_MISSING:
    'Falta el certificado de la autoridad que emitió este certificado, así que DirectSeal no puede saber si sus autoridades de confianza lo respaldan; pida al remitente o a su HISP la cadena completa (un archivo .p7b) y agréguela con el contacto: solo se confiará en ella si su raíz es una de sus autoridades de confianza.',
  CERT_REQUEST_INVALID:
    'La solicitud de certificado está dañada, no está firmada por la clave que contiene o es para otra dirección; pida una solicitud nueva hecha en DirectSeal.',
  USAGE: 'El comando se usó de forma incorrecta; ejecute `directseal --help` para ver cómo usarlo.',
  IO_ERROR: 'No se pudo leer o escribir un archivo; revise la ruta y sus permisos.',
  ATTACHMENT_UNREADABLE:
    'No se pudo leer un archivo adjunto: se cambió, movió o borró después de elegirlo; quítelo y adjúntelo de nuevo.',
  CERT_WEAK_KEY:
    'La clave de un certificado es demasiado débil para ser segura (una clave RSA de menos de 2048 bits o un exponente público incorrecto): cualquiera podría leer lo que se cifra para ella o falsificar sus firmas; su dueño necesita un certificado nuevo.',
  KEY_FILE_UNSUPPORTED:
    'El archivo de clave (.p12/.pfx o clave cifrada) está protegido de una forma que DirectSeal no lee (un algoritmo poco común, o muchas más iteraciones de las que usa un archivo real); expórtelo otra vez con la configuración habitual.',
  CRL_UNREADABLE:
    'No se pudo leer una lista de revocación de certificados (CRL), así que no se comprobó la revocación con ella; descargue la CRL otra vez de su autoridad certificadora.',
  DISCOVERY_NOT_FOUND:
    'No hay ningún certificado Direct publicado en el DNS para esta dirección (ni para la dirección ni para su dominio); pida al destinatario el archivo de su certificado o revise la dirección.',
  DISCOVERY_UNUSABLE:
    'Hay certificados publicados en el DNS para esta dirección, pero ninguno se puede usar (no corresponden a la dirección, no son de confianza o están vencidos); pida al destinatario su certificado y su autoridad de confianza.',
  DISCOVERY_FAILED:
    'No se pudo contactar el servidor DNS o dio una respuesta que DirectSeal no puede leer; revise el servidor (Configuración → Búsqueda de certificados, o --doh/--dns en la línea de comandos) o inténtelo más tarde.',
  DISCOVERY_ADDRESS: 'Esta dirección no se puede buscar en el DNS; revise que sea una dirección Direct como nombre@direct.ejemplo.org.',
  ANCHOR_NOT_CA:
    'Este es el certificado propio de una persona u organización, no el de una autoridad certificadora, así que no puede ser una autoridad de confianza; agréguelo como contacto (Configuración → Contactos), donde puede aceptarlo comparando su huella digital.',
  FETCH_FAILED:
    'No se pudo descargar un certificado o una lista de revocación desde la dirección que indica el certificado; revise la red e inténtelo otra vez, o desactive las descargas en Configuración → Búsqueda de certificados.',
  RESOLVER_INVALID:
    'El servidor debe ser una dirección DNS sobre HTTPS que empiece con https:// (http:// solo en esta computadora: 127.0.0.1 o localhost), por ejemplo https://cloudflare-dns.com/dns-query.',
  ENROLLMENT_FILE_INVALID:
    'Esto no es una solicitud de inscripción de DirectSeal, o está dañada; pida al paciente que guarde otra vez el archivo de solicitud desde la configuración de su DirectSeal.',
  WELCOME_FILE_INVALID:
    'Esto no es un archivo de bienvenida de DirectSeal de una clínica, o se modificó en el camino; pida a su clínica que le dé otra vez el archivo de bienvenida.',
  WELCOME_KEY_MISMATCH:
    'Este archivo de bienvenida se hizo para otra solicitud, no para la clave que DirectSeal creó en este navegador; revise que eligió su propio archivo de bienvenida o dé a la clínica su archivo de solicitud más reciente.',
};
