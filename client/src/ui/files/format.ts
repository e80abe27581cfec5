// How files are described to people: sizes in B, KB, MB, GB (powers of 1024) and an icon by type.

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export function fileIcon(type: string): string {
  if (type.startsWith("image/")) return "🖼️";
  if (type.startsWith("video/")) return "🎞️";
  if (type.startsWith("audio/")) return "🎵";
  if (type === "application/pdf") return "📕";
  if (/zip|gzip|x-7z|x-tar/.test(type)) return "📦";
  if (type.startsWith("text/") || /json|xml|javascript/.test(type)) return "📄";
  return "📎";
}
