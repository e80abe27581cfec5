// Long message text folds after about 30 lines, with "Show more" to unfold it (and "Show less"
// to fold it again), so one long paste or agent answer does not push a thread off screen.
import { type ReactNode, useState } from "react";

const FOLD_LINES = 30;
/** Long lines wrap: this many characters count as long too. */
const FOLD_CHARS = 3_000;

export function isLongText(text: string): boolean {
  return text.length > FOLD_CHARS || text.split("\n").length > FOLD_LINES;
}

export function Foldable(props: { long: boolean; children: ReactNode }): ReactNode {
  const [open, setOpen] = useState(false);
  if (!props.long) return props.children;
  return (
    <div className={open ? "foldable" : "foldable folded"}>
      {props.children}
      <button
        type="button"
        className="fold-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? "Show less" : "Show more"}
      </button>
    </div>
  );
}
