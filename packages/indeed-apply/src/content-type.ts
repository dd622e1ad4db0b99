/*
 * File types (seed 004_7a98198eda9710f9.txt): resumes must be accepted as txt, pdf, doc, docx and rtf
 * ("サードパーティは、txt、pdf、doc、docx、rtfの各ファイル形式に対応している必要があります"); answer files
 * of a `file` question may be doc docx gif jfif jif jpe jpeg jpg pdf png rtf tif tiff txt. Indeed sets
 * contentType from the file name ("ContentTypeは、fileNameに基づいて判定されます"), so we do the same
 * rather than trust a posted value.
 */

const CONTENT_TYPES: Record<string, string> = {
  txt: "text/plain",
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  rtf: "application/rtf",
  gif: "image/gif",
  jfif: "image/jpeg",
  jif: "image/jpeg",
  jpe: "image/jpeg",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  tif: "image/tiff",
  tiff: "image/tiff",
};

/** Extensions Indeed Apply accepts for resumes. */
export const RESUME_EXTENSIONS: readonly string[] = ["txt", "pdf", "doc", "docx", "rtf"];
/** Extensions Indeed Apply accepts for answers to `file` questions. */
export const ANSWER_FILE_EXTENSIONS: readonly string[] = [
  "doc",
  "docx",
  "gif",
  "jfif",
  "jif",
  "jpe",
  "jpeg",
  "jpg",
  "pdf",
  "png",
  "rtf",
  "tif",
  "tiff",
  "txt",
];

/** The lower-case extension of a file name, or "" when it has none. */
export function fileExtension(fileName: string): string {
  const match = /\.([A-Za-z0-9]+)\s*$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : "";
}

/** The content type for a file name, from its extension; `undefined` for an extension Indeed does not use. */
export function contentTypeFromFileName(fileName: string): string | undefined {
  return CONTENT_TYPES[fileExtension(fileName)];
}
