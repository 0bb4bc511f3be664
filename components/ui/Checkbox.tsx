// A checkbox with its label: the whole text toggles it.
import type { InputHTMLAttributes, ReactNode } from "react";

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className" | "title"> & {
  children: ReactNode;
  /** On the label: explains the option on hover. */
  title?: string;
  /** On the label. */
  className?: string;
};

export function Checkbox({ children, title, className = "", ...input }: CheckboxProps) {
  return (
    <label className={`flex items-center gap-1.5 text-sm ${className}`.trim()} title={title}>
      <input type="checkbox" {...input} />
      {children}
    </label>
  );
}
