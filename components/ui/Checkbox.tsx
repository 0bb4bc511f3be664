"use client";
// A checkbox with its label: the whole text toggles it.
import { useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useReplayEarlyClick } from "./useReplayEarlyClick";

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className" | "title"> & {
  children: ReactNode;
  /** On the label: explains the option on hover. */
  title?: string;
  /** On the label. */
  className?: string;
};

export function Checkbox({ children, title, className = "", ...input }: CheckboxProps) {
  const box = useRef<HTMLInputElement>(null);
  useReplayEarlyClick(box, input.checked);
  return (
    <label className={`flex items-center gap-1.5 text-sm ${className}`.trim()} title={title}>
      <input ref={box} type="checkbox" {...input} />
      {children}
    </label>
  );
}
