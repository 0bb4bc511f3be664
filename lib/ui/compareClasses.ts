// How the compare page shows each class of aligned row: a color (bars, row edge, legend), a word
// (the row's), and what the legend says: "B faster", but "missing in B", never "B missing in B".
import { AlignClass } from "../trace";

export const COMPARE_CLASSES: readonly { cls: AlignClass; key: string; label: string; legend: string; title: string; color: string }[] = [
  { cls: AlignClass.FASTER, key: "faster", label: "faster", legend: "B faster", title: "in both traces, quicker in B", color: "#16a34a" },
  { cls: AlignClass.SLOWER, key: "slower", label: "slower", legend: "B slower", title: "in both traces, slower in B", color: "#dc2626" },
  { cls: AlignClass.SAME, key: "same", label: "same", legend: "B same", title: "in both traces, within 10% or 1 ms", color: "#b4b4bc" },
  { cls: AlignClass.MISSING, key: "missing", label: "missing in B", legend: "missing in B", title: "only in A", color: "#d97706" },
  { cls: AlignClass.NEW, key: "new", label: "new in B", legend: "new in B", title: "only in B", color: "#7c3aed" },
];

const BY_CLASS = new Map(COMPARE_CLASSES.map((c) => [c.cls as number, c]));

export function compareClassOf(cls: number): (typeof COMPARE_CLASSES)[number] {
  return BY_CLASS.get(cls) ?? COMPARE_CLASSES[2]!;
}
