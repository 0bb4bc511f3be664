// The app's buttons: one look per kind, so an action reads the same on every page. A link that
// acts as a button (a download) takes the same classes through buttonClass; a link or a button
// inside text takes LINK_CLASS.
import type { ButtonHTMLAttributes } from "react";

/** The look of a link: for <a> and <Link>, and for a button that acts inside text or a list. */
export const LINK_CLASS = "text-sky-700 hover:underline dark:text-sky-400";

const VARIANTS = {
  /** Outlined: most actions. */
  outline: "rounded border border-zinc-300 hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800",
  /** Outlined, in a quieter ink: the copy and download actions beside the data. */
  quiet:
    "rounded border border-zinc-300 text-zinc-700 hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
  /** Filled: the one action a form or a control is for. */
  primary: "rounded bg-sky-700 font-medium text-white hover:bg-sky-800 disabled:opacity-40",
  /** Only an icon until hovered (close). */
  ghost: "rounded text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800",
  link: LINK_CLASS,
} as const;

const SIZES = {
  md: "px-3 py-1.5 text-sm",
  sm: "px-2 py-1 text-sm",
  compact: "px-2 py-0.5 text-sm",
  xs: "px-2 py-0.5 text-xs",
  /** No padding and no type size: the caller's className gives them (a link's, a badge's). */
  none: "",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

export function buttonClass(variant: ButtonVariant = "outline", size: ButtonSize = "md", className = ""): string {
  return [VARIANTS[variant], SIZES[size], className].filter(Boolean).join(" ");
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

/** A <button> (type "button" unless told: never submits a form by accident). */
export function Button({
  variant = "outline",
  size = variant === "link" ? "none" : "md",
  className = "",
  type = "button",
  ...props
}: ButtonProps) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}
