// Minimal multipart/form-data parser for the upload endpoint.

export interface Part {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

/** Split a multipart body into its parts; an empty list when the content type has no boundary. */
export function parseMultipart(contentType: string, body: Buffer): Part[] {
  const m = contentType.match(/boundary=(?:"([^"]+)"|([^;]+))/i)
  if (!m) return []
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`)
  const parts: Part[] = []
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    const start = pos + delimiter.length
    // "--" after the delimiter closes the body.
    if (body.subarray(start, start + 2).toString() === "--") break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF.
    const chunk = body.subarray(start + 2, next - 2)
    const headerEnd = chunk.indexOf("\r\n\r\n")
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString("utf8")
      const disposition = headers.match(/content-disposition:[^\r\n]*/i)?.[0] ?? ""
      parts.push({
        name: disposition.match(/\bname="([^"]*)"/i)?.[1] ?? "",
        filename: disposition.match(/\bfilename="([^"]*)"/i)?.[1],
        contentType: headers.match(/content-type:\s*([^\r\n]+)/i)?.[1],
        data: chunk.subarray(headerEnd + 4)
      })
    }
    pos = next
  }
  return parts
}
