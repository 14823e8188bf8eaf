// A list that renders only the rows in view (@tanstack/react-virtual), so that 10,000 products
// cost as much as 20. Rows may differ in height: each is measured once drawn.
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual"
import { useRef, type ReactNode } from "react"

export interface VirtualListProps<T> {
  items: readonly T[]
  /** Rows in the list when more than `items` (the first rows read, the rest coming): those show `renderPending`. */
  count?: number
  renderPending?: (index: number) => ReactNode
  getKey: (item: T) => string | number
  renderItem: (item: T, index: number) => ReactNode
  /** Accessible name of the list. */
  label: string
  /** Height of the scrolling box (px), and a row's expected height before it is measured. */
  height: number
  estimate: number
  className?: string
  /** Marks the list for tests and measures (`data-lh-popup`). */
  name?: string
}

/** The box's size; before layout (or without one, as in tests) the height it is given. */
function observeRect(height: number) {
  return (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) => {
    const el = instance.scrollElement
    if (!el) return
    const measure = () => cb({ width: el.clientWidth || 360, height: el.clientHeight || height })
    measure()
    if (typeof ResizeObserver === "undefined") return () => undefined
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }
}

export function VirtualList<T>({
  items,
  count = items.length,
  renderPending,
  getKey,
  renderItem,
  label,
  height,
  estimate,
  className,
  name
}: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null)
  const size = Math.max(count, items.length)
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count: size,
    getScrollElement: () => box.current,
    estimateSize: () => estimate,
    getItemKey: (i) => (i < items.length ? getKey(items[i]) : `pending:${i}`),
    overscan: 6,
    initialRect: { width: 360, height },
    observeElementRect: observeRect(height),
    measureElement: (el) => el.getBoundingClientRect().height || estimate
  })
  return (
    <div
      ref={box}
      className={`lh-vlist ${className ?? ""}`}
      style={{ maxHeight: height, overflowY: "auto" }}
      data-lh-popup={name}
      tabIndex={0}
      role="region"
      aria-label={label}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            role="listitem"
            aria-setsize={size}
            aria-posinset={row.index + 1}
            data-index={row.index}
            ref={virtualizer.measureElement}
            style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${row.start}px)` }}>
            {row.index < items.length ? renderItem(items[row.index], row.index) : renderPending?.(row.index)}
          </div>
        ))}
      </div>
    </div>
  )
}
