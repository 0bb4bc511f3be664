"use client";
import { useState, type ReactNode } from "react";
import { Button, type ButtonSize } from "./ui/Button";

/** Copies a text (given, or computed on click) and says so for a moment. */
export function CopyButton({
  text,
  label,
  children = "Copy",
  size = "xs",
}: {
  text: string | (() => string);
  label: string;
  children?: ReactNode;
  size?: ButtonSize;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const value = typeof text === "function" ? text() : text;
    setState((await copyText(value)) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <Button variant="quiet" size={size} onClick={copy} aria-label={label} title={label} data-copied={state === "copied" ? "1" : undefined}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : children}
    </Button>
  );
}

/** The async clipboard needs a secure context (https or localhost); plain http on a LAN host falls back to execCommand. */
async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
