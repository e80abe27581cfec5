// Light, dark or the system's theme: the workspace setting, unless this
// device has a personal choice (kept in localStorage). Applied as
// <html data-theme>, which the stylesheet reads through color-scheme.
import { Observable } from "./observable.ts";

export type ThemeChoice = "system" | "light" | "dark";
export type PersonalTheme = ThemeChoice | "workspace";

export const PERSONAL_THEMES: readonly PersonalTheme[] = ["workspace", "system", "light", "dark"];
const KEY = "openvibe:theme";

export function effectiveTheme(
  personal: PersonalTheme,
  workspace: ThemeChoice | undefined,
): ThemeChoice {
  return personal === "workspace" ? (workspace ?? "system") : personal;
}

function isPersonalTheme(value: string | null): value is PersonalTheme {
  return PERSONAL_THEMES.some((theme) => theme === value);
}

function stored(): PersonalTheme {
  const value = localStorage.getItem(KEY);
  return isPersonalTheme(value) ? value : "workspace";
}

let personal: Observable<PersonalTheme> | null = null;

/** This device's choice (read from localStorage on first use). */
export function personalTheme(): Observable<PersonalTheme> {
  personal ??= new Observable<PersonalTheme>(stored());
  return personal;
}

export function setPersonalTheme(theme: PersonalTheme): void {
  if (theme === "workspace") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  personalTheme().set(theme);
}

export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}
