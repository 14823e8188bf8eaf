// Backup: export everything to one file; import a file on another browser after a preview of
// what will change (per table: new, changed, unchanged). db/backup.ts holds the format; the
// background writes the import, sent in batches.
import { useMutation, useMutationState } from "@tanstack/react-query"
import { useState, type ChangeEvent } from "react"

import { originPattern } from "~core/origins"
import { getDb } from "~db/schema"
import {
  BACKUP_TABLES,
  BackupFormatError,
  backupFileName,
  exportBackup,
  fileChunks,
  importBatches,
  previewImport,
  type BackupTable,
  type ImportPreview
} from "~db/backup"
import { t } from "~lib/i18n"
import { send } from "~lib/send"
import { downloadFile } from "~ui/download"
import { formatTime } from "~ui/format"

const IMPORT_KEY = ["backup-import"]

function errorText(e: unknown): string {
  if (e instanceof BackupFormatError) return t(`backup_error_${e.code}`)
  return t("backup_error_generic", e instanceof Error ? e.message : String(e))
}

function countsText(counts: Partial<Record<BackupTable, number>>): string {
  return BACKUP_TABLES.filter((tb) => counts[tb])
    .map((tb) => t("backup_count", [t(`backup_table_${tb}`), String(counts[tb])]))
    .join(t("list_separator"))
}

