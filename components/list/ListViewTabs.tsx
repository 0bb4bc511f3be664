// Traces one by one, or grouped by request signature: the choice is `view=requests` in the URL.
import Link from "next/link";

export function ListViewTabs({ grouped, tracesHref, groupsHref }: { grouped: boolean; tracesHref: string; groupsHref: string }) {
  const tab = (active: boolean) =>
    `rounded px-2 py-1 text-sm ${active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "text-sky-700 hover:underline dark:text-sky-400"}`;
  return (
    <nav aria-label="List view" className="flex gap-1">
      <Link href={tracesHref} className={tab(!grouped)} aria-current={grouped ? undefined : "page"}>
        Traces
      </Link>
      <Link href={groupsHref} className={tab(grouped)} aria-current={grouped ? "page" : undefined}>
        By request
      </Link>
    </nav>
  );
}
