/** Content types for the file kinds health mail carries, by extension. */
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xml: 'application/xml',
  ccd: 'application/xml',
  cda: 'application/xml',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  rtf: 'application/rtf',
  hl7: 'application/hl7-v2',
  zip: 'application/zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  dcm: 'application/dicom',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  p7m: 'application/pkcs7-mime',
  p7s: 'application/pkcs7-signature',
  cer: 'application/pkix-cert',
  crt: 'application/pkix-cert',
};

export function guessContentType(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return (dot >= 0 && TYPES[filename.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}
