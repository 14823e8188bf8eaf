// Base64 data URLs: how pictures travel where only JSON goes (runtime messages, backups, the
// options' picked files). Encoding and decoding use no fetch and no FileReader, so they work in
// the service worker and on pages whose CSP forbids data: in connect-src; only
// `readAsDataUrl`, for a file the merchant picked, uses FileReader (pages only).

/** Bytes as base64, built in chunks to keep String.fromCharCode's argument lists short. */
function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000
  let binary = ""
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

/** The bytes of a base64 string (throws, as `atob` does, on what is not base64). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The bytes of a base64 data URL: its payload after the first comma. */
export function dataUrlBytes(dataUrl: string): Uint8Array {
  return base64ToBytes(dataUrl.slice(dataUrl.indexOf(",") + 1))
}

/** A Blob as a base64 data URL, typed `fallbackType` when the Blob has no type. Worker-safe. */
export async function blobToDataUrl(blob: Blob, fallbackType = "application/octet-stream"): Promise<string> {
  return `data:${blob.type || fallbackType};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`
}

/** A file the merchant picked, as a data URL (FileReader: pages only). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
