// Save text the page made as a file, through a hidden link (the browser's own download).

/** Download `parts` as a file called `name`; the object URL is let go a minute later. */
export function downloadFile(parts: BlobPart[], type: string, name: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }))
  const a = document.createElement("a")
  a.href = url
  a.download = name
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
