// One reaction pill: its emoji and count, toggling the reader's own reaction; who gave it
// shows above it while it is pointed at or focused, or after a long press on a touch screen
// (which then does not toggle it), and is its accessible description.
import {
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";

/** How long a finger rests on a pill before it shows who reacted instead of toggling. */
const LONG_PRESS_MS = 500;

export interface ReactionButtonProps {
  emoji: string;
  /** Null: nobody gave it yet (a quick reaction on offer). */
  count: number | null;
  reacted: boolean;
  /** "Ada and you reacted with 🎉", or null when nobody did. */
  who: string | null;
  onToggle(): void;
}

function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pressed = useRef(false);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return {
    /** Whether the last press was long: the clicks that end it are ignored. */
    wasLong: () => pressed.current,
    handlers: {
      onPointerDown: (event: PointerEvent) => {
        pressed.current = false;
        cancel();
        if (event.pointerType === "mouse") return;
        timer.current = setTimeout(() => {
          pressed.current = true;
          onLongPress();
        }, LONG_PRESS_MS);
      },
      onPointerUp: cancel,
      onPointerCancel: cancel,
      onPointerLeave: cancel,
      onContextMenu: (event: MouseEvent) => {
        if (pressed.current || timer.current !== null) event.preventDefault();
      },
    },
  };
}

export function ReactionButton(props: ReactionButtonProps): ReactNode {
  const { emoji, count, reacted, who, onToggle } = props;
  const [shown, setShown] = useState(false);
  const whoId = useId();
  const holder = useRef<HTMLSpanElement>(null);
  const longPress = useLongPress(() => setShown(true));
  // After a long press the names stay until the next touch elsewhere.
  useEffect(() => {
    if (!shown) return;
    const onPointerDown = (event: globalThis.PointerEvent) => {
      if (!(event.target instanceof Node) || !holder.current?.contains(event.target)) {
        setShown(false);
      }
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [shown]);
  const given = count !== null;
  const className = ["reaction", given ? "given" : "", reacted ? "reacted" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <span className="reaction-holder" ref={holder}>
      <button
        type="button"
        className={className}
        aria-pressed={reacted}
        // The name starts with what the button shows ("👍 2"), so speech input finds it.
        aria-label={given ? `${emoji} ${count}, react` : `React ${emoji}`}
        aria-describedby={who === null ? undefined : whoId}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onClick={() => {
          if (!longPress.wasLong()) onToggle();
        }}
        {...longPress.handlers}
      >
        {emoji} {given ? count : ""}
      </button>
      {who !== null && (
        // Hidden, it still describes the button (aria-describedby reads hidden elements).
        <span id={whoId} role="tooltip" className="who-reacted" hidden={!shown}>
          {who}
        </span>
      )}
    </span>
  );
}
