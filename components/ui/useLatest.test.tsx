// @vitest-environment jsdom
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useLatest } from "./useLatest";

describe("useLatest", () => {
  it("is one ref for the component's life, holding the last committed render's value", () => {
    const { result, rerender } = renderHook(({ value }) => useLatest(value), { initialProps: { value: { n: 1 } } });
    const ref = result.current;
    expect(ref.current).toEqual({ n: 1 });
    const next = { n: 2 };
    rerender({ value: next });
    expect(result.current).toBe(ref);
    expect(ref.current).toBe(next);
  });
});