function ShopsToEnable({ origins }: { origins: string[] }) {
  const [granted, setGranted] = useState<Record<string, boolean>>({})
  if (!origins.length) return null
  return (
    <div className="lh-backup-shops">
      <p>{t("backup_shops_hint")}</p>
      <ul className="lh-list">
        {origins.map((o) => (
          <li key={o} className="lh-shop">
            <span className="lh-shop-origin">{o}</span>
            {granted[o] ? (
              <span className="lh-muted">{t("backup_shop_enabled")}</span>
            ) : (
              <button
                type="button"
                className="lh-btn-plain"
                // The browser asks only inside the click itself.
                onClick={() => void chrome.permissions.request({ origins: [originPattern(o)] }).then((ok) => setGranted((g) => ({ ...g, [o]: ok })))}>
                {t("backup_enable_shop")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <table className="lh-table" data-lh="import-preview">
      <caption>{t("backup_preview_caption", formatTime(preview.header.exportedAt))}</caption>
      <thead>
        <tr>
          <th scope="col">{t("backup_col_table")}</th>
          <th scope="col">{t("backup_col_added")}</th>
          <th scope="col">{t("backup_col_changed")}</th>
          <th scope="col">{t("backup_col_unchanged")}</th>
          <th scope="col">{t("backup_col_invalid")}</th>
        </tr>
      </thead>
      <tbody>
        {BACKUP_TABLES.map((tb) => {
          const c = preview.tables[tb]
          return (
            <tr key={tb} data-lh-table={tb} data-lh-added={c.added} data-lh-changed={c.changed} data-lh-unchanged={c.unchanged} data-lh-invalid={c.invalid}>
              <th scope="row">{t(`backup_table_${tb}`)}</th>
              <td>{c.added}</td>
              <td>{c.changed}</td>
              <td>{c.unchanged}</td>
              <td className={c.invalid ? "lh-error" : undefined}>{c.invalid}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

export function Backup() {
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState(0)
  const exporter = useMutation({
    mutationFn: async () => {
      const now = Date.now()
      const { parts, counts } = await exportBackup(getDb(), { now, extensionVersion: chrome.runtime.getManifest?.().version ?? "" })
      downloadFile(parts, "application/json", backupFileName(now))
      return counts
    }
  })
  const preview = useMutation({ mutationFn: (f: File) => previewImport(getDb(), () => fileChunks(f)) })
  const importer = useMutation({
    mutationKey: IMPORT_KEY,
    mutationFn: async (f: File) => {
      let written = 0
      let refused = 0
      setProgress(0)
      const send1 = async (batch: { table: BackupTable; rows: unknown[] }) => {
        const r = await send("backup.import", batch)
        written += r.written
        refused += r.refused
        setProgress(written)
      }
      // Preferences last: a language among them redraws this page in that language.
      const settings: { table: BackupTable; rows: unknown[] }[] = []
      for await (const batch of importBatches(() => fileChunks(f))) {
        if (batch.table === "settings") settings.push(batch)
        else await send1(batch)
      }
      for (const batch of settings) await send1(batch)
      await send("backup.finish", {})
      return { written, refused }
    }
  })
  // The result outlives a redraw in another language (the mutation cache is the page's).
  const finished = useMutationState({
    filters: { mutationKey: IMPORT_KEY, status: "success" },
    select: (m) => m.state.data as { written: number; refused: number }
  })
  const imported = importer.data ?? (importer.isIdle && !preview.data && !preview.isPending ? finished.at(-1) : undefined)

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null
    setFile(f)
    importer.reset()
    if (f) preview.mutate(f)
    else preview.reset()
  }
  const changes = preview.data ? BACKUP_TABLES.reduce((n, tb) => n + preview.data!.tables[tb].added + preview.data!.tables[tb].changed, 0) : 0

  return (
    <section className="lh-card" aria-labelledby="lh-backup-title" data-lh-section="backup">
      <h2 id="lh-backup-title">{t("backup_title")}</h2>
      <p className="lh-muted">{t("backup_hint")}</p>
      <h3>{t("backup_export")}</h3>
      <button type="button" className="lh-btn" onClick={() => exporter.mutate()} disabled={exporter.isPending} data-lh="export-backup">
        {exporter.isPending ? t("backup_exporting") : t("backup_export_button")}
      </button>
      {exporter.isSuccess && (
        <p role="status" className="lh-muted" data-lh="export-done">
          {t("backup_exported", countsText(exporter.data) || t("backup_nothing"))}
        </p>
      )}
      {exporter.isError && (
        <p role="alert" className="lh-error">
          {errorText(exporter.error)}
        </p>
      )}
      <h3>{t("backup_import")}</h3>
      <label htmlFor="lh-import-file">{t("backup_import_label")}</label>{" "}
      <input id="lh-import-file" type="file" accept=".json,application/json" onChange={onFile} data-lh="import-file" />
      {preview.isPending && <p role="status">{t("backup_reading")}</p>}
      {preview.isError && (
        <p role="alert" className="lh-error" data-lh="import-error">
          {errorText(preview.error)}
        </p>
      )}
      {preview.data && file && !importer.isSuccess && (
        <div className="lh-preview">
          <PreviewTable preview={preview.data} />
          {preview.data.unknownTables.length > 0 && <p className="lh-muted">{t("backup_unknown_tables", preview.data.unknownTables.join(", "))}</p>}
          <p>{changes ? t("backup_merge_note") : t("backup_no_changes")}</p>
          <div className="lh-row">
            <button type="button" className="lh-btn" onClick={() => importer.mutate(file)} disabled={importer.isPending || !changes} data-lh="import-confirm">
              {importer.isPending ? t("backup_importing", String(progress)) : t("backup_import_button")}
            </button>
            <button
              type="button"
              className="lh-btn-plain"
              onClick={() => {
                setFile(null)
                preview.reset()
              }}
              disabled={importer.isPending}>
              {t("options_cancel")}
            </button>
          </div>
        </div>
      )}
      {imported && (
        <p role="status" className="lh-muted" data-lh="import-done" data-lh-written={imported.written}>
          {t("backup_imported", [String(imported.written), String(imported.refused)])}
        </p>
      )}
      {importer.isError && (
        <p role="alert" className="lh-error">
          {errorText(importer.error)}
        </p>
      )}
      {(preview.data?.shopsToEnable.length ?? 0) > 0 && <ShopsToEnable origins={preview.data!.shopsToEnable} />}
    </section>
  )
}
