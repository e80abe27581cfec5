// Bytes as a string of one character per byte (code units 0-255): what btoa encodes, and what
// localStorage keeps one byte per character. Built in chunks (an argument list has a limit).
export function toBinaryString(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return text;
}

/** The bytes of `text` from `start` on (each character one byte). */
export function fromBinaryString(text: string, start = 0): Uint8Array {
  const bytes = new Uint8Array(text.length - start);
  for (let i = 0; i < bytes.length; i++) bytes[i] = text.charCodeAt(start + i);
  return bytes;
}
