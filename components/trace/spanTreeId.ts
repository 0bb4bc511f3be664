/** The id of the trace page's span tree (Timeline's body), the target of SkipToSpans. Its own module: the offline report bundles Timeline without Next.js's runtime, which SkipToSpans uses. */
export const SPAN_TREE_ID = "span-tree";
