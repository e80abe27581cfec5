// The web app manifest and its icons, made at build time: the icon is drawn once as SVG (two
// speech bubbles, the app's accent on its background) in a light and a dark variant, and
// rendered to the PNG sizes installers ask for with sharp. Emitted into the bundle before the
// service worker plugin runs, so the shell precaches them.
import sharp from "sharp";
import type { Plugin } from "vite";

/** The app's colours (styles.css design tokens: --bg and --accent, light and dark). */
export const ICON_COLOURS = {
  light: { background: "#ffffff", accent: "#3451b2", ink: "#ffffff" },
  dark: { background: "#16181c", accent: "#8da4ef", ink: "#111317" },
} as const;

type Variant = keyof typeof ICON_COLOURS;

/**
 * The icon on a square of `size` units. `padded` keeps the drawing inside the inner 80% circle, as
 * maskable icons need (the launcher may crop to any shape).
 */
export function iconSvg(variant: Variant, padded = false): string {
  const { background, accent, ink } = ICON_COLOURS[variant];
  const scale = padded ? 0.7 : 0.9;
  const offset = (512 - 512 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${padded ? 0 : 96}" fill="${background}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M64 96h272a40 40 0 0 1 40 40v152a40 40 0 0 1-40 40H176l-72 64v-64H64a40 40 0 0 1-40-40V136a40 40 0 0 1 40-40z" fill="${accent}"/>
    <path d="M408 200h40a40 40 0 0 1 40 40v136a40 40 0 0 1-40 40h-16v56l-64-56H232a40 40 0 0 1-40-40v-8h144a72 72 0 0 0 72-72z" fill="${accent}" opacity="0.55"/>
    <circle cx="128" cy="212" r="22" fill="${ink}"/><circle cx="200" cy="212" r="22" fill="${ink}"/><circle cx="272" cy="212" r="22" fill="${ink}"/>
  </g>
</svg>
`;
}

export const MANIFEST_FILE = "manifest.webmanifest";

export function manifest(): Record<string, unknown> {
  return {
    name: "OpenVibe",
    short_name: "OpenVibe",
    description: "Team chat where people and AI agents work together, online or not.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: ICON_COLOURS.light.background,
    theme_color: ICON_COLOURS.light.accent,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      {
        src: "/icons/icon-maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
      { src: "/icons/icon-light.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}

async function png(svg: string, size: number): Promise<Uint8Array> {
  return sharp(Buffer.from(svg)).resize(size, size).png().toBuffer();
}

export function appIcons(): Plugin {
  return {
    name: "openvibe-app-icons",
    apply: "build",
    async generateBundle() {
      const files: [string, string | Uint8Array][] = [
        ["icons/icon-light.svg", iconSvg("light")],
        ["icons/icon-dark.svg", iconSvg("dark")],
        ["icons/icon-192.png", await png(iconSvg("light"), 192)],
        ["icons/icon-512.png", await png(iconSvg("light"), 512)],
        ["icons/icon-maskable-512.png", await png(iconSvg("light", true), 512)],
        ["icons/apple-touch-icon.png", await png(iconSvg("light", true), 180)],
        [MANIFEST_FILE, `${JSON.stringify(manifest(), null, 2)}\n`],
      ];
      for (const [fileName, source] of files) this.emitFile({ type: "asset", fileName, source });
    },
  };
}
